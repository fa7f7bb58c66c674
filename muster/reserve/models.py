"""The reserve's models, re-exported so Django registers them under the app label
``reserve``; each lives in its sub-package."""

from muster.reserve.assets.models import Asset
from muster.reserve.discharge.models import DischargeReception
from muster.reserve.register.models import HealthCheck, OfficerReview, Reservist, Transfer
from muster.reserve.units.models import ReserveUnit, UnitPost

__all__ = [
    "Asset",
    "DischargeReception",
    "HealthCheck",
    "OfficerReview",
    "ReserveUnit",
    "Reservist",
    "Transfer",
    "UnitPost",
]
