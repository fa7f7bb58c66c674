"""The militia's URLs (namespace ``militia``); each sub-package adds its own patterns here."""

from django.urls import path

from muster.militia import views
from muster.militia.organisation.urls import urlpatterns as organisation_urls

app_name = "militia"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:public_id>/", views.commune, name="commune"),
    *organisation_urls,
]
