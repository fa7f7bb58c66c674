from django.urls import path

from muster.core import views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("modules/<slug:slug>/", views.module_pending, name="module_pending"),
]
