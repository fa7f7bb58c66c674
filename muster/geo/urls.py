from django.urls import path

from muster.geo import views

app_name = "geo"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("<uuid:public_id>/", views.unit_detail, name="unit_detail"),
]
