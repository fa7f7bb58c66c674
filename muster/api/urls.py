from django.urls import path

from muster.api import views

app_name = "api"
urlpatterns = [
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<uuid:public_id>/revoke/", views.token_revoke_view, name="token_revoke"),
]
