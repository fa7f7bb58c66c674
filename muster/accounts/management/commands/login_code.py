"""Issue a one-time login code for a user, as the system (the server operator's way in for an
administrator who is locked out himself; other users get theirs on the Users page)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from muster.accounts.models import User
from muster.accounts.perms import can_issue_login_code
from muster.accounts.services import login_code_issue, system_actor


class Command(BaseCommand):
    help = "Issue a one-time login code for USERNAME (audited as the system) and print it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username__iexact=options["username"]).first()
        actor = system_actor()
        if user is None or not can_issue_login_code(actor, user):
            raise CommandError(f"No active user {options['username']!r} to issue a code for.")
        code = login_code_issue(actor=actor, user=user)
        self.stdout.write(
            f"{code}  (for {user.username}; serves once, expires in "
            f"{settings.LOGIN_CODE_MINUTES} minutes; enter it at /accounts/unlock/)"
        )
