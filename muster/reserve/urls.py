"""The reserve's URLs (namespace ``reserve``)."""

from django.urls import path

from muster.reserve import views
from muster.reserve.discharge import views as discharge
from muster.reserve.placement import views as placement
from muster.reserve.register import views as register
from muster.reserve.units import views as units

app_name = "reserve"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:public_id>/returns/", discharge.returns, name="returns"),
    path("<uuid:public_id>/receive/", discharge.receive, name="receive"),
    path("<uuid:public_id>/register/", register.register, name="register"),
    path("reservist/<uuid:public_id>/", register.reservist, name="reservist"),
    path("area/<uuid:public_id>/units/", units.units, name="units"),
    path("area/<uuid:public_id>/units/new/", units.unit_create, name="unit_create"),
    path("area/<uuid:public_id>/close/", units.close, name="close"),
    path("area/<uuid:public_id>/placement/", placement.placement, name="placement"),
    path("area/<uuid:public_id>/placement/not-placed/", placement.not_placed, name="not_placed"),
    path("area/<uuid:public_id>/placement.xlsx", placement.placement_xlsx, name="placement_xlsx"),
    path("units/<uuid:public_id>/", units.unit_detail, name="unit"),
    path("units/<uuid:public_id>/edit/", units.unit_edit, name="unit_edit"),
]
