"""The reserve's models, re-exported so Django registers them under the app label
``reserve``; each lives in its sub-package."""

from muster.reserve.discharge.models import DischargeReception
from muster.reserve.register.models import Reservist

__all__ = ["DischargeReception", "Reservist"]
