"""The militia report's URLs (included by ``muster.militia.urls``, namespace ``militia``)."""

from django.urls import path

from muster.militia.reports import views

urlpatterns = [
    path("report/", views.report, name="report"),
    path("report/xlsx/", views.report_file, {"fmt": "xlsx"}, name="report_xlsx"),
    path("report/pdf/", views.report_file, {"fmt": "pdf"}, name="report_pdf"),
    path("report/<uuid:public_id>/", views.report, name="report_unit"),
    path(
        "report/<uuid:public_id>/xlsx/", views.report_file, {"fmt": "xlsx"}, name="report_unit_xlsx"
    ),
    path("report/<uuid:public_id>/pdf/", views.report_file, {"fmt": "pdf"}, name="report_unit_pdf"),
]
