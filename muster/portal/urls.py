from django.urls import path

from muster.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("modules/<slug:slug>/", views.module_pending, name="module_pending"),
]
