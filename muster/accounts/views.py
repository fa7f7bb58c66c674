"""Login (throttled), the one-time login code (issued by the administrator, redeemed on the
unlock page), the administrator's user list, logout and language choice."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from muster.accounts import services, throttle
from muster.accounts.access import get_for_user, require_cap
from muster.accounts.forms import LoginForm, UnlockForm
from muster.accounts.models import User
from muster.accounts.perms import Cap, can_issue_login_code
from muster.core.http import client_address
from muster.geo.scope import scope_of


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
    locked = False
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
            locked = True
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            # The system actor never logs in (its password is unusable; this holds even if
            # someone gave it one).
            if isinstance(user, User) and user.is_active and not user.is_system_actor:
                throttle.attempt_succeeded(attempt=attempt, username=username)
                login(request, user)
                services.login_success_record(user=user, ip_address=ip)
                response = redirect(_safe_next(request))
                _set_device_cookie(response, throttle.device_cookie_after_login(cookie, username))
                return response
            # The attempt stays counted as a failure.
            form.add_error(None, _("Wrong user name or password."))
            status = 401
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.GET.get("next", ""), "locked": locked},
        status=status,
    )


def _set_device_cookie(response: HttpResponse, value: str) -> None:
    response.set_cookie(
        throttle.DEVICE_COOKIE,
        value,
        max_age=settings.LOGIN_DEVICE_COOKIE_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@login_not_required
def unlock_view(request: HttpRequest) -> HttpResponse:
    """Redeem a one-time login code: this browser becomes a known device for the user, so the
    failures others made under his name no longer refuse him here; he then logs in as usual."""
    form = UnlockForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        ip = client_ip(request)
        # Counted against the address, never refused by it: a code is too long to guess, and
        # a user behind an attacker's address must still get in with his (throttle docstring).
        attempt = throttle.address_attempt_begin(ip_address=ip)
        if services.login_code_redeem(
            username=username, code=form.cleaned_data["code"], ip_address=ip
        ):
            if attempt is not None:
                throttle.attempt_forget(attempt=attempt)
            messages.success(
                request, _("This browser is now recognised for you. Log in with your password.")
            )
            response = redirect(reverse("accounts:login"))
            cookie = request.COOKIES.get(throttle.DEVICE_COOKIE)
            _set_device_cookie(
                response,
                throttle.device_cookie_after_login(cookie, username, throttle.new_device_id()),
            )
            return response
        else:
            form.add_error(None, _("The user name or the code is wrong, used or expired."))
    return render(request, "accounts/unlock.html", {"form": form}, status=status)


def user_list(request: HttpRequest) -> HttpResponse:
    """The users of the administrator's area, each with the way to issue a login code."""
    user = request.user
    assert isinstance(user, User)
    require_cap(user, Cap.MANAGE_USERS)
    users = (
        scope_of(user)
        .filter(User.objects.filter(is_active=True), "scope_unit")
        .exclude(role="system")
        .select_related("scope_unit")
        .order_by("scope_unit__path", "username")
    )
    return render(request, "accounts/users.html", {"users": users})


@require_POST
def login_code_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """Issue a one-time login code for a user and show it once."""
    actor = request.user
    assert isinstance(actor, User)
    target = get_for_user(
        actor,
        User.objects.select_related("scope_unit"),
        unit_field="scope_unit",
        cap=can_issue_login_code,
        public_id=public_id,
    )
    code = services.login_code_issue(actor=actor, user=target)
    # Pages of logged-in users are never cached (Cache-Control: no-store, core middleware).
    return render(
        request,
        "accounts/login_code.html",
        {"target": target, "code": code, "minutes": settings.LOGIN_CODE_MINUTES},
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    return django_set_language(request)
