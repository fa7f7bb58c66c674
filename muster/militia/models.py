"""The militia's models, re-exported so Django registers them under the app label
``militia``; each lives in its sub-package."""

from muster.militia.members.models import (
    Membership,
    MembershipStatus,
    MilitiaRegistration,
    RegistrationSource,
)
from muster.militia.organisation.models import Appointment, MilitiaUnit
from muster.militia.training.models import (
    Attendance,
    TrainingPlan,
    TrainingSession,
)

__all__ = [
    "Appointment",
    "Attendance",
    "Membership",
    "MembershipStatus",
    "MilitiaRegistration",
    "MilitiaUnit",
    "RegistrationSource",
    "TrainingPlan",
    "TrainingSession",
]
