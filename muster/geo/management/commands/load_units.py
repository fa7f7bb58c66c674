from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from muster.geo.loading import KIM_DONG_FIXTURE, load_units_fixture


class Command(BaseCommand):
    help = "Load reference units (province, district/PTKV, communes, changes) from a JSON fixture."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("fixture", nargs="?", default=str(KIM_DONG_FIXTURE))

    def handle(self, *args: Any, **options: Any) -> None:
        units = load_units_fixture(Path(options["fixture"]))
        self.stdout.write(f"{len(units)} units in place.")
