"""The militia's models, re-exported so Django registers them under the app label
``militia``; each lives in its sub-package."""

from muster.militia.allowances.models import ProvinceRate, RateKind
from muster.militia.members.models import (
    Absence,
    Membership,
    MembershipStatus,
    MilitiaRegistration,
    RegistrationSource,
)
from muster.militia.organisation.models import (
    Appointment,
    CadreRating,
    CadreReview,
    MilitiaUnit,
)
from muster.militia.readiness.models import CallOut, CallOutKind, CallOutMember, CallOutPurpose
from muster.militia.selection.models import SelectionDecision, SelectionKind
from muster.militia.targets.models import StrengthTarget
from muster.militia.training.models import (
    Attendance,
    TrainingPlan,
    TrainingSession,
)

__all__ = [
    "Absence",
    "Appointment",
    "Attendance",
    "CadreRating",
    "CadreReview",
    "CallOut",
    "CallOutKind",
    "CallOutMember",
    "CallOutPurpose",
    "Membership",
    "MembershipStatus",
    "MilitiaRegistration",
    "MilitiaUnit",
    "ProvinceRate",
    "RateKind",
    "RegistrationSource",
    "SelectionDecision",
    "SelectionKind",
    "StrengthTarget",
    "TrainingPlan",
    "TrainingSession",
]
