from django.urls import path

from muster.conscription.province import views

urlpatterns = [
    path("<uuid:public_id>/province/", views.province_page, name="province_page"),
    path("province/decisions/<uuid:public_id>/", views.decision_detail, name="province_decision"),
    path(
        "province/decisions/<uuid:public_id>/pdf/",
        views.decision_pdf,
        name="province_decision_pdf",
    ),
    path("province/files/<uuid:public_id>/", views.file_download, name="province_file"),
]
