"""The training pages, included into the ``militia`` namespace."""

from django.urls import path

from muster.militia.training import views

urlpatterns = [
    path("<uuid:public_id>/training/", views.training, name="training"),
    path("<uuid:public_id>/training/members/", views.training_members, name="training_members"),
    path("training/<uuid:public_id>/", views.training_session, name="training_session"),
    path(
        "training/<uuid:public_id>/payment.pdf",
        views.training_payment,
        {"fmt": "pdf"},
        name="training_payment_pdf",
    ),
    path(
        "training/<uuid:public_id>/payment.xlsx",
        views.training_payment,
        {"fmt": "xlsx"},
        name="training_payment_xlsx",
    ),
]
