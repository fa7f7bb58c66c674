"""The health tests' council session (``exam``)."""

from __future__ import annotations

import pytest

from tests.health.factories import council_session


@pytest.fixture
def exam(units, personas):
    return council_session(personas, units)
