from django.urls import path

from muster.conscription.year import views

app_name = "yearcal"

urlpatterns = [
    path("", views.year_calendar, name="year_calendar"),
    path("<uuid:public_id>/", views.unit_calendar, name="unit_calendar"),
]
