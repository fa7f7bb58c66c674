from django.urls import path

from muster.health import views

app_name = "health"
urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("new/", views.session_create_view, name="session_create"),
    path("sessions/<uuid:public_id>/", views.session_detail, name="session_detail"),
    path("sessions/<uuid:public_id>/call/", views.session_call_view, name="session_call"),
    path("sessions/<uuid:public_id>/book/", views.session_book, name="session_book"),
    path(
        "sessions/<uuid:public_id>/screening-call.pdf",
        views.screening_call_pdf,
        name="screening_call_pdf",
    ),
    path("calls/<uuid:public_id>/", views.result_entry, name="result_entry"),
    path("calls/<uuid:public_id>/conclude/", views.conclude_view, name="conclude"),
    path("calls/<uuid:public_id>/appeal/", views.appeal_view, name="appeal"),
    path("calls/<uuid:public_id>/referral/", views.referral_view, name="referral"),
]
