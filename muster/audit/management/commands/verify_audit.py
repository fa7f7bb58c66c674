"""``manage.py verify_audit``: walk the audit chain; exit 1 at the first broken link."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from muster.audit.selectors import verify_chain


class Command(BaseCommand):
    help = (
        "Verify the hash chain of the audit log; name the first altered, removed or inserted event."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count, problem = verify_chain()
        if problem is None:
            self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} events."))
            return
        raise CommandError(
            f"Audit chain broken ({problem.kind}) at event #{problem.seq}: {problem.detail}"
        )
