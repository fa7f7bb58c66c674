"""``manage.py verify_audit [--against CHECKPOINT ...]``: walk the audit chain; exit 1 at the
first broken link, or when the chain no longer holds a checkpointed head."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from muster.audit.chain import ChainProblem, checkpoint_problem, checkpoint_read
from muster.audit.keys import audit_key
from muster.audit.selectors import chain_report, head_state


def _broken(problem: ChainProblem) -> CommandError:
    return CommandError(
        f"Audit chain broken ({problem.kind}) at event #{problem.seq}: {problem.detail}"
    )


class Command(BaseCommand):
    help = (
        "Verify the hash chain of the audit log; name the first altered, removed or inserted "
        "event. With --against, also check that the chain still holds each checkpointed head "
        "(written by audit_checkpoint and kept outside the database)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--against",
            action="append",
            default=[],
            metavar="CHECKPOINT",
            help="a checkpoint file (JSON) written by audit_checkpoint; may be repeated",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        key = audit_key()
        checkpoints: list[tuple[str, int, str, str]] = []
        for name in options["against"]:
            try:
                data = json.loads(Path(name).read_text(encoding="utf-8"))
                seq, hash_, created = checkpoint_read(data, key)
            except (OSError, ValueError) as exc:  # CheckpointError and bad JSON are ValueErrors
                detail = exc.strerror if isinstance(exc, OSError) else str(exc)
                raise CommandError(f"Checkpoint {name} cannot be used: {detail}") from exc
            checkpoints.append((name, seq, hash_, created))
        count, report = chain_report(remember=frozenset(seq for _n, seq, _h, _c in checkpoints))
        if report.problem is not None:
            raise _broken(report.problem)
        head_seq, _head_hash = head_state()
        for _name, seq, hash_, created in checkpoints:
            problem = checkpoint_problem(
                seq=seq,
                hash_=hash_,
                created_at=created,
                head_seq=head_seq,
                stored_hash=report.remembered.get(seq),
            )
            if problem is not None:
                raise _broken(problem)
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} events."))
        if report.first_keyed is not None:
            self.stdout.write(f"Keyed with the audit key from event #{report.first_keyed}.")
        if checkpoints:
            self.stdout.write(f"Holds the head of {len(checkpoints)} checkpoint(s).")
        else:
            self.stdout.write(
                "Without a checkpoint (--against) this proves the chain consistent, not complete: "
                "dropping the newest events is seen only against a checkpoint."
            )
