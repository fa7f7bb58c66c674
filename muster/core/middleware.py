"""Interface language (``LanguageMiddleware``) and the headers of private pages
(``PrivatePagesMiddleware``).

The language: Vietnamese unless the user chose another (cookie set by the switcher).

Django's LocaleMiddleware would follow the browser's Accept-Language, so an office PC with an
English browser would get English; Muster's default is Vietnamese whatever the browser says.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class PrivatePagesMiddleware:
    """Headers of every response: the ``Permissions-Policy`` of settings (Muster asks for no
    camera, microphone, location…), and, for a signed-in user, ``Cache-Control: no-store``
    (with Django's other never-cache headers): the pages hold names, ID numbers and health
    results, which a shared office PC's browser cache or a proxy must not keep. A response a
    view marked ``public`` (the postings of the commune board) keeps its own caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy: str = settings.PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        user = getattr(request, "user", None)
        private = user is not None and user.is_authenticated
        if private and "public" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response
