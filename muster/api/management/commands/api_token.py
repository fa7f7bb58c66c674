"""``manage.py api_token USERNAME --unit CODE --days N [--write] [--name NAME]``: issue an API
token for a user (the system actor issues it, audited) and print its secret once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from muster.accounts.models import User
from muster.accounts.services import system_actor
from muster.api.services import token_issue
from muster.core.dates import today
from muster.geo.models import Unit


class Command(BaseCommand):
    help = "Issue an API token for a user over one unit of his area; prints the secret once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--unit", required=True, help="The unit's official code.")
        parser.add_argument("--days", type=int, default=90, help="Days of validity (≤ 365).")
        parser.add_argument("--write", action="store_true", help="Allow writes.")
        parser.add_argument("--name", default="", help="The token's name (default: command).")

    def handle(self, *args: Any, **options: Any) -> None:
        owner = User.objects.filter(username=options["username"]).first()
        if owner is None:
            raise CommandError(f"No user {options['username']!r}.")
        day = today()
        unit = (
            Unit.objects.filter(code=options["unit"])
            .exclude(valid_to__lt=day)
            .order_by("-valid_from")
            .first()
        ) or Unit.objects.filter(code=options["unit"]).order_by("-valid_from").first()
        if unit is None:
            raise CommandError(f"No unit with code {options['unit']!r}.")
        try:
            token, secret = token_issue(
                actor=system_actor(),
                owner=owner,
                name=options["name"] or f"api_token {day:%d/%m/%Y}",
                unit=unit,
                write=options["write"],
                expires_on=day + dt.timedelta(days=options["days"]),
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stderr.write(
            f"Token {token.public_id} for {owner.username} over {unit.code} {unit.name}, "
            f"{'read and write' if token.write else 'read only'}, "
            f"expires {token.expires_at:%d/%m/%Y %H:%M}."
        )
        self.stdout.write(secret)
