"""Test helper: add a database alias at run time (a replica the settings did not name)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend
from django.test import override_settings

from muster.core import dbrouter


@contextmanager
def replicas(**aliases: dict[str, Any]) -> Iterator[None]:
    """``with replicas(replica={...settings...}):`` the aliases exist and are the replicas.

    The connections are made here and not added to ``connections.settings``: for Django's test
    case they are then "dynamically created" and allowed in any test."""
    configured = connections.configure_settings(
        {DEFAULT_DB_ALIAS: dict(connections.settings[DEFAULT_DB_ALIAS]), **aliases}
    )
    for alias in aliases:
        backend = load_backend(configured[alias]["ENGINE"])
        connections[alias] = backend.DatabaseWrapper(configured[alias], alias)
    dbrouter.forget_health()
    try:
        with override_settings(REPLICA_DATABASES=list(aliases)):
            yield
    finally:
        for alias in aliases:
            connections[alias].close()
            del connections[alias]
        dbrouter.forget_health()
