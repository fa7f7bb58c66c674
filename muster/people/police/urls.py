"""URLs of the commune police's quarterly reports (namespace ``people``)."""

from django.urls import path

from muster.people.police import views

urlpatterns = [
    path("police/", views.police_report_list, name="police_report_list"),
    path("police/<uuid:public_id>/", views.police_report_detail, name="police_report_detail"),
    path("police/items/<uuid:public_id>/apply/", views.police_item_apply, name="police_item_apply"),
]
