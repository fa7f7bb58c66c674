"""The rear policy's URLs (namespace ``rear``)."""

from django.urls import path

from muster.rear import views

app_name = "rear"

urlpatterns = [
    path("", views.index, name="index"),
    path("report.pdf", views.area_report_pdf, name="area_report_pdf"),
    path("report.xlsx", views.area_report_xlsx, name="area_report_xlsx"),
    path("<uuid:public_id>/", views.commune, name="commune"),
    path("<uuid:public_id>/cases/new/", views.case_new, name="case_new"),
    path("<uuid:public_id>/entitlements/new/", views.entitlement_new, name="entitlement_new"),
    path("<uuid:public_id>/visits/new/", views.visit_new, name="visit_new"),
    path("<uuid:public_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<uuid:public_id>/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("cases/<uuid:public_id>/", views.case, name="case"),
    path("cases/<uuid:public_id>/send/", views.case_send, name="case_send"),
    path("cases/<uuid:public_id>/decide/", views.case_decide, name="case_decide"),
]
