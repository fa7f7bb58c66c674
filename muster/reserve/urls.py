"""The reserve's URLs (namespace ``reserve``)."""

from django.urls import path

from muster.reserve import views
from muster.reserve.discharge import views as discharge
from muster.reserve.register import views as register

app_name = "reserve"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:public_id>/returns/", discharge.returns, name="returns"),
    path("<uuid:public_id>/receive/", discharge.receive, name="receive"),
    path("<uuid:public_id>/register/", register.register, name="register"),
    path("reservist/<uuid:public_id>/", register.reservist, name="reservist"),
]
