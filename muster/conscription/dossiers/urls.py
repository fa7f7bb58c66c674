from django.urls import path

import muster.conscription.dossiers.views as views

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="dossier_list"),
    path("rereview/", views.rereview_view, name="rereview_list"),
    path("new/<uuid:public_id>/", views.dossier_create_view, name="dossier_create"),
    path("<uuid:public_id>/", views.dossier_detail, name="dossier_detail"),
    path("<uuid:public_id>/review/", views.dossier_review_view, name="dossier_review"),
    path("<uuid:public_id>/decide/", views.dossier_decide_view, name="dossier_decide"),
    path("<uuid:public_id>/end/", views.dossier_end_view, name="dossier_end"),
]
