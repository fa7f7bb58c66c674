"""URLs of violation cases, included from ``campaign_urls`` (namespace ``campaigns``)."""

from django.urls import path

from muster.conscription.violations import views

urlpatterns = [
    path("violations/", views.violation_all, name="violation_all"),
    path("violations/new/", views.violation_create, name="violation_create"),
    path(
        "violations/new/offender/",
        views.violation_create_offender,
        name="violation_create_offender",
    ),
    path("violations/<uuid:public_id>/", views.violation_detail, name="violation_detail"),
    path("violations/<uuid:public_id>/pdf", views.violation_pdf, name="violation_pdf"),
    path("<uuid:public_id>/violations/", views.violation_list, name="violation_list"),
    path(
        "<uuid:public_id>/violations/candidates/",
        views.violation_candidates,
        name="violation_candidates",
    ),
]
