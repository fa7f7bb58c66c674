from django.urls import path

from muster.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("campaigns/<uuid:public_id>/results/", views.results, name="results"),
    path("campaigns/<uuid:public_id>/evenness/", views.evenness, name="evenness"),
    path("campaigns/<uuid:public_id>/dashboard/", views.dashboard, name="dashboard"),
    path(
        "campaigns/<uuid:public_id>/lists/callup/",
        views.list_view,
        {"which": "callup"},
        name="callup_list",
    ),
    path(
        "campaigns/<uuid:public_id>/lists/deferral/",
        views.list_view,
        {"which": "deferral"},
        name="deferral_list",
    ),
    path(
        "campaigns/<uuid:public_id>/lists/exemption/",
        views.list_view,
        {"which": "exemption"},
        name="exemption_list",
    ),
    path("campaigns/<uuid:public_id>/forms/", views.forms, name="forms"),
    path("campaigns/<uuid:public_id>/export/", views.export_create, name="export_create"),
    path("exports/", views.export_list, name="export_list"),
    path("exports/<uuid:public_id>/", views.export_detail, name="export_detail"),
    path("exports/<uuid:public_id>/status/", views.export_status, name="export_status"),
    path("exports/<uuid:public_id>/download/", views.export_download, name="export_download"),
]
