from django.urls import path

from muster.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("<uuid:public_id>/", views.person_detail, name="person_detail"),
]
