"""URLs of the import and export of a commune's spreadsheet (namespace ``people``)."""

from django.urls import path

from muster.people.imports import views

urlpatterns = [
    path("import/", views.import_start, name="import_start"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/export/<uuid:public_id>/", views.import_export, name="import_export"),
    path("import/<uuid:public_id>/", views.import_batch, name="import_batch"),
    path("import/<uuid:public_id>/check/", views.import_check_view, name="import_check"),
    path("import/<uuid:public_id>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<uuid:public_id>/errors.xlsx", views.import_errors, name="import_errors"),
]
