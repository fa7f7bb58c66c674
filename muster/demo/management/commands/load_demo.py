"""``manage.py load_demo``: the demo Kim Động district, deterministic from a seed.

Idempotent: run again, it reuses what is there and only prints the demo logins.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from muster.accounts.models import User
from muster.accounts.services import system_actor, user_create
from muster.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from muster.demo.callup.campaign2025 import examinations_line, load_demo_campaign
from muster.demo.callup.campaign2027 import campaign_line, load_demo_campaign_2027
from muster.demo.callup.postings import load_demo_postings
from muster.demo.callup.selection import load_demo_selection
from muster.demo.callup.violations import load_demo_violations
from muster.demo.directives import load_demo_directive
from muster.demo.people.writer import generate_demo_registry
from muster.geo.loading import load_units_fixture
from muster.people.models import Person


class Command(BaseCommand):
    help = "Load the demo district (units, villages, synthetic citizens) and the demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=settings.MUSTER_DEMO_SEED)
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Fraction of the full demo population to generate (tests use a small one).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        units = load_units_fixture()
        if not Person.objects.filter(is_synthetic=True).exists():
            summary = generate_demo_registry(
                units=units, seed=options["seed"], scale=options["scale"]
            )
            self.stdout.write(
                f"Demo registry: {summary.people} citizens, {summary.family_ties} family ties, "
                f"{summary.villages} villages (synthetic)."
            )
        else:
            self.stdout.write("Demo registry already loaded; reusing it.")
        for account in DEMO_ACCOUNTS:
            if User.objects.filter(username=account.username).exists():
                continue
            user_create(
                actor=system_actor(),
                username=account.username,
                password=DEMO_PASSWORD,
                role=account.role,
                scope_unit=units[account.scope_key] if account.scope_key else None,
                full_name=account.full_name,
                title=account.title,
                reason="demo account",
            )
        if load_demo_directive(units=units) is not None:
            self.stdout.write("Demo directive: Kim Động 2025, seven tasks, targets and reports.")
        campaign = load_demo_campaign(units=units, scale=options["scale"], seed=options["seed"])
        if campaign is not None:
            self.stdout.write("Demo campaign: Kim Động 2025 (quotas, decisions, 2024 history).")
            self.stdout.write(examinations_line(campaign))
        if load_demo_violations(units=units) is not None:
            self.stdout.write("Demo violations: six cases of the 2025 campaign.")
        self.stdout.write(f"Demo selection and handover: {load_demo_selection(units=units)}.")
        campaign = load_demo_campaign_2027(
            units=units, scale=options["scale"], seed=options["seed"]
        )
        if campaign is not None:
            self.stdout.write(campaign_line(campaign))
            self.stdout.write(examinations_line(campaign))
        load_demo_postings(units=units)  # public postings and complaints (idempotent)
        self.stdout.write(f"Ready in {time.perf_counter() - started:.1f} s.\n")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            scope = units[account.scope_key].name if account.scope_key else "—"
            self.stdout.write(f"  {account.username:<22} {account.role.label!s:<40} {scope}")
