"""Selection order (thứ tự tuyển chọn) within a commune's callable pool, with a committed draw.

Pure: no Django. TT 148/2018 Art 2 (legal-reference.md §2.3): fill the quota; choose from the
highest standard down; give priority to college or university graduates and to ethnic-minority
citizens; be democratic, fair and transparent. The published order (docs/campaign.md):

1. volunteers (tình nguyện) before the others;
2. within each, the priority citizens (college/university graduates, ethnic minorities) before
   the others;
3. then the higher education first: a college/university graduate above grade 12, grade 12
   above grade 11, and so on;
4. then the better health class first (class 1, then 2, then 3);
5. then the draw: ascending ``sha256(seed || public_id)`` as hexadecimal text, where ``seed``
   and ``public_id`` are UTF-8 text joined with nothing between them.

Commit–reveal: before the list is frozen the commune publishes ``commit(seed)`` =
``sha256(seed)``; after, it reveals the seed. Anyone then checks the hash and re-derives the
whole order with ``rank`` (``verify`` does both). The seed is at least 32 hexadecimal digits
(128 bits) so nobody can find it from the published hash before it is revealed.
The official list is the first ``quota`` places; the standby list (danh sách dự phòng) the next
``standby`` places, for replacements.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

METHOD = "muster-selection/1"
SEED_PATTERN = re.compile(r"[0-9a-f]{32,128}")
HEALTH_CLASSES = (1, 2, 3)


class SelectionError(ValueError):
    """Bad seed or pool: every problem found."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclasses.dataclass(frozen=True)
class Candidate:
    """One citizen of the callable pool, with only what the order uses."""

    public_id: str
    volunteer: bool
    education: int  # school grade completed, 0–12
    health_class: int  # 1–3 (TT 105/2023); higher classes are not callable
    graduate: bool = False  # college or university graduate (tốt nghiệp cao đẳng, đại học)
    ethnic_minority: bool = False  # dân tộc thiểu số

    @property
    def priority(self) -> bool:
        return self.graduate or self.ethnic_minority

    def standing(self) -> tuple[int, int, int, int]:
        """Steps 1–4 of the order as a key (smaller comes first); the draw breaks ties."""
        return (
            0 if self.volunteer else 1,
            0 if self.priority else 1,
            -(13 if self.graduate else self.education),
            self.health_class,
        )


@dataclasses.dataclass(frozen=True)
class Entry:
    place: int
    public_id: str
    standing: tuple[int, int, int, int]
    draw: str  # sha256(seed || public_id)
    list: str  # "official", "standby" or "remaining"


@dataclasses.dataclass(frozen=True)
class RankedList:
    method: str
    commitment: str
    seed: str
    quota: int
    standby: int
    entries: tuple[Entry, ...]

    @property
    def official(self) -> list[str]:
        return [e.public_id for e in self.entries if e.list == "official"]

    @property
    def standby_list(self) -> list[str]:
        return [e.public_id for e in self.entries if e.list == "standby"]

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def new_seed() -> str:
    """A fresh seed: 64 hexadecimal digits from the operating system's random source."""
    return secrets.token_hex(32)


def _check_seed(seed: str) -> None:
    if not isinstance(seed, str) or not SEED_PATTERN.fullmatch(seed):
        raise SelectionError(
            ["the seed must be 32 to 128 lowercase hexadecimal digits (use new_seed())"]
        )


def commit(seed: str) -> str:
    """The commitment published before the list is frozen: ``sha256(seed)`` in hexadecimal."""
    _check_seed(seed)
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def draw_key(seed: str, public_id: str) -> str:
    return hashlib.sha256((seed + public_id).encode("utf-8")).hexdigest()


