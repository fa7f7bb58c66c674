"""The call-out module's URLs (namespace ``mobilisation``)."""

from django.urls import path

from muster.mobilisation import views
from muster.mobilisation.board import views as board
from muster.mobilisation.orders import views as orders
from muster.mobilisation.rosters import views as rosters

app_name = "mobilisation"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:public_id>/roster/", rosters.roster, name="roster"),
    path("<uuid:public_id>/roster/other/", rosters.other_force_new, name="other_force_new"),
    path("<uuid:public_id>/orders/new/", orders.order_new, name="order_new"),
    path("orders/<uuid:public_id>/", orders.order, name="order"),
    path("orders/<uuid:public_id>/add/", orders.order_add, name="order_add"),
    path("orders/<uuid:public_id>/remove/", orders.order_remove, name="order_remove"),
    path("orders/<uuid:public_id>/issue/", orders.order_issue, name="order_issue"),
    path("orders/<uuid:public_id>/close/", orders.order_close, name="order_close"),
    path("orders/<uuid:public_id>/report.pdf", orders.report_pdf, name="report_pdf"),
    path("orders/<uuid:public_id>/report.xlsx", orders.report_xlsx, name="report_xlsx"),
    path("orders/<uuid:public_id>/board/", board.board, name="board"),
    path("orders/<uuid:public_id>/board/live/", board.board_live, name="board_live"),
    path("orders/<uuid:public_id>/clerk/", board.clerk, name="clerk"),
    path("orders/<uuid:public_id>/mark/", board.mark, name="mark"),
]
