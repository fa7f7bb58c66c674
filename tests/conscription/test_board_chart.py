"""The campaign board opens with the per-commune chart of quota against recruits handed over,
for the army and the police, its figures in a json_script element and a table behind it."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from muster.conscription.campaign.models import Allocation
from tests.conscription.selection_factories import handed_over, issued_list

pytestmark = pytest.mark.django_db


def _chart(html: str) -> dict:
    found = re.search(r'<script id="quota-chart-data" type="application/json">(.*?)</script>', html)
    assert found, "no chart data on the board"
    return json.loads(found.group(1))


def test_the_board_charts_quota_and_handed_over_per_commune(commune, campaign, officer, client):
    issued_list(officer, commune, people=3)
    handed_over(officer, commune)
    client.force_login(officer)
    response = client.get(reverse("campaigns:campaign_board", args=[campaign.public_id]))
    assert response.status_code == 200
    html = response.content.decode()
    data = _chart(html)
    assert data["services"] == ["army", "police"]
    names = data["labels"]
    assert len(names) == campaign.communes.count() == len(set(names))
    at = names.index(commune.unit.name)
    army, police = data["series"]["army"], data["series"]["police"]
    assert army["quota"][at] == 3 and army["handed_over"][at] == 3
    assert police["quota"][at] == 0 and police["handed_over"][at] == 0
    finals = Allocation.objects.filter(commune__campaign=campaign, service="army")
    assert sum(army["quota"]) == sum(a.final for a in finals) == 30
    assert sum(army["handed_over"]) == 3
    # The chart comes first on the board, with its labels translated and a table behind it.
    assert html.index('id="chart-quota"') < html.index("Lịch và các thời hạn luật định")
    assert 'data-testid="quota-chart-table"' in html
    table = html[html.index('data-testid="quota-chart-table"') :]
    row = re.search(rf"<tr><th[^>]*>{re.escape(commune.unit.name)}</th>(.*?)</tr>", table, re.S)
    assert row is not None
    assert re.findall(r'<td class="num">(\d+)</td>', row.group(1)) == ["3", "3", "0", "0"]
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "muster/charts/quota-board.js" in html
