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
from muster.reserve.payments.models import KhungBAppointment
from muster.reserve.placement.models import NotPlaced, Placement, PlacementRun, UnitStrength
from muster.reserve.register.models import HealthCheck, OfficerReview, Reservist, Transfer
from muster.reserve.training.models import (
    CallEntry,
    Meeting,
    MeetingAttendance,
    TrainingCall,
)
from muster.reserve.units.models import CloseSpecialty, ReserveUnit, UnitPost

__all__ = [
    "Asset",
    "AssetAssignment",
    "AssetNeed",
    "CallEntry",
    "CloseSpecialty",
    "DischargeReception",
    "HealthCheck",
    "KhungBAppointment",
    "Meeting",
    "MeetingAttendance",
    "NotPlaced",
    "OfficerReview",
    "Placement",
    "PlacementRun",
    "RegistrationRound",
    "ReserveUnit",
    "Reservist",
    "RoundEntry",
    "TrainingCall",
    "Transfer",
    "UnitPost",
    "UnitStrength",
]
