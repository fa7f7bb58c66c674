"""Hashing and verification of the audit chain. Pure: no Django imports."""

from __future__ import annotations

import hashlib
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


def event_hash(prev_hash: str, content: Mapping[str, Any]) -> str:
    """SHA-256 of the previous hash and the canonical JSON of the hashed fields."""
    body = {name: content[name] for name in HASHED_FIELDS}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + "|" + canonical).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    seq: int | None
    kind: str  # "altered", "removed", "inserted", "head"
    detail: str


def verify(
    events: Iterable[Mapping[str, Any]], *, head_seq: int, head_hash: str
) -> ChainProblem | None:
    """Walk the events in ``seq`` order; return the first problem found, or None.

    - an event whose stored hash differs from its recomputed hash was **altered**;
    - a gap in ``seq``, or a ``prev_hash`` that names a hash other than the previous event's
      while the sequence is unbroken, means an event was **removed** or **inserted**;
    - an event beyond the head's sequence number was **inserted** (appended without the head);
    - the last event must match the head (catches removal or replacement of the newest events).
    """
    expected_seq = 1
    prev = GENESIS_HASH
    for event in events:
        seq = int(event["seq"])
        if seq > head_seq:
            return ChainProblem(
                seq, "inserted", f"event #{seq} lies beyond the head, which records #{head_seq}"
            )
        if seq > expected_seq:
            return ChainProblem(expected_seq, "removed", f"event #{expected_seq} is missing")
        if seq < expected_seq:
            return ChainProblem(seq, "inserted", f"event #{seq} appears twice or out of order")
        if event["prev_hash"] != prev:
            return ChainProblem(
                seq, "inserted", f"event #{seq} does not link to the event before it"
            )
        if event_hash(prev, event) != event["hash"]:
            return ChainProblem(seq, "altered", f"event #{seq} does not match its hash")
        prev = event["hash"]
        expected_seq += 1
    if expected_seq - 1 != head_seq:
        return ChainProblem(
            expected_seq,
            "removed",
            f"the chain ends at #{expected_seq - 1} but the head records #{head_seq}",
        )
    if prev != head_hash:
        return ChainProblem(
            head_seq, "altered", f"event #{head_seq} does not match the hash the head records"
        )
    return None
