"""Login (throttled), logout and language choice."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from muster.accounts import services, throttle
from muster.accounts.forms import LoginForm
from muster.accounts.models import User
from muster.core.http import client_address


def client_ip(request: HttpRequest) -> str:
    """The client's address, behind a trusted proxy too (``core.http.client_address``)."""
    return client_address(request)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(settings.LOGIN_REDIRECT_URL)


@login_not_required
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        ip = client_ip(request)
        cookie = request.COOKIES.get(throttle.DEVICE_COOKIE)
        attempt = throttle.attempt_begin(
            username=username, ip_address=ip, device=throttle.device_for(cookie, username)
        )
        if attempt is None:
            form.add_error(
                None,
                _("Too many failed logins. Wait %(minutes)d minutes and try again.")
                % {"minutes": max(1, settings.LOGIN_FAILURE_WINDOW_SECONDS // 60)},
            )
            status = 429
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            # The system actor never logs in (its password is unusable; this holds even if
            # someone gave it one).
            if isinstance(user, User) and user.is_active and not user.is_system_actor:
                throttle.attempt_succeeded(attempt=attempt, username=username)
                login(request, user)
                services.login_success_record(user=user, ip_address=ip)
                response = redirect(_safe_next(request))
                response.set_cookie(
                    throttle.DEVICE_COOKIE,
                    throttle.device_cookie_after_login(cookie, username),
                    max_age=settings.LOGIN_DEVICE_COOKIE_DAYS * 86400,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
                return response
            # The attempt stays counted as a failure.
            form.add_error(None, _("Wrong user name or password."))
            status = 401
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=status,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    return django_set_language(request)
