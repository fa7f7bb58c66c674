"""The audit key: the secret the chain's hashes and the checkpoints are keyed with.

It lives in a file outside the database (``settings.AUDIT_KEY_FILE``): whoever can write to the
database but cannot read the file cannot recompute the hashes after an edited event. In
development and tests (``AUDIT_KEY_AUTOCREATE``, on with ``DEBUG`` or under pytest) a missing
file is created with a fresh random key (``var/audit.key`` by default); in production it must
exist (``manage.py audit_key --create PATH``), and ``manage.py check`` refuses to start without
it (``audit.E001``).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

#: A key file holds at least this many characters (the generated one: 64 hexadecimal digits).
MIN_KEY_CHARS = 32


def create_key_file(path: Path) -> None:
    """Write a new random key to ``path`` (readable by its owner only); refuse to overwrite."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")


@lru_cache(maxsize=4)
def _read(path: str, autocreate: bool) -> bytes:
    file = Path(path)
    if not file.exists() and autocreate:
        with contextlib.suppress(FileExistsError):  # another process made it first
            create_key_file(file)
    try:
        text = file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ImproperlyConfigured(
            f"AUDIT_KEY_FILE {path!r} cannot be read ({exc.strerror}); create it with "
            "`manage.py audit_key --create PATH` (docs/security.md)"
        ) from exc
    if len(text) < MIN_KEY_CHARS:
        raise ImproperlyConfigured(
            f"AUDIT_KEY_FILE {path!r} holds fewer than {MIN_KEY_CHARS} characters"
        )
    return text.encode("utf-8")


def audit_key() -> bytes:
    """The audit key (read once per process and path)."""
    return _read(str(settings.AUDIT_KEY_FILE), bool(settings.AUDIT_KEY_AUTOCREATE))


@register("muster", deploy=False)
def check_audit_key(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """``audit.E001``: the key file must be readable (it is made in development)."""
    try:
        audit_key()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="audit.E001")]
    return []
