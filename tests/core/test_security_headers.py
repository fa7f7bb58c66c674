"""The headers every page carries: a Content-Security-Policy without inline script or style
(django-csp), a Permissions-Policy, and ``Cache-Control: no-store`` on every page a signed-in
user sees (they hold names and ID numbers); and the templates that make such a policy
possible (no inline script, event handler or style attribute)."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2] / "muster" / "templates"


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_a_signed_in_page_has_the_policy_and_is_not_stored(login, personas):
    response = login(personas["district_officer"]).get(reverse("portal:dashboard"))
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no nonce asked for: none in the header
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_a_download_is_not_stored_either(login, personas):
    response = login(personas["commune_clerk"]).get(reverse("people:import_template"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_has_the_policy(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert _policy(response)["script-src"] == ["'self'"]
    assert "microphone=()" in response["Permissions-Policy"]


def test_the_public_postings_keep_their_short_public_cache(client, units):
    response = client.get(reverse("postings:public_index", args=[units["DHOP"].public_id]))
    assert response["Cache-Control"] == "public, max-age=300"
    assert "Content-Security-Policy" in response


def test_no_template_has_inline_script_handler_or_style():
    """What the policy would block: ``<script>`` without ``src``, ``on…=`` handlers,
    ``style=`` attributes and ``<style>`` elements. Page scripts are static files."""
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\son[a-z]+\s*=", r"\sstyle\s*=",
                        r"<style\b"):  # fmt: skip
            found += [f"{path.relative_to(TEMPLATES)}: {m}" for m in re.findall(pattern, text)]
    assert found == []
