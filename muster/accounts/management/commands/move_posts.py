"""Move the users of units that ended to the unit each became (the 1 July 2025 reform)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from muster.accounts.posts import posts_follow_successors
from muster.accounts.services import system_actor
from muster.core.dates import parse_user_date
from muster.geo.models import unit_label


class Command(BaseCommand):
    help = (
        "Move every active user whose unit ended before DATE to the unit it became "
        "(closing the old post, audited); users of split units are listed, not moved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", required=True, help="The date (dd/mm/yyyy or yyyy-mm-dd).")
        parser.add_argument(
            "--keep", action="append", default=[], help="A user name to leave in place."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = parse_user_date(options["on"])
        if on is None:
            raise CommandError("--on: give a date as dd/mm/yyyy or yyyy-mm-dd.")
        moved = posts_follow_successors(
            actor=system_actor(),
            on=on,
            keep=options["keep"],
            reason=f"Unit reorganisation effective {on:%d/%m/%Y}",
        )
        for m in moved:
            target = unit_label(m.to_unit) if m.to_unit else f"not moved: {m.why}"
            self.stdout.write(f"{m.user.username}: {unit_label(m.from_unit)} → {target}")
        self.stdout.write(f"{sum(1 for m in moved if m.to_unit)} of {len(moved)} users moved.")
