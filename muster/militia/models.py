"""The militia's models, re-exported so Django registers them under the app label
``militia``; each lives in its sub-package."""

from muster.militia.members.models import (
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
from muster.militia.targets.models import StrengthTarget

__all__ = [
    "Appointment",
    "CadreRating",
    "CadreReview",
    "Membership",
    "MembershipStatus",
    "MilitiaRegistration",
    "MilitiaUnit",
    "RegistrationSource",
    "StrengthTarget",
]
