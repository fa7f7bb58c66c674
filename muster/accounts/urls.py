from django.urls import path

from muster.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("unlock/", views.unlock_view, name="unlock"),
    path("users/", views.user_list, name="users"),
    path("users/<uuid:public_id>/login-code/", views.login_code_view, name="login_code"),
]
