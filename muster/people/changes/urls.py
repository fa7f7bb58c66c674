"""URLs of the changes after registration (namespace ``people``)."""

from django.urls import path

from muster.people.changes import views

urlpatterns = [
    path("changes/<uuid:public_id>/", views.registration_changes, name="registration_changes"),
]
