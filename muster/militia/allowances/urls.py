"""Allowance URLs, included in the ``militia`` namespace."""

from django.urls import path

from muster.militia.allowances import views

urlpatterns = [
    path("<uuid:public_id>/allowances/", views.allowances, name="allowances"),
    path(
        "<uuid:public_id>/allowances/list.pdf",
        views.allowances_file,
        {"fmt": "pdf"},
        name="allowances_pdf",
    ),
    path(
        "<uuid:public_id>/allowances/list.xlsx",
        views.allowances_file,
        {"fmt": "xlsx"},
        name="allowances_xlsx",
    ),
    path("<uuid:public_id>/allowances/rates/", views.rates, name="allowance_rates"),
]
