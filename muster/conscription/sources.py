"""The call-up's live figures for a directive's targets (registered in
``ConscriptionConfig``). Both still answer "no data yet": the campaign's figures are wired in
by issue 15 (the board shows "—" until then, as before)."""

from __future__ import annotations

from decimal import Decimal


def no_data_yet(unit_ids: frozenset[int], year: int) -> Decimal | None:
    return None
