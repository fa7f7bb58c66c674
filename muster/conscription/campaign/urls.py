from django.urls import include, path

from muster.conscription.campaign import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("new/", views.campaign_create, name="campaign_create"),
    path("<uuid:public_id>/", views.campaign_board, name="campaign_board"),
    path("<uuid:public_id>/quotas/", views.campaign_quotas, name="campaign_quotas"),
    path("<uuid:public_id>/certificate.json", views.certificate_json, name="certificate_json"),
    path("<uuid:public_id>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("<uuid:public_id>/decisions/", views.decision_list, name="decision_list"),
    path("decisions/<uuid:public_id>/", views.decision_detail, name="decision_detail"),
    path("decisions/<uuid:public_id>/pdf", views.decision_pdf, name="decision_pdf"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("", include("muster.conscription.province.urls")),
    path("", include("muster.conscription.selection.urls")),
    path("", include("muster.conscription.handover.urls")),
    path("", include("muster.conscription.aftercare.urls")),
    path("", include("muster.conscription.violations.urls")),
]
