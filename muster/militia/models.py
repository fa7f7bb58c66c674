"""The militia's models, re-exported so Django registers them under the app label
``militia``; each lives in its sub-package."""

from muster.militia.members.models import (
    Absence,
    Membership,
    MembershipStatus,
    MilitiaRegistration,
    RegistrationSource,
)
from muster.militia.organisation.models import Appointment, MilitiaUnit
from muster.militia.selection.models import SelectionDecision, SelectionKind

__all__ = [
    "Absence",
    "Appointment",
    "Membership",
    "MembershipStatus",
    "MilitiaRegistration",
    "MilitiaUnit",
    "RegistrationSource",
    "SelectionDecision",
    "SelectionKind",
]
