"""Hashing and verification of the audit chain. Pure: no Django imports."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64

#: The fields that the hash covers, in order. Changing this list breaks every stored chain.
HASHED_FIELDS = (
    "seq",
    "public_id",
    "occurred_at",
    "actor_id",
    "actor_label",
    "scope_unit_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "reason",
)


def canonical_json(body: Mapping[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def event_hash(prev_hash: str, content: Mapping[str, Any], key: bytes | None = None) -> str:
    """The hash of an event: over the previous hash and the canonical JSON of the hashed fields,
    HMAC-SHA-256 with the audit key (``key``), or plain SHA-256 for the events written before
    the chain had a key (``key=None``)."""
    body = {name: content[name] for name in HASHED_FIELDS}
    message = (prev_hash + "|" + canonical_json(body)).encode("utf-8")
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def key_id(key: bytes) -> str:
    """A short public name of a key (which key signed a checkpoint), not the key."""
    return hashlib.sha256(b"muster-audit-key-id|" + key).hexdigest()[:16]


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    kind: str  # "altered", "removed", "inserted", "head"
    detail: str


def verify(
    events: Iterable[Mapping[str, Any]],
    *,
    head_seq: int,
    head_hash: str,
    key: bytes | None = None,
    unkeyed_until: int = 0,
) -> ChainProblem | None:
    """Walk the events in ``seq`` order; return the first problem found, or None.

    - an event whose stored hash differs from its recomputed hash was **altered**;
    - a gap in ``seq``, or a ``prev_hash`` that names a hash other than the previous event's
      while the sequence is unbroken, means an event was **removed** or **inserted**;
    - an event beyond the head's sequence number was **inserted** (appended without the head);
    - the last event must match the head (catches removal or replacement of the newest events).

    With ``key``, every event must carry the keyed hash (HMAC), except the events written
    before the chain had a key: plain SHA-256 is accepted up to ``unkeyed_until`` and only
    before the first keyed event. So whoever edits an event cannot recompute the hashes after
    it without the key. (Dropping the newest events and rewinding the head needs a checkpoint
    kept outside the database: ``checkpoint_problem``.)
    """
    return walk(
        events, head_seq=head_seq, head_hash=head_hash, key=key, unkeyed_until=unkeyed_until
    ).problem


@dataclass(frozen=True)
class ChainReport:
    problem: ChainProblem | None
    #: The first event with a keyed hash (None: none yet, or verified without a key).
    first_keyed: int | None
    #: seq → stored hash of the events asked for in ``remember`` (the checkpoints' heads).
    remembered: dict[int, str]


def walk(
    events: Iterable[Mapping[str, Any]],
    *,
    head_seq: int,
    head_hash: str,
    key: bytes | None = None,
    unkeyed_until: int = 0,
    remember: frozenset[int] = frozenset(),
) -> ChainReport:
    """``verify``, with what the walk saw: the first keyed event and the hashes asked for."""
    expected_seq = 1
    prev = GENESIS_HASH
    first_keyed: int | None = None
    remembered: dict[int, str] = {}

    def report(problem: ChainProblem | None) -> ChainReport:
        return ChainReport(problem, first_keyed, remembered)

    for event in events:
        seq = int(event["seq"])
        if seq > head_seq:
            return report(
                ChainProblem(
                    seq, "inserted", f"event #{seq} lies beyond the head, which records #{head_seq}"
                )
            )
        if seq > expected_seq:
            return report(
                ChainProblem(expected_seq, "removed", f"event #{expected_seq} is missing")
            )
        if seq < expected_seq:
            return report(
                ChainProblem(seq, "inserted", f"event #{seq} appears twice or out of order")
            )
        if event["prev_hash"] != prev:
            return report(
                ChainProblem(seq, "inserted", f"event #{seq} does not link to the event before it")
            )
        stored = event["hash"]
        if key is not None and hmac.compare_digest(event_hash(prev, event, key), stored):
            if first_keyed is None:
                first_keyed = seq
        elif event_hash(prev, event) != stored:
            return report(ChainProblem(seq, "altered", f"event #{seq} does not match its hash"))
        elif key is not None and (first_keyed is not None or seq > unkeyed_until):
            return report(
                ChainProblem(
                    seq,
                    "altered",
                    f"event #{seq} is not signed with the audit key (unkeyed events are "
                    f"accepted up to #{unkeyed_until} only, AUDIT_UNKEYED_UNTIL, and never "
                    "after a keyed one)",
                )
            )
        if seq in remember:
            remembered[seq] = stored
        prev = stored
        expected_seq += 1
    if expected_seq - 1 != head_seq:
        return report(
            ChainProblem(
                expected_seq,
                "removed",
                f"the chain ends at #{expected_seq - 1} but the head records #{head_seq}",
            )
        )
    if prev != head_hash:
        return report(
            ChainProblem(
                head_seq, "altered", f"event #{head_seq} does not match the hash the head records"
            )
        )
    return report(None)


# Checkpoints: the head, signed with the key and kept outside the database.

CHECKPOINT_FORMAT = "muster-audit-checkpoint/1"
_CHECKPOINT_FIELDS = ("format", "seq", "hash", "created_at", "key_id")


def checkpoint_make(*, seq: int, hash_: str, created_at: str, key: bytes) -> dict[str, Any]:
    """The checkpoint of the head ``seq``/``hash_``, signed (HMAC) with ``key``."""
    body: dict[str, Any] = {
        "format": CHECKPOINT_FORMAT,
        "seq": seq,
        "hash": hash_,
        "created_at": created_at,
        "key_id": key_id(key),
    }
    return {**body, "mac": _checkpoint_mac(body, key)}


def _checkpoint_mac(body: Mapping[str, Any], key: bytes) -> str:
    message = ("checkpoint|" + canonical_json(body)).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


class CheckpointError(ValueError):
    """The checkpoint itself cannot be trusted (malformed, another key, edited)."""


def checkpoint_read(data: Any, key: bytes) -> tuple[int, str, str]:
    """``(seq, hash, created_at)`` of a checkpoint whose signature is good, else
    ``CheckpointError``."""
    if not isinstance(data, dict) or data.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointError("not a Muster audit checkpoint")
    body = {name: data.get(name) for name in _CHECKPOINT_FIELDS}
    seq, hash_, created = body["seq"], body["hash"], body["created_at"]
    if not (isinstance(seq, int) and isinstance(hash_, str) and isinstance(created, str)):
        raise CheckpointError("the checkpoint is malformed")
    if body["key_id"] != key_id(key):
        raise CheckpointError(
            f"the checkpoint was signed with another key ({body['key_id']}, "
            f"this installation's key is {key_id(key)})"
        )
    if not hmac.compare_digest(str(data.get("mac", "")), _checkpoint_mac(body, key)):
        raise CheckpointError("the checkpoint's signature does not match (edited?)")
    return seq, hash_, created


def checkpoint_problem(
    *, seq: int, hash_: str, created_at: str, head_seq: int, stored_hash: str | None
) -> ChainProblem | None:
    """Does the chain still hold the checkpointed head? ``stored_hash``: the hash stored at
    ``seq`` now (None when there is no such event).

    A checkpoint of the empty chain (``seq`` 0, taken before the first event) holds the
    genesis hash, which every chain starts from: it holds whatever came after."""
    if seq == 0:
        if hash_ == GENESIS_HASH:
            return None
        return ChainProblem(
            0, "altered", f"the checkpoint of {created_at} records an empty chain of another hash"
        )
    if head_seq < seq or stored_hash is None:
        return ChainProblem(
            min(head_seq + 1, seq),
            "removed",
            f"the chain ends at #{head_seq} but the checkpoint of {created_at} records #{seq}",
        )
    if stored_hash != hash_:
        return ChainProblem(
            seq,
            "altered",
            f"event #{seq} (or one before it) differs from the checkpoint of {created_at}",
        )
    return None
