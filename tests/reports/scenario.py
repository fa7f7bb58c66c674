"""A call-up campaign with data at every stage, and the figures the report must show,
counted here in plain Python from what was created (not by the report's queries).

Kim Động 2025 (handover 13/02/2025, opened 1/11/2024 so Phú Thịnh and Thọ Vinh, merged into
Phú Thọ on 1/12/2024, are campaign communes): citizens in Đức Hợp, Đồng Thanh, Mai Động and
Phú Thọ with deliberate edge cases (age limits, removal and bars, moves after the day, a
deferral ended before the day, examinations outside the window, a recruit exactly 20 on the
handover day), and random ones from a seeded generator.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from muster.accounts.services import system_actor
from muster.conscription.campaign import services as cs
from muster.conscription.campaign.models import Campaign, CampaignCommune
from muster.conscription.decisions.models import CallupDecision
from muster.conscription.dossiers.models import Dossier
from muster.conscription.handover.models import (
    Handover,
    ReceivingUnit,
    Recruit,
    RecruitReturn,
    Replacement,
)
from muster.conscription.selection.models import SelectionEntry, SelectionList, Volunteer
from muster.conscription.violations.models import ViolationCase
from muster.geo.models import Unit
from muster.health.models import HealthCall, HealthSession
from muster.people.models import Person, Sex
from muster.people.registration.models import RegistrationBar, RegistrationEvent
from muster.reports.figures import facts
from tests.conscription.campaign_factories import CAL_2025
from tests.core.factories import make_person, make_village

D = dt.date(2025, 2, 13)
WINDOW = (dt.date(2024, 7, 1), D)
YEAR = (dt.date(2024, 7, 1), dt.date(2025, 6, 30))
GROUNDS_DEFER = ("41.1.a", "41.1.b", "41.1.c", "41.1.d", "41.1.đ", "41.1.e", "41.1.g", "41.1.h")
GROUNDS_EXEMPT = ("41.2.a", "41.2.b", "41.2.c", "41.2.d", "41.2.đ")
#: The code lists the report iterates over; tests/reports/test_figures.py keeps them equal to the
#: models' choices.
KINDS = facts.VIOLATION_KINDS
REASONS = facts.RETURN_REASONS
FOLDED = {"PTI": "PTO", "TV": "PTO", "NL": "DH24", "VX2": "DH24"}
PEOPLE_COMMUNES = ("DHOP", "DT", "MD", "PTO")
_tokens = itertools.count(1)


def opened_before_the_merger(district: Unit) -> Campaign:
    """The 2025 campaign as a campaign opened with the communes of the first examination day
    (1/11/2024) would be: Phú Thịnh, Thọ Vinh, Nhân La and Vũ Xá among them, merged into Phú
    Thọ and Diên Hồng on 1/12/2024 (the report folds them into their successors). The service
    now opens a campaign with the communes of the handover day."""
    cal = CAL_2025
    campaign = Campaign.objects.create(
        unit=district,
        year=2025,
        call=1,
        screening_start=cal.screening_start,
        screening_end=cal.screening_end,
        exam_start=cal.exam_start,
        exam_end=cal.exam_end,
        decisions_by=cal.decisions_by,
        handover_start=cal.handover_start,
    )
    communes = (
        Unit.objects.filter(path__startswith=district.path)
        .valid_on(cal.exam_start)
        .commune_level()
        .order_by("path")
    )
    CampaignCommune.objects.bulk_create(
        [CampaignCommune(campaign=campaign, unit=c) for c in communes]
    )
    return campaign


def years_before(day: dt.date, n: int) -> dt.date:
    try:
        return day.replace(year=day.year - n)
    except ValueError:
        return day.replace(year=day.year - n, day=28)


def age(born: dt.date, day: dt.date) -> int:
    years = day.year - born.year
    if (day.month, day.day) < (born.month, born.day):
        years -= 1
    return years


@dataclass
class Made:
    """What the scenario created, in plain Python, keyed by fixture unit keys."""

    people: list[tuple[Person, str]] = field(default_factory=list)  # person, commune key on D
    removed: set[int] = field(default_factory=set)
    barred: set[int] = field(default_factory=set)
    calls: list[dict[str, Any]] = field(default_factory=list)
    dossiers: list[dict[str, Any]] = field(default_factory=list)
    volunteers: list[dict[str, Any]] = field(default_factory=list)
    pools: dict[str, int] = field(default_factory=dict)  # campaign commune key → pool
    decisions: list[dict[str, Any]] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    recruits: list[dict[str, Any]] = field(default_factory=list)
    returns: list[dict[str, Any]] = field(default_factory=list)
    replacements: list[dict[str, Any]] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)


class Scenario:
    def __init__(self, units: dict[str, Unit], *, seed: int = 7, people: int = 160) -> None:
        self.units = units
        self.key_of = {u.pk: k for k, u in units.items()}
        self.rng = random.Random(seed)
        self.made = Made()
        self.campaign: Campaign = opened_before_the_merger(units["KD"])
        self.commune = {
            self.key_of[c.unit_id]: c for c in self.campaign.communes.select_related("unit")
        }
        self.numbers = itertools.count(1)
        self.receiving = {
            "army": ReceivingUnit.objects.create(code="E1", name="Trung đoàn 1", service="army"),
            "police": ReceivingUnit.objects.create(
                code="CA1", name="Công an tỉnh", service="police"
            ),
        }
        self.handovers: dict[tuple[str, str], Handover] = {}
        self.exam_sessions = [
            HealthSession.objects.create(
                kind="examination", unit=units["KD"], date=dt.date(2024, 11, 20), place="TTYT"
            ),
            HealthSession.objects.create(
                kind="examination", unit=units["KD"], date=dt.date(2024, 12, 10), place="TTYT"
            ),
        ]
        self.old_session = HealthSession.objects.create(
            kind="examination", unit=units["KD"], date=dt.date(2024, 6, 28), place="TTYT"
        )
        self.screening = {
            k: HealthSession.objects.create(
                kind="screening", unit=units[k], date=dt.date(2024, 10, 10), place="Trạm y tế"
            )
            for k in PEOPLE_COMMUNES
        }
        self._pools_and_quotas()
        self._edge_people()
        self._random_people(people)
        self._campaign_stages()

    # ------------------------------------------------------------------ building

    def person(
        self, key: str, born: dt.date, *, sex: str = Sex.MALE, on_d: str | None = None, **attrs: Any
    ) -> Person:
        p = make_person(
            self.units[key],
            full_name=f"Công Dân {len(self.made.people) + 1}",
            sex=sex,
            date_of_birth=born,
        )
        if attrs:
            for name, value in attrs.items():
                setattr(p, name, value)
            p.save()
        self.made.people.append((p, on_d or key))
        return p

    def _pools_and_quotas(self) -> None:
        for i, (key, commune) in enumerate(sorted(self.commune.items())):
            pool = 40 + (i * 13) % 37
            self.made.pools[key] = pool
            cs.pool_set(actor=system_actor(), commune=commune, stored_pool=pool)
        for service, value in (("army", 30), ("police", 6)):
            cs.quota_set(
                actor=system_actor(),
                campaign=self.campaign,
                service=service,
                value=value,
                source_document="QĐ thử",
                received_on=dt.date(2024, 12, 2),
            )
        self.campaign.refresh_from_db()

    def _edge_people(self) -> None:
        u = self.units
        young = years_before(D, 18)  # 18 on the day: counted
        self.edge_18 = self.person("DHOP", young)
        self.edge_17 = self.person("DHOP", young + dt.timedelta(days=1))  # 17: not counted
        oldest = years_before(D, 28) + dt.timedelta(days=1)  # 27 on the day: counted
        self.edge_27 = self.person("DHOP", oldest)
        self.edge_28 = self.person("DHOP", years_before(D, 28))  # 28 on the day: not counted
        self.person("DHOP", dt.date(2003, 1, 1), sex=Sex.FEMALE)  # a woman: not counted
        removed = self.person("DT", dt.date(2002, 5, 5))
        RegistrationEvent.objects.create(
            person=removed, kind="removal", event_date=dt.date(2025, 1, 5), unit=u["DT"]
        )
        self.made.removed.add(removed.pk)
        late_removal = self.person("DT", dt.date(2002, 6, 6))
        RegistrationEvent.objects.create(
            person=late_removal, kind="removal", event_date=dt.date(2025, 3, 1), unit=u["DT"]
        )
        barred = self.person("MD", dt.date(2001, 7, 7))
        RegistrationBar.objects.create(
            person=barred,
            kind="barred_art13",
            ground="x",
            legal_citation="Art 13",
            start_date=dt.date(2024, 9, 1),
        )
        self.made.barred.add(barred.pk)
        bar_over = self.person("MD", dt.date(2001, 8, 8))
        RegistrationBar.objects.create(
            person=bar_over,
            kind="barred_art13",
            ground="x",
            legal_citation="Art 13",
            start_date=dt.date(2023, 1, 1),
            end_date=dt.date(2025, 1, 1),
        )
        # Moved after the day: registered now in Đức Hợp, in Đồng Thanh on the day.
        self.moved_in = self.person("DHOP", dt.date(2003, 3, 3), on_d="DT")
        self._moved(self.moved_in, "DT", "DHOP", dt.date(2025, 4, 1))
        # Moved Đức Hợp → Đồng Thanh after the day: counts in Đức Hợp.
        self.moved_out = self.person("DT", dt.date(2004, 4, 4), on_d="DHOP")
        self._moved(self.moved_out, "DHOP", "DT", dt.date(2025, 5, 1))
        # Moved before the day: counts where he is now.
        early = self.person("MD", dt.date(2003, 9, 9))
        self._moved(early, "DHOP", "MD", dt.date(2024, 9, 1))
        for p in (self.moved_in, self.moved_out):
            self.call(p, self.exam_sessions[0], klass=2)
            self.dossier(p, "41.1.b", decision=dt.date(2025, 1, 10))
        # Examined twice: class 4 first, class 2 later: counts once, class 2.
        twice = self.person("DHOP", dt.date(2003, 2, 2))
        self.call(twice, self.exam_sessions[0], klass=4)
        self.call(twice, self.exam_sessions[1], klass=2)
        # Examined before the window: not counted.
        self.call(self.person("DHOP", dt.date(2003, 2, 3)), self.old_session, klass=1)
        # Deferral boundaries.
        self.dossier(self.person("MD", dt.date(2002, 1, 1)), "41.1.g", end=D)  # ends on D: no
        self.dossier(self.person("MD", dt.date(2002, 1, 2)), "41.1.g", end=D + dt.timedelta(days=1))
        self.dossier(
            self.person("MD", dt.date(2002, 1, 3)), "41.1.a", ended_on=dt.date(2025, 1, 20)
        )
        self.dossier(
            self.person("MD", dt.date(2002, 1, 4)), "41.1.a", ended_on=dt.date(2025, 3, 20)
        )
        self.dossier(
            self.person("MD", dt.date(2002, 1, 5)), "41.1.d", decision=dt.date(2025, 2, 14)
        )
        self.dossier(self.person("MD", dt.date(2002, 1, 6)), "41.1.d", state="refused")
        two = self.person("PTO", dt.date(2002, 1, 7))
        self.dossier(two, "41.1.b")
        self.dossier(two, "41.1.c")
        self.dossier(self.person("PTO", dt.date(2002, 1, 8)), "41.2.a")

    def _moved(self, person: Person, from_key: str, to_key: str, day: dt.date) -> None:
        """``person`` left ``from_key`` for ``to_key`` on ``day`` (recorded where he left)."""
        RegistrationEvent.objects.create(
            person=person,
            kind="transfer_out",
            event_date=day,
            unit=self.units[from_key],
            from_unit=self.units[from_key],
            to_unit=self.units[to_key],
        )

    def _random_people(self, n: int) -> None:
        rng = self.rng
        levels = ["", "", "", "trade", "college", "university", "postgraduate"]
        statuses = ["graduated", "graduated", "studying", "dropped_out"]
        for _i in range(n):
            key = rng.choice(PEOPLE_COMMUNES)
            born = dt.date(rng.randint(1995, 2008), rng.randint(1, 12), rng.randint(1, 28))
            sex = Sex.MALE if rng.random() < 0.85 else Sex.FEMALE
            level = rng.choice(levels)
            p = self.person(
                key,
                born,
                sex=sex,
                higher_level=level,
                study_status=rng.choice(statuses) if level else "",
                party_member=rng.random() < 0.1,
                youth_union_member=rng.random() < 0.5,
                ethnicity="01" if rng.random() < 0.85 else rng.choice(["02", "03", "04"]),
            )
            if sex == Sex.FEMALE:
                continue
            r = rng.random()
            if r < 0.5:
                self.call(p, self.screening[key], klass=None, late=rng.random() < 0.1)
            if r < 0.35:
                self.call(
                    p,
                    rng.choice(self.exam_sessions),
                    klass=rng.choice([1, 1, 2, 2, 2, 3, 3, 4, 5, 6, None]),
                    late=rng.random() < 0.1,
                )
            if 0.6 < r < 0.75:
                self.dossier(
                    p,
                    rng.choice(GROUNDS_DEFER + GROUNDS_EXEMPT),
                    end=rng.choice([None, dt.date(2026, 9, 1), dt.date(2024, 12, 1)]),
                )
            if rng.random() < 0.06:
                self.made.volunteers.append(
                    {
                        "person": p,
                        "withdrawn_on": rng.choice(
                            [None, dt.date(2025, 1, 1), dt.date(2025, 3, 1)]
                        ),
                    }
                )

    def call(
        self, person: Person, session: HealthSession, *, klass: int | None, late: bool = False
    ) -> None:
        HealthCall.objects.create(
            session=session,
            person=person,
            notified_on=session.date - dt.timedelta(days=16),
            notice_late=late,
            health_class=klass,
            concluded_on=session.date if klass else None,
        )
        self.made.calls.append(
            {
                "person": person,
                "kind": session.kind,
                "date": session.date,
                "class": klass,
                "late": late,
                "order": len(self.made.calls),
            }
        )

    def dossier(
        self,
        person: Person,
        ground: str,
        *,
        state: str = "granted",
        decision: dt.date = dt.date(2024, 12, 20),
        end: dt.date | None = None,
        ended_on: dt.date | None = None,
    ) -> None:
        kind = "deferral" if ground.startswith("41.1") else "exemption"
        if ended_on is not None:
            state = "ended"
        Dossier.objects.create(
            person=person,
            kind=kind,
            ground=ground,
            ground_citation="Law 78/2015 Art 41",
            state=state,
            proposed_on=dt.date(2024, 11, 1),
            reviewed_on=dt.date(2024, 12, 1),
            decision_number="QĐ 1",
            decision_date=decision,
            authority="district_chairman",
            end_date=end,
            ended_on=ended_on,
        )
        self.made.dossiers.append(
            {
                "person": person,
                "kind": kind,
                "ground": ground,
                "state": state,
                "decision": decision,
                "end": end,
                "ended_on": ended_on,
            }
        )

    def decision(
        self,
        key: str,
        person: Person,
        service: str,
        *,
        delivered: dt.date | None,
        status: str = "valid",
    ) -> CallupDecision:
        n = next(self.numbers)
        token = f"t{next(_tokens)}"
        d = CallupDecision.objects.create(
            campaign=self.campaign,
            commune=self.commune[key],
            person=person,
            service=service,
            authority="district_commander:KD",
            signer="CHỈ HUY TRƯỞNG",
            authority_citation="Law 78/2015 Art 34(6)",
            number=n,
            issued_on=dt.date(2025, 1, 20),
            enlist_on=D,
            token=token,
            token_hash=hashlib.sha256(token.encode()).hexdigest(),
            status=status,
            delivered_on=delivered,
            delivered_to="Bản thân" if delivered else "",
        )
        self.made.decisions.append(
            {"commune": key, "service": service, "delivered": delivered, "status": status}
        )
        return d

    def handover(self, key: str, service: str, day: dt.date = D) -> Handover:
        if (key, service) not in self.handovers:
            self.handovers[(key, service)] = Handover.objects.create(
                commune=self.commune[key],
                receiving_unit=self.receiving[service],
                handed_on=day,
                locality_signer="A",
                unit_signer="B",
            )
        return self.handovers[(key, service)]

    def _campaign_stages(self) -> None:
        rng = self.rng
        for v in self.made.volunteers:
            Volunteer.objects.create(
                campaign=self.campaign,
                person=v["person"],
                service="army",
                applied_on=dt.date(2024, 10, 1),
                withdrawn_on=v["withdrawn_on"],
            )
        men = [p for p, k in self.made.people if p.sex == Sex.MALE and k in ("DHOP", "DT", "MD")]
        rng.shuffle(men)
        # Official lists (frozen), one per commune and service, and a draft one (not counted).
        for key in ("DHOP", "DT", "MD"):
            for service in ("army", "police"):
                selection = SelectionList.objects.create(
                    commune=self.commune[key],
                    service=service,
                    state="frozen",
                    commitment="c" * 64,
                    seed="s" * 64,
                    frozen_at=dt.datetime(2025, 1, 15, tzinfo=dt.UTC),
                    quota=2,
                    standby=1,
                )
                chosen = [p for p in men if p.registration_unit_id == self.units[key].pk][:4]
                men = [p for p in men if p not in chosen]
                for place, p in enumerate(chosen, 1):
                    kind = "official" if place <= 2 else ("standby" if place == 3 else "remaining")
                    SelectionEntry.objects.create(
                        selection=selection,
                        person=p,
                        place=place,
                        list_kind=kind,
                        education=12,
                        health_class=1,
                        draw=f"{place:064d}",
                    )
                    self.made.entries.append({"commune": key, "service": service, "kind": kind})
        draft = SelectionList.objects.create(commune=self.commune["PTI"], service="army")
        SelectionEntry.objects.create(
            selection=draft,
            person=self.edge_18,
            place=1,
            list_kind="official",
            education=12,
            health_class=1,
            draw="0" * 64,
        )
        # Decisions, handover, returns, replacements.
        pool = [
            p
            for p, k in self.made.people
            if p.sex == Sex.MALE and p.pk not in {self.moved_in.pk, self.moved_out.pk}
        ]
        rng.shuffle(pool)
        twenty = self.person(
            "DHOP",
            years_before(D, 20),
            higher_level="university",
            study_status="graduated",
            party_member=True,
        )
        nineteen = self.person("DHOP", years_before(D, 20) + dt.timedelta(days=1))
        plan = [("DHOP", "army", twenty), ("DHOP", "army", nineteen)]
        shares = (
            ("DHOP", "army", 3),
            ("DT", "army", 4),
            ("DT", "police", 1),
            ("MD", "army", 3),
            ("PTI", "army", 2),
            ("TV", "police", 1),
        )
        for key, service, n in shares:
            for _i in range(n):
                plan.append((key, service, pool.pop()))
        recruits: list[tuple[str, Recruit]] = []
        for i, (key, service, p) in enumerate(plan):
            delivered = dt.date(2025, 1, 30) if i % 5 == 0 else dt.date(2025, 1, 24)
            decision = self.decision(key, p, service, delivered=delivered)
            recruit = Recruit.objects.create(
                handover=self.handover(key, service), decision=decision
            )
            recruits.append((key, recruit))
            self.made.recruits.append(
                {
                    "commune": key,
                    "service": service,
                    "person": p,
                    "handed_on": D,
                    "replacement": False,
                }
            )
        # A decision not delivered, one revoked (not counted), one delivered on time only.
        self.decision("MD", pool.pop(), "army", delivered=None)
        self.decision("MD", pool.pop(), "army", delivered=dt.date(2025, 1, 2), status="revoked")
        # Returns: two, one replaced by a standby citizen handed over later (a Recruit under a
        # replacement decision, counted as a replacement, not a handover), one replaced late.
        for (key, recruit), reason in zip(
            recruits[2:5], ("health", "political", "health"), strict=True
        ):
            returned = RecruitReturn.objects.create(
                recruit=recruit,
                returned_on=D + dt.timedelta(days=5),
                reason_kind=reason,
                reason="x",
            )
            self.made.returns.append({"commune": key, "reason": reason})
            if reason == "political":
                continue
            standby = pool.pop()
            late = recruit is recruits[4][1]
            new = self.decision(key, standby, "army", delivered=D + dt.timedelta(days=7))
            self.made.decisions[-1]["replacement"] = True
            Replacement.objects.create(
                returned=returned,
                decision=new,
                replaced_on=D + dt.timedelta(days=20 if late else 8),
                late=late,
                over_cap=late,
            )
            self.made.replacements.append({"commune": key, "late": late, "over_cap": late})
            if not late:
                Recruit.objects.create(
                    handover=self.handover(key, "army", D + dt.timedelta(days=8)), decision=new
                )
                self.made.recruits.append(
                    {
                        "commune": key,
                        "service": "army",
                        "person": standby,
                        "handed_on": D + dt.timedelta(days=8),
                        "replacement": True,
                    }
                )
        # Violations: linked to the campaign, unlinked in the campaign year, unlinked outside it
        # (not counted), in a village of the commune, and linked to another campaign (not).
        other = Campaign.objects.create(
            unit=self.units["KD"],
            year=2023,
            exam_start=dt.date(2022, 11, 1),
            exam_end=dt.date(2022, 12, 31),
            handover_start=dt.date(2023, 2, 10),
        )
        village = make_village(self.units["DT"], "DT-V1", "Thôn Một", valid_to=dt.date(2025, 6, 30))
        cases = [
            ("DHOP", "absent_exam", self.campaign, dt.date(2024, 11, 20)),
            ("DHOP", "absent_exam", self.campaign, dt.date(2024, 12, 10)),
            ("DT", "refused_callup", None, dt.date(2025, 2, 13)),
            ("DT", "no_first_registration", None, dt.date(2024, 5, 1)),  # before the year: no
            ("MD", "absent_callup", other, dt.date(2025, 2, 13)),  # another campaign: no
            ("PTO", "cheated_exam", None, dt.date(2025, 6, 30)),
        ]
        for key, kind, campaign, day in cases:
            ViolationCase.objects.create(
                person=self.made.people[0][0],
                unit=self.units[key],
                campaign=campaign,
                kind=kind,
                occurred_on=day,
                facts="x",
                decree="218/2025",
                penalty_citation="x",
                fine_min=1,
                fine_max=2,
            )
            counted = (campaign is self.campaign) or (
                campaign is None and YEAR[0] <= day <= YEAR[1]
            )
            if counted:
                self.made.violations.append({"commune": key, "kind": kind})
        if village.pk:
            ViolationCase.objects.create(
                person=self.made.people[0][0],
                unit=village,
                campaign=self.campaign,
                kind="refused_exam",
                occurred_on=dt.date(2024, 11, 21),
                facts="x",
                decree="218/2025",
                penalty_citation="x",
                fine_min=1,
                fine_max=2,
            )
            self.made.violations.append({"commune": "DT", "kind": "refused_exam"})

    # ------------------------------------------------------------------ expected figures

    def row_key(self, commune_key: str) -> str:
        return FOLDED.get(commune_key, commune_key)

    def expected(self) -> dict[str, dict[str, Any]]:
        """Every figure of every row, counted in plain Python from ``made``."""
        m = self.made
        base: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
        for key in self.commune:
            base[self.row_key(key)]  # every row exists
        lo, hi = years_before(D, 28), years_before(D, 18)
        for p, on_d in m.people:
            if (
                p.sex == Sex.MALE
                and lo < p.date_of_birth <= hi
                and p.pk not in m.removed
                and p.pk not in m.barred
            ):
                base[on_d]["registered"] += 1
        commune_of = {p.pk: on_d for p, on_d in m.people}
        in_window = [c for c in m.calls if WINDOW[0] <= c["date"] <= WINDOW[1]]
        for kind, field_name in (("screening", "called_screening"), ("examination", "called_exam")):
            seen = {
                (commune_of[c["person"].pk], c["person"].pk) for c in in_window if c["kind"] == kind
            }
            for key, _pk in seen:
                base[key][field_name] += 1
        latest: dict[int, dict[str, Any]] = {}
        for c in in_window:
            if c["kind"] != "examination" or c["class"] is None:
                continue
            best = latest.get(c["person"].pk)
            if best is None or (c["date"], c["order"]) > (best["date"], best["order"]):
                latest[c["person"].pk] = c
        for pk, c in latest.items():
            base[commune_of[pk]]["examined"] += 1
            base[commune_of[pk]][f"class_{c['class']}"] += 1
        for c in in_window:
            if c["late"]:
                base[commune_of[c["person"].pk]]["late_notices"] += 1
        standing = [
            d
            for d in m.dossiers
            if d["state"] in ("granted", "ended")
            and d["decision"] <= D
            and (d["end"] is None or d["end"] > D)
            and (d["ended_on"] is None or d["ended_on"] > D)
        ]
        by_ground: dict[tuple[str, str], set[int]] = defaultdict(set)
        by_kind: dict[tuple[str, str], set[int]] = defaultdict(set)
        for d in standing:
            key = commune_of[d["person"].pk]
            by_ground[(key, d["ground"])].add(d["person"].pk)
            by_kind[(key, d["kind"])].add(d["person"].pk)
        for (key, ground), people in by_ground.items():
            prefix = "deferred" if ground.startswith("41.1") else "exempt"
            base[key][f"{prefix}_{ground}"] = len(people)
        for (key, kind), people in by_kind.items():
            base[key]["deferred" if kind == "deferral" else "exempt"] = len(people)
        for v in m.volunteers:
            if v["withdrawn_on"] is None or v["withdrawn_on"] > D:
                base[commune_of[v["person"].pk]]["volunteers_applied"] += 1
        certificate = self.campaign.certificate
        assert certificate is not None
        for service in certificate["services"]:
            name = service["service"]
            for code, value in service["result"].items():
                key = next(k for k, c in self.commune.items() if c.unit.code == code)
                base[self.row_key(key)][f"quota_{name}"] += value
        for key, pool in m.pools.items():
            base[self.row_key(key)]["callable"] += pool
        for d in m.decisions:
            if d["status"] != "valid":
                continue
            row = base[self.row_key(d["commune"])]
            row["decisions"] += 1
            late = d["delivered"] is not None and (D - d["delivered"]).days < 15
            if late and not d.get("replacement"):  # a replacement cannot have 15 days' notice
                row["late_deliveries"] += 1
        for e in m.entries:
            if e["kind"] == "official":
                base[self.row_key(e["commune"])][f"selected_{e['service']}"] += 1
        for r in m.recruits:
            if r["replacement"]:
                continue
            row = base[self.row_key(r["commune"])]
            p = r["person"]
            row[f"handed_over_{r['service']}"] += 1
            if p.higher_level and p.study_status == "graduated":
                row[
                    "graduates_vocational" if p.higher_level == "trade" else "graduates_higher"
                ] += 1
            row["party_members"] += int(p.party_member)
            row["youth_union_members"] += int(p.youth_union_member)
            row["ethnic_minorities"] += int(p.ethnicity != "01")
            vol = any(
                v["person"].pk == p.pk and (v["withdrawn_on"] is None or v["withdrawn_on"] > D)
                for v in m.volunteers
            )
            row["volunteers_recruited"] += int(vol)
            a = age(p.date_of_birth, r["handed_on"])
            band = next(
                (f"{lo_}–{lo_ + 1}" for lo_ in (18, 20, 22, 24, 26) if lo_ <= a <= lo_ + 1),
                "other",
            )
            row[f"age_{band}"] += 1
        for r in m.returns:
            base[self.row_key(r["commune"])][f"returns_{r['reason']}"] += 1
        for r in m.replacements:
            row = base[self.row_key(r["commune"])]
            row["replacements"] += 1
            row["replacements_late"] += int(r["late"])
            row["replacements_over_cap"] += int(r["over_cap"])
        for v in m.violations:
            base[v["commune"]][f"violation_{v['kind']}"] += 1
        return {key: derive(dict(values)) for key, values in base.items()}


def pct(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    f = Fraction(part * 100, whole)
    return (Decimal(f.numerator) / Decimal(f.denominator)).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP
    )


def derive(b: dict[str, Any]) -> dict[str, Any]:
    """The derived figures of docs/reports.md, from the base counts."""
    g = Counter(b)
    out: dict[str, Any] = dict(g)
    fit = g["class_1"] + g["class_2"] + g["class_3"]
    quota = g["quota_army"] + g["quota_police"]
    handed = g["handed_over_army"] + g["handed_over_police"]
    returns = sum(g[f"returns_{r}"] for r in REASONS)
    in_service = handed - returns + g["replacements"]
    graduates = g["graduates_vocational"] + g["graduates_higher"]
    out.update(
        examined_share=pct(g["examined"], g["called_exam"]),
        fit=fit,
        fit_share=pct(fit, g["examined"]),
        quota_total=quota,
        planned_rate=pct(quota, g["callable"]),
        selected=g["selected_army"] + g["selected_police"],
        handed_over=handed,
        percent_handover=pct(handed, quota),
        returns=returns,
        in_service=in_service,
        percent_met=pct(in_service, quota),
        realised_rate=pct(in_service, g["callable"]),
        graduates=graduates,
        graduates_share=pct(graduates, handed),
        party_share=pct(g["party_members"], handed),
        violations=sum(g[f"violation_{k}"] for k in KINDS),
    )
    return out


def summed(rows: list[dict[str, Any]]) -> dict[str, Any]:
    total: Counter[str] = Counter()
    for r in rows:
        for k, v in r.items():
            if isinstance(v, int):
                total[k] += v
    return derive(dict(total))


def commune_rows(scenario: Scenario) -> dict[str, CampaignCommune]:
    return scenario.commune
