"""URLs of the militia selection (namespace ``militia``)."""

from django.urls import path

from muster.militia.selection import views

urlpatterns = [
    path("<uuid:public_id>/selection/", views.selection, name="selection"),
    path("decision/<uuid:public_id>.pdf", views.decision_file, {"fmt": "pdf"}, name="decision_pdf"),
    path(
        "decision/<uuid:public_id>.docx", views.decision_file, {"fmt": "docx"}, name="decision_docx"
    ),
]
