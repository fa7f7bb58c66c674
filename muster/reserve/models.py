"""The reserve's models, re-exported so Django registers them under the app label
``reserve``; each lives in its sub-package."""

from muster.reserve.assets.models import (
    Asset,
    AssetAssignment,
    AssetNeed,
    RegistrationRound,
    RoundEntry,
)
from muster.reserve.discharge.models import DischargeReception
from muster.reserve.register.models import HealthCheck, OfficerReview, Reservist, Transfer
from muster.reserve.training.models import (
    CallEntry,
    Meeting,
    MeetingAttendance,
    TrainingCall,
)
from muster.reserve.units.models import ReserveUnit, UnitPost

__all__ = [
    "Asset",
    "AssetAssignment",
    "AssetNeed",
    "CallEntry",
    "DischargeReception",
    "HealthCheck",
    "Meeting",
    "MeetingAttendance",
    "OfficerReview",
    "RegistrationRound",
    "ReserveUnit",
    "Reservist",
    "RoundEntry",
    "TrainingCall",
    "Transfer",
    "UnitPost",
]
