"""The militia's URLs (namespace ``militia``); each sub-package adds its own patterns here."""

from django.urls import include, path

from muster.militia import views
from muster.militia.organisation.urls import urlpatterns as organisation_urls

app_name = "militia"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:public_id>/", views.commune, name="commune"),
    path("", include("muster.militia.members.urls")),
    path("", include("muster.militia.selection.urls")),
    path("", include("muster.militia.allowances.urls")),
    path("", include("muster.militia.readiness.urls")),
    path("", include("muster.militia.reports.urls")),
    *organisation_urls,
    path("", include("muster.militia.training.urls")),
]
