"""Pages after the handover and of the allowance, included from ``campaign_urls`` (names in the
``campaigns`` namespace)."""

from django.urls import path

from muster.conscription.aftercare import views

urlpatterns = [
    path("<uuid:public_id>/families/", views.family_notices, name="family_notices"),
    path("allowances/", views.allowance_index, name="allowance_index"),
    path("allowances/<uuid:public_id>/", views.allowance_unit, name="allowance_unit"),
    path(
        "allowances/<uuid:public_id>/list.pdf",
        views.allowance_file,
        {"fmt": "pdf"},
        name="allowance_pdf",
    ),
    path(
        "allowances/<uuid:public_id>/list.xlsx",
        views.allowance_file,
        {"fmt": "xlsx"},
        name="allowance_xlsx",
    ),
]
