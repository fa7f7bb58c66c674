from django.urls import path

from muster.directives import report_views, setup_views, views

app_name = "directives"
urlpatterns = [
    path("", views.directive_list, name="directive_list"),
    path("new/", setup_views.directive_create, name="directive_create"),
    path("<uuid:public_id>/", views.directive_board, name="directive_board"),
    path("<uuid:public_id>/edit/", setup_views.directive_edit, name="directive_edit"),
    path("<uuid:public_id>/tasks/new/", setup_views.task_create, name="task_create"),
    path("tasks/<uuid:public_id>/edit/", setup_views.task_edit, name="task_edit"),
    path("tasks/<uuid:public_id>/move/", setup_views.task_move, name="task_move"),
    path("tasks/<uuid:public_id>/targets/new/", setup_views.target_create, name="target_create"),
    path("targets/<uuid:public_id>/edit/", setup_views.target_edit, name="target_edit"),
    path("<uuid:public_id>/reports/new/", report_views.report_create, name="report_create"),
    path(
        "<uuid:public_id>/standing-report.docx",
        views.standing_report_docx,
        name="standing_report_docx",
    ),
    path(
        "<uuid:public_id>/standing-report.pdf",
        views.standing_report_pdf,
        name="standing_report_pdf",
    ),
    path("targets/<uuid:public_id>/", views.target_detail, name="target_detail"),
    path("milestones/<uuid:public_id>/toggle/", views.milestone_toggle, name="milestone_toggle"),
    path("reports/", report_views.report_list, name="report_list"),
    path("reports/<uuid:public_id>/", report_views.report_detail, name="report_detail"),
    path("reports/<uuid:public_id>/edit/", report_views.report_edit, name="report_edit"),
    path("reports/<uuid:public_id>/submit/", report_views.report_submit, name="report_submit"),
    path("reports/<uuid:public_id>/review/", report_views.report_review, name="report_review"),
    path("reports/<uuid:public_id>/revise/", report_views.report_revise, name="report_revise"),
    path("evidence/<uuid:public_id>/", report_views.evidence_download, name="evidence_download"),
]
