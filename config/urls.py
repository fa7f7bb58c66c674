from django.urls import include, path

from muster.api.api import urls as api_v1_urls
from muster.portal import views as portal_views

urlpatterns = [
    path("", include("muster.portal.urls")),
    path("accounts/", include("muster.accounts.urls")),
    path("units/", include("muster.geo.urls")),
    path("people/", include("muster.people.urls")),
    path("audit/", include("muster.audit.urls")),
    path("health/", include("muster.health.urls")),
    path("dossiers/", include("muster.conscription.dossiers.urls")),
    path("eligibility/", include("muster.conscription.eligibility.urls")),
    path("directives/", include("muster.directives.urls")),
    path("campaigns/", include("muster.conscription.campaign.urls")),
    path("postings/", include("muster.conscription.postings.urls")),
    path("calendar/", include("muster.conscription.year.urls")),
    path("reports/", include("muster.reports.urls")),
    path("militia/", include("muster.militia.urls")),
    path("reserve/", include("muster.reserve.urls")),
    path("mobilisation/", include("muster.mobilisation.urls")),
    path("rear/", include("muster.rear.urls")),
    path("defence/", include("muster.defence.urls")),
    path("education/", include("muster.education.urls")),
    path("api/v1/", api_v1_urls),
    path("api/", include("muster.api.urls")),
    path("healthz", portal_views.healthz, name="healthz"),
]
