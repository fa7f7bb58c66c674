from django.urls import path

from muster.reports import province_views, review_views, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("campaigns/<uuid:public_id>/results/", views.results, name="results"),
    path("campaigns/<uuid:public_id>/province/", province_views.province, name="province"),
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
    path("campaigns/<uuid:public_id>/reviews/", review_views.review_list, name="reviews"),
    path(
        "campaigns/<uuid:public_id>/reviews/new/",
        review_views.review_create,
        name="review_create",
    ),
    path("reviews/<uuid:public_id>/", review_views.review_detail, name="review_detail"),
    path("reviews/<uuid:public_id>/edit/", review_views.review_edit, name="review_edit"),
    path("reviews/<uuid:public_id>/send/", review_views.review_send, name="review_send"),
    path("reviews/<uuid:public_id>/receive/", review_views.review_receive, name="review_receive"),
    path(
        "reviews/<uuid:public_id>/acknowledge/",
        review_views.review_acknowledge,
        name="review_acknowledge",
    ),
    path("reviews/<uuid:public_id>/pdf/", review_views.review_pdf, name="review_pdf"),
    path("reviews/<uuid:public_id>/docx/", review_views.review_docx, name="review_docx"),
]
