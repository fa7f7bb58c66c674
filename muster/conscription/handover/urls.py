"""Handover pages, included from ``campaign_urls`` (names in the ``campaigns`` namespace)."""

from django.urls import path

from muster.conscription.handover import views

urlpatterns = [
    path("<uuid:public_id>/handover/", views.handover_index, name="handover_index"),
    path("communes/<uuid:public_id>/handover/", views.handover_new, name="handover_new"),
    path("handovers/<uuid:public_id>/", views.handover_detail, name="handover_detail"),
    path("handovers/<uuid:public_id>/pdf", views.handover_pdf, name="handover_pdf"),
    path("recruits/<uuid:public_id>/", views.recruit_detail, name="recruit_detail"),
]
