"""Issue 16: a unit page links only to the units the user may open ("Became", "Formed from",
the parent); the others are named as plain text."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from muster.accounts.models import Role
from tests.conftest import make_user

LINK = re.compile(r'href="(/units/[0-9a-f-]{36}/)"')


def _page(client, unit):
    return client.get(reverse("geo:unit_detail", args=[unit.public_id])).content.decode()


@pytest.mark.parametrize(
    ("scope", "pages"),
    [
        ("DHOP", ["DHOP"]),  # a 2024–2025 commune user: the commune it became is not his
        ("DT", ["DT"]),
        ("PTO", ["PTO", "PTI", "TV"]),
        ("DHOP25", ["DHOP25", "DHOP", "MD", "PTO", "PTI"]),
        ("KD", ["KD", "DHOP", "NT"]),
    ],
)
def test_no_link_on_a_unit_page_is_refused_to_its_reader(client, units, scope, pages):
    user = make_user(f"u.{scope}", Role.COMMUNE_CLERK, units[scope])
    client.force_login(user)
    for key in pages:
        page = _page(client, units[key])
        for href in set(LINK.findall(page)):
            assert client.get(href).status_code == 200, (scope, key, href)


def test_the_successor_outside_the_scope_is_named_without_a_link(client, units):
    client.force_login(make_user("old", Role.COMMUNE_CLERK, units["DHOP"]))
    page = _page(client, units["DHOP"])
    became = page.split("data-became", 1)[1].split("</ul>", 1)[0]
    assert "Đức Hợp" in became and "href" not in became
    client.force_login(make_user("new", Role.COMMUNE_CLERK, units["DHOP25"]))
    became = _page(client, units["DHOP"]).split("data-became", 1)[1].split("</ul>", 1)[0]
    assert str(units["DHOP25"].public_id) in became
