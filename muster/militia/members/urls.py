"""URLs of militia registration and membership (namespace ``militia``)."""

from django.urls import path

from muster.militia.members import views

urlpatterns = [
    path("<uuid:public_id>/registration/", views.registration, name="registration"),
    path(
        "<uuid:public_id>/registration/register.pdf",
        views.register_file,
        {"fmt": "pdf"},
        name="register_pdf",
    ),
    path(
        "<uuid:public_id>/registration/register.xlsx",
        views.register_file,
        {"fmt": "xlsx"},
        name="register_xlsx",
    ),
    path("member/<uuid:public_id>/", views.membership, name="membership"),
]
