from django.urls import path

from muster.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create_view, name="person_create"),
    path("<uuid:public_id>/", views.person_detail, name="person_detail"),
    path("<uuid:public_id>/edit/", views.person_edit_view, name="person_edit"),
    path("<uuid:public_id>/transfer/", views.person_transfer_view, name="person_transfer"),
    path("<uuid:public_id>/absence/", views.person_absence_view, name="person_absence"),
]
