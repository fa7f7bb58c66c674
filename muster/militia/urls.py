"""The militia's URLs (namespace ``militia``); each sub-package adds its own patterns here."""

from django.urls import include, path

from muster.militia import views

app_name = "militia"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:public_id>/", views.commune, name="commune"),
    path("", include("muster.militia.training.urls")),
]
