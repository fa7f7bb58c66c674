"""The mobilisation app's models, re-exported so Django registers them (app label
``mobilisation``)."""

from muster.mobilisation.orders.models import CallOutLine, CallOutOrder, OrderStatus
from muster.mobilisation.rosters.models import OtherForce

__all__ = ["CallOutLine", "CallOutOrder", "OrderStatus", "OtherForce"]
