"""The defence module's URLs (namespace ``defence``)."""

from django.urls import path

from muster.defence import views

app_name = "defence"

urlpatterns = [
    path("", views.index, name="index"),
    path("units/<uuid:public_id>/", views.unit_works, name="unit"),
    path("units/<uuid:public_id>/plans/", views.plans, name="plans"),
    path("units/<uuid:public_id>/plans/new/", views.plan_new, name="plan_new"),
    path("units/<uuid:public_id>/drills/new/", views.drill_new, name="drill_new"),
    path("units/<uuid:public_id>/report.pdf", views.report_pdf, name="report_pdf"),
    path("units/<uuid:public_id>/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("works/<uuid:public_id>/", views.work, name="work"),
    path("steps/<uuid:public_id>/record/", views.milestone_record, name="milestone_record"),
    path("steps/<uuid:public_id>/evidence/", views.evidence_add, name="evidence_add"),
    path("steps/<uuid:public_id>/approve/", views.milestone_approve, name="milestone_approve"),
    path("evidence/<uuid:public_id>/", views.evidence_download, name="evidence"),
    path("plans/<uuid:public_id>/update/", views.plan_update, name="plan_update"),
    path("drills/<uuid:public_id>/held/", views.drill_held, name="drill_held"),
]
