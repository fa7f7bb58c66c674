"""The reserve's URLs (namespace ``reserve``)."""

from django.urls import path

from muster.reserve import views
from muster.reserve.discharge import views as discharge
from muster.reserve.register import views as register
from muster.reserve.reports import views as reports

app_name = "reserve"

urlpatterns = [
    path("", views.index, name="index"),
    path("strength/", reports.strength, name="strength"),
    path("<uuid:public_id>/returns/", discharge.returns, name="returns"),
    path("<uuid:public_id>/receive/", discharge.receive, name="receive"),
    path("<uuid:public_id>/register/", register.register, name="register"),
    path("reservist/<uuid:public_id>/", register.reservist, name="reservist"),
    path("reservist/<uuid:public_id>/card.pdf", register.card, name="card"),
    path("reception/<uuid:public_id>/", discharge.reception, name="reception"),
    path("<uuid:public_id>/transfers/", register.transfers, name="transfers"),
]
