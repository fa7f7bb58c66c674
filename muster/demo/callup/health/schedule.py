"""The configuration of the demo health check (its calendar and dossier rounds) and its
summary."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from muster.geo.models import Unit

# --------------------------------------------------------------------------- configuration


@dataclass(frozen=True)
class DossierRound:
    """One round of dossiers: proposed, reviewed by the commune council, decided (or not yet)."""

    proposed_on: dt.date
    reviewed_on: dt.date | None
    decided_on: dt.date | None
    decision_number: str


@dataclass(frozen=True)
class HealthCalendar:
    """Where and when the campaign's screening and examinations are held."""

    #: Commune unit code → screening days (commune health station).
    screening: dict[str, tuple[dt.date, ...]]
    #: Commune unit code → examination days (health council).
    exams: dict[str, tuple[dt.date, ...]]
    exam_unit: Unit
    council_body: str
    council_place: str
    grounds_round: DossierRound
    unfit_round: DossierRound
    #: Commune unit code → its own round of registry grounds (communes formed later).
    grounds_rounds: dict[str, DossierRound] = field(default_factory=dict)
    #: Sessions after this day are scheduled: calls delivered, no results yet.
    today: dt.date | None = None
    session_note: str = ""


@dataclass
class HealthSummary:
    sessions: int = 0
    screened: int = 0
    called_to_exam: int = 0
    examined: int = 0
    classes: Counter[int] = field(default_factory=Counter)
    temporary: int = 0
    late: int = 0
    dossiers: Counter[str] = field(default_factory=Counter)
    #: Commune unit code → men callable before the examinations (after the dossiers).
    pools: dict[str, int] = field(default_factory=dict)
    #: Commune unit code → men examined and found callable (the loader's count).
    callable: dict[str, int] = field(default_factory=dict)

    def line(self, label: str) -> str:
        fit = sum(self.classes[k] for k in (1, 2, 3))
        share = f"{100 * fit / self.examined:.1f}".replace(".", ",") if self.examined else "0"
        classes = "/".join(str(self.classes[k]) for k in range(1, 7))
        return (
            f"{label}: {self.sessions} sessions, {self.screened} screened, "
            f"{self.examined} of {self.called_to_exam} called examined (classes 1–6: {classes}; "
            f"{share} % fit; {self.temporary} T), {self.late} late notices, "
            f"{sum(self.dossiers.values())} dossiers."
        )
