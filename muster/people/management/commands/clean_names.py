"""Find, and with ``--fix`` clean, names stored before names were checked (issue 15, item 10).

Since then a name with hidden characters (zero-width spaces, bidi overrides, controls: see
``core.text.hidden_characters``) is refused and every name is stored NFC with single spaces. A
record stored earlier may still hold such a name: it shows wrongly and search never finds it.
Without ``--fix`` the command lists those records (public id, unit, the characters); with it,
each is corrected through the registry's own service (``person_update``, audited, as the
system, with the reason). A name that would be empty once cleaned is listed, never changed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from muster.accounts.services import system_actor
from muster.core.text import clean_line, clean_name, hidden_characters
from muster.people.models import Person
from muster.people.services import person_update

REASON = "Làm sạch ký tự ẩn trong họ tên đã lưu trước khi có kiểm tra (clean_names)"


def cleaned(name: str) -> str:
    """``name`` without its hidden characters, NFC, single-spaced."""
    hidden = {chr(int(label[2:], 16)) for label in hidden_characters(name)}
    return clean_name(clean_line("".join(ch for ch in name if ch not in hidden)))


class Command(BaseCommand):
    help = "List (and with --fix, clean through the audited service) names with hidden characters."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fix", action="store_true", help="Correct each name (audited, as the system)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = Person.objects.order_by("pk").values_list(
            "pk", "public_id", "full_name", "registration_unit__code"
        )
        actor = system_actor() if options["fix"] else None
        found = fixed = 0
        for pk, public_id, name, unit in rows.iterator(chunk_size=5000):
            new = cleaned(name)
            if new == name:
                continue
            found += 1
            labels = " ".join(hidden_characters(name)) or "NFC/spaces"
            if actor is None or not new:
                self.stdout.write(f"{public_id}\t{unit}\t{labels}" + ("" if new else "\tEMPTY"))
                continue
            person_update(
                actor=actor,
                person=Person.objects.get(pk=pk),
                changes={"full_name": new},
                reason=REASON,
            )
            fixed += 1
        self.stdout.write(f"{found} name(s) to clean, {fixed} cleaned.")
