from django.urls import path

import muster.conscription.eligibility.views as views

app_name = "eligibility"
urlpatterns = [
    path(
        "political/<uuid:public_id>/",
        views.political_verification_view,
        name="political_verification",
    ),
]
