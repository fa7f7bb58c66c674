"""Readiness URLs, included in the ``militia`` namespace."""

from django.urls import path

from muster.militia.readiness import views

urlpatterns = [
    path("<uuid:public_id>/readiness/", views.readiness, name="readiness"),
    path("<uuid:public_id>/readiness/callouts/new/", views.callout_new, name="callout_new"),
    path("callouts/<uuid:public_id>/", views.callout, name="callout"),
    path("callouts/<uuid:public_id>/live/", views.callout_live, name="callout_live"),
    path("callouts/<uuid:public_id>/mark/", views.callout_mark, name="callout_mark"),
    path("callouts/<uuid:public_id>/close/", views.callout_close, name="callout_close"),
]
