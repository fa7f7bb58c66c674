"""The reserve's models, re-exported so Django registers them under the app label
``reserve``; each lives in its sub-package."""

from muster.reserve.assets.models import Asset
from muster.reserve.discharge.models import DischargeReception
from muster.reserve.placement.models import NotPlaced, Placement, PlacementRun, UnitStrength
from muster.reserve.register.models import Reservist
from muster.reserve.units.models import CloseSpecialty, ReserveUnit, UnitPost

__all__ = [
    "Asset",
    "CloseSpecialty",
    "DischargeReception",
    "NotPlaced",
    "Placement",
    "PlacementRun",
    "ReserveUnit",
    "Reservist",
    "UnitPost",
    "UnitStrength",
]
