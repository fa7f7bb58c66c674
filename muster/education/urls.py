"""Defence education URLs (namespace ``education``)."""

from django.urls import path

from muster.education import views

app_name = "education"

urlpatterns = [
    path("", views.index, name="index"),
    path("due/", views.due, name="due"),
    path("members/", views.members, name="members"),
    path("courses/", views.courses, name="courses"),
    path("course/<uuid:public_id>/", views.course, name="course"),
    path("certificates/", views.certificates, name="certificates"),
    path("certificates/list.pdf", views.certificate_file, {"fmt": "pdf"}, name="certificates_pdf"),
    path(
        "certificates/list.xlsx",
        views.certificate_file,
        {"fmt": "xlsx"},
        name="certificates_xlsx",
    ),
]
