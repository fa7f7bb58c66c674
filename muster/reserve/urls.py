"""The reserve's URLs (namespace ``reserve``)."""

from django.urls import path

from muster.reserve import views
from muster.reserve.discharge import views as discharge
from muster.reserve.register import views as register
from muster.reserve.training import views as training

app_name = "reserve"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:public_id>/returns/", discharge.returns, name="returns"),
    path("<uuid:public_id>/receive/", discharge.receive, name="receive"),
    path("<uuid:public_id>/register/", register.register, name="register"),
    path("reservist/<uuid:public_id>/", register.reservist, name="reservist"),
    path("<uuid:public_id>/training/", training.training, name="training"),
    path("training/call/<uuid:public_id>/", training.training_call, name="training_call"),
    path(
        "training/call/<uuid:public_id>/payment.xlsx",
        training.training_payment,
        {"fmt": "xlsx"},
        name="training_payment_xlsx",
    ),
    path(
        "training/call/<uuid:public_id>/payment.pdf",
        training.training_payment,
        {"fmt": "pdf"},
        name="training_payment_pdf",
    ),
    path("training/meeting/<uuid:public_id>/", training.meeting, name="meeting"),
    path(
        "training/meeting/<uuid:public_id>/minutes.pdf",
        training.meeting_minutes,
        {"fmt": "pdf"},
        name="meeting_minutes_pdf",
    ),
    path(
        "training/meeting/<uuid:public_id>/minutes.docx",
        training.meeting_minutes,
        {"fmt": "docx"},
        name="meeting_minutes_docx",
    ),
]
