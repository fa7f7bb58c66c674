"""Error pages speak the user's language and keep the way back: 404 outside the area, 403 for
the role, 400 and 500 (rendered without a request, as Django does on a server error)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import SuspiciousOperation
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views import defaults

from tests.core.factories import make_person


def test_outside_the_area_is_a_vietnamese_404_with_the_menu(client, personas, units):
    person = make_person(units["DHOP"])
    client.force_login(personas["other_commander"])
    response = client.get(reverse("people:person_detail", args=[person.public_id]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and "phạm vi quản lý của bạn" in html
    assert reverse("portal:dashboard") in html and "Not Found" not in html
    assert person.full_name not in html  # nothing of the record leaks


def test_a_read_only_role_gets_a_vietnamese_403(client, personas, units):
    person = make_person(units["DHOP"])
    client.force_login(personas["leader"])
    response = client.get(reverse("people:person_edit", args=[person.public_id]))
    assert response.status_code == 403
    assert "Không được phép" in response.content.decode()


@pytest.mark.django_db
def test_an_anonymous_404_renders_in_vietnamese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_the_500_page_renders_in_both_languages_without_a_request():
    with translation.override("vi"):
        assert "Lỗi máy chủ" in render_to_string("500.html")
    with translation.override("en"):
        assert "Server error" in render_to_string("500.html")


@pytest.mark.django_db
def test_the_400_page_is_vietnamese(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("vi"):
        response = defaults.bad_request(request, SuspiciousOperation("bad"))
    assert response.status_code == 400
    assert "Không đọc được yêu cầu" in response.content.decode()