def rank(pool: Iterable[Candidate], seed: str, *, quota: int = 0, standby: int = 0) -> RankedList:
    """The pool in the published order; the first ``quota`` official, the next ``standby``."""
    _check_seed(seed)
    people = list(pool)
    problems: list[str] = []
    seen: set[str] = set()
    for person in people:
        if person.public_id in seen:
            problems.append(f"{person.public_id}: appears twice in the pool")
        seen.add(person.public_id)
        if person.health_class not in HEALTH_CLASSES:
            problems.append(
                f"{person.public_id}: health class {person.health_class} is not callable (1–3)"
            )
        if not 0 <= person.education <= 12:
            problems.append(f"{person.public_id}: education must be a school grade 0–12")
    if quota < 0 or standby < 0:
        problems.append("quota and standby must be ≥ 0")
    if quota > len(people):
        problems.append(f"the quota ({quota}) exceeds the callable pool ({len(people)})")
    if problems:
        raise SelectionError(problems)
    keyed = sorted(
        ((p.standing(), draw_key(seed, p.public_id), p) for p in people),
        key=lambda item: (item[0], item[1]),
    )
    entries = []
    for place, (standing, draw, person) in enumerate(keyed, start=1):
        which = "official" if place <= quota else "standby" if place <= quota + standby else ""
        entries.append(
            Entry(
                place=place,
                public_id=person.public_id,
                standing=standing,
                draw=draw,
                list=which or "remaining",
            )
        )
    return RankedList(
        method=METHOD,
        commitment=commit(seed),
        seed=seed,
        quota=quota,
        standby=standby,
        entries=tuple(entries),
    )


def verify(commitment: str, seed: str, pool: Iterable[Candidate], ranked: RankedList) -> bool:
    """True when ``seed`` matches the published commitment and re-derives exactly ``ranked``."""
    try:
        if commit(seed) != commitment or ranked.seed != seed:
            return False
        return rank(pool, seed, quota=ranked.quota, standby=ranked.standby) == ranked
    except SelectionError:
        return False


def parse_candidate(raw: Mapping[str, Any], where: str) -> tuple[Candidate | None, list[str]]:
    """One pool record from JSON (docs/campaign.md): the candidate, or the problems found."""
    problems: list[str] = []
    public_id = raw.get("id")
    if not isinstance(public_id, str) or not public_id:
        return None, [f"{where}.id: required (non-empty text)"]
    flags = {}
    for key in ("volunteer", "graduate", "ethnic_minority"):
        value = raw.get(key, False)
        if not isinstance(value, bool):
            problems.append(f"{where} ({public_id}).{key}: must be true or false")
        flags[key] = bool(value)
    education = raw.get("education")
    if not isinstance(education, int) or isinstance(education, bool) or not 0 <= education <= 12:
        problems.append(f"{where} ({public_id}).education: must be a school grade 0–12")
    health = raw.get("health_class")
    if health not in HEALTH_CLASSES or isinstance(health, bool):
        problems.append(f"{where} ({public_id}).health_class: must be 1, 2 or 3")
    if problems:
        return None, problems
    assert isinstance(education, int) and isinstance(health, int)
    return (
        Candidate(
            public_id=public_id,
            volunteer=flags["volunteer"],
            education=education,
            health_class=health,
            graduate=flags["graduate"],
            ethnic_minority=flags["ethnic_minority"],
        ),
        [],
    )


def candidate_to_json(candidate: Candidate) -> dict[str, Any]:
    """One pool record in the format ``parse_candidate`` and ``manage.py rank`` read."""
    return {
        "id": candidate.public_id,
        "volunteer": candidate.volunteer,
        "education": candidate.education,
        "health_class": candidate.health_class,
        "graduate": candidate.graduate,
        "ethnic_minority": candidate.ethnic_minority,
    }


def ranked_from_json(data: Mapping[str, Any]) -> RankedList:
    """A ranked list as ``RankedList.to_json`` writes it (other keys are ignored), for
    ``verify``; ``SelectionError`` names what is missing or malformed."""
    problems: list[str] = []
    for key, kind in (("method", str), ("commitment", str), ("seed", str)):
        if not isinstance(data.get(key), kind):
            problems.append(f"{key}: required (text)")
    for key in ("quota", "standby"):
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{key}: required (a whole number)")
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list | tuple):
        problems.append("entries: required (a list)")
        raw_entries = []
    entries: list[Entry] = []
    for i, raw in enumerate(raw_entries):
        try:
            standing = tuple(int(v) for v in raw["standing"])
            if len(standing) != 4:
                raise ValueError
            entries.append(
                Entry(
                    place=int(raw["place"]),
                    public_id=str(raw["public_id"]),
                    standing=(standing[0], standing[1], standing[2], standing[3]),
                    draw=str(raw["draw"]),
                    list=str(raw["list"]),
                )
            )
        except (KeyError, TypeError, ValueError):
            problems.append(
                f"entries[{i}]: needs place, public_id, standing (4 numbers), draw, list"
            )
    if problems:
        raise SelectionError(problems)
    return RankedList(
        method=str(data["method"]),
        commitment=str(data["commitment"]),
        seed=str(data["seed"]),
        quota=int(data["quota"]),
        standby=int(data["standby"]),
        entries=tuple(entries),
    )
