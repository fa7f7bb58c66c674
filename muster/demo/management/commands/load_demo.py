"""``manage.py load_demo``: the demo Kim Động district, deterministic from a seed.

The reference units first (the Hưng Yên / Kim Động fixture), then every step the apps
registered (``muster.core.registry``: the registry, the accounts, the directive, the call-up
campaigns …) in their order. Idempotent: run again, it reuses what is there and only prints the
demo logins.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from muster.core.registry import registry
from muster.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, scope_label
from muster.geo.loading import load_units_fixture


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
        for step in registry.steps():
            lines = step.resolve()(units=units, seed=options["seed"], scale=options["scale"])
            for line in lines:
                self.stdout.write(line)
        self.stdout.write(f"Ready in {time.perf_counter() - started:.1f} s.\n")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            scope = scope_label(account, units)
            self.stdout.write(f"  {account.username:<22} {account.role.label!s:<40} {scope}")
