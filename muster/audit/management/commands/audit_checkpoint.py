"""``manage.py audit_checkpoint``: write the chain's head, signed with the audit key, to a file
to keep outside the database (``verify_audit --against FILE`` checks the chain still holds it).

Run it daily (cron or a systemd timer) and copy the files off the database's machine (another
host, write-once storage, or print them: the file is a few lines of JSON).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from muster.audit.chain import checkpoint_make
from muster.audit.keys import audit_key
from muster.audit.selectors import chain_report, head_state


class Command(BaseCommand):
    help = "Write the audit chain's head, signed with the audit key, to a checkpoint file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            metavar="PATH",
            help="the file to write ('-': print it); default: a new file in AUDIT_CHECKPOINT_DIR",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # A checkpoint of a broken chain would anchor the damage: verify first.
        _count, report = chain_report()
        if report.problem is not None:
            problem = report.problem
            raise CommandError(
                f"Audit chain broken ({problem.kind}) at event #{problem.seq}: {problem.detail}; "
                "no checkpoint written"
            )
        seq, hash_ = head_state()
        now = timezone.now()
        checkpoint = checkpoint_make(
            seq=seq, hash_=hash_, created_at=now.isoformat(), key=audit_key()
        )
        text = json.dumps(checkpoint, indent=2, sort_keys=True) + "\n"
        output = options.get("output")
        if output == "-":
            sys.stdout.write(text)
            return
        if output:
            path = Path(output)
        else:
            folder = Path(settings.AUDIT_CHECKPOINT_DIR)
            path = folder / f"audit-head-{seq:09d}-{now:%Y%m%dT%H%M%S%f}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Checkpoint of event #{seq} written to {path}"))
