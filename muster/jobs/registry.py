"""The kinds of background job, registered by the modules that do the work.

A module declares each kind once, at import (its ``AppConfig.ready`` imports the module that
registers them)::

    registry.register(JobKind(name="reports.results", label=LABEL, clean=clean, run=run))

``clean(params)`` returns the cleaned parameters or raises ``ValidationError`` (called when a
job is asked for, before anything is written); ``run(job, progress)`` does the work off the
request and returns the file (``JobFile``), calling ``progress(percent, message)`` as it goes.
It raises to fail the job: the error is kept and no file is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from django.utils.functional import Promise

if TYPE_CHECKING:
    from muster.jobs.models import Job

Progress = Callable[[int, str], None]


class JobFile(NamedTuple):
    data: bytes
    filename: str
    content_type: str


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str | Promise
    clean: Callable[[Mapping[str, Any]], dict[str, Any]]
    run: Callable[[Job, Progress], JobFile]


_KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> JobKind:
    """Declare ``kind``; declaring the same name twice with another definition is an error."""
    known = _KINDS.get(kind.name)
    if known is not None and known != kind:
        raise ValueError(f"job kind {kind.name!r} is already registered")
    _KINDS[kind.name] = kind
    return kind


def get(name: str) -> JobKind:
    """The kind called ``name`` (``LookupError`` if no module registered it)."""
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"unknown job kind {name!r}") from None


def label(name: str) -> str:
    kind = _KINDS.get(name)
    return str(kind.label) if kind is not None else name


def names() -> list[str]:
    return sorted(_KINDS)
