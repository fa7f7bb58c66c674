"""The reserve's URLs (namespace ``reserve``)."""

from django.urls import path

from muster.reserve import views
from muster.reserve.assets import need_views as asset_needs
from muster.reserve.assets import round_views as asset_rounds
from muster.reserve.assets import views as assets
from muster.reserve.discharge import views as discharge
from muster.reserve.payments import views as payments
from muster.reserve.placement import views as placement
from muster.reserve.register import views as register
from muster.reserve.reports import periodic_views as periodic
from muster.reserve.reports import views as reports
from muster.reserve.training import views as training
from muster.reserve.units import views as units

app_name = "reserve"

urlpatterns = [
    path("", views.index, name="index"),
    path("strength/", reports.strength, name="strength"),
    path("area/<uuid:public_id>/reports/", periodic.periods, name="report_periods"),
    path(
        "area/<uuid:public_id>/reports/report.pdf",
        periodic.report,
        {"fmt": "pdf"},
        name="report_pdf",
    ),
    path(
        "area/<uuid:public_id>/reports/report.docx",
        periodic.report,
        {"fmt": "docx"},
        name="report_docx",
    ),
    path("<uuid:public_id>/returns/", discharge.returns, name="returns"),
    path("<uuid:public_id>/receive/", discharge.receive, name="receive"),
    path("<uuid:public_id>/register/", register.register, name="register"),
    path("reservist/<uuid:public_id>/", register.reservist, name="reservist"),
    path("<uuid:public_id>/training/", training.training, name="training"),
    path("training/call/<uuid:public_id>/", training.training_call, name="training_call"),
    path(
        "training/call/<uuid:public_id>/payment.xlsx",
        training.training_payment,
        {"fmt": "xlsx"},
        name="training_payment_xlsx",
    ),
    path(
        "training/call/<uuid:public_id>/payment.pdf",
        training.training_payment,
        {"fmt": "pdf"},
        name="training_payment_pdf",
    ),
    path("training/meeting/<uuid:public_id>/", training.meeting, name="meeting"),
    path(
        "training/meeting/<uuid:public_id>/minutes.pdf",
        training.meeting_minutes,
        {"fmt": "pdf"},
        name="meeting_minutes_pdf",
    ),
    path(
        "training/meeting/<uuid:public_id>/minutes.docx",
        training.meeting_minutes,
        {"fmt": "docx"},
        name="meeting_minutes_docx",
    ),
    path("<uuid:public_id>/assets/", assets.assets, name="assets"),
    path("<uuid:public_id>/assets/add/", assets.asset_add, name="asset_add"),
    path("asset/<uuid:public_id>/", assets.asset, name="asset"),
    path("asset/<uuid:public_id>/notice.pdf", assets.asset_notice_pdf, name="asset_notice_pdf"),
    path("asset/<uuid:public_id>/notice.docx", assets.asset_notice_docx, name="asset_notice_docx"),
    path("<uuid:public_id>/asset-rounds/", asset_rounds.asset_rounds, name="asset_rounds"),
    path("asset-round/<uuid:public_id>/", asset_rounds.asset_round, name="asset_round"),
    path(
        "asset-round/<uuid:public_id>/report.xlsx",
        asset_rounds.asset_round_xlsx,
        name="asset_round_xlsx",
    ),
    path("assets/rounds/", asset_rounds.asset_area_report, name="asset_area_report"),
    path("assets/rounds/report.xlsx", asset_rounds.asset_area_xlsx, name="asset_area_xlsx"),
    path("assets/needs/", asset_needs.asset_needs, name="asset_needs"),
    path("asset-need/<uuid:public_id>/", asset_needs.asset_need, name="asset_need"),
    path("reservist/<uuid:public_id>/card.pdf", register.card, name="card"),
    path("reception/<uuid:public_id>/", discharge.reception, name="reception"),
    path("<uuid:public_id>/transfers/", register.transfers, name="transfers"),
    path("area/<uuid:public_id>/units/", units.units, name="units"),
    path("area/<uuid:public_id>/units/new/", units.unit_create, name="unit_create"),
    path("area/<uuid:public_id>/close/", units.close, name="close"),
    path("area/<uuid:public_id>/placement/", placement.placement, name="placement"),
    path("area/<uuid:public_id>/placement/not-placed/", placement.not_placed, name="not_placed"),
    path("area/<uuid:public_id>/placement.xlsx", placement.placement_xlsx, name="placement_xlsx"),
    path("units/<uuid:public_id>/", units.unit_detail, name="unit"),
    path("units/<uuid:public_id>/edit/", units.unit_edit, name="unit_edit"),
    path("units/<uuid:public_id>/khung-b/", payments.cadres, name="unit_cadres"),
    path("area/<uuid:public_id>/allowances/", payments.payments, name="payments"),
    path(
        "area/<uuid:public_id>/allowances.xlsx",
        payments.payments_file,
        {"fmt": "xlsx"},
        name="payments_xlsx",
    ),
    path(
        "area/<uuid:public_id>/allowances.pdf",
        payments.payments_file,
        {"fmt": "pdf"},
        name="payments_pdf",
    ),
]
