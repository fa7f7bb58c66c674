"""``manage.py rank POOL.json --seed SEED [--quota N] [--standby M]``: the selection order.

POOL.json is a JSON list of pool records (docs/campaign.md §2). Prints the ranked list (official,
standby, remaining) with each citizen's standing and draw key as JSON. ``--new-seed`` prints a
fresh seed and its commitment (publish the commitment, keep the seed until the list is frozen).
``manage.py rank POOL.json --verify RESULT.json`` checks a published list: the seed it reveals
matches its commitment and re-derives exactly its order from POOL.json (exit 1 otherwise).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from muster.conscription.management.commands.apportion import _read_json
from muster.law.callup.draw import (
    Candidate,
    SelectionError,
    commit,
    new_seed,
    parse_candidate,
    rank,
    ranked_from_json,
    verify,
)


def _problems(path: str, problems: list[str]) -> CommandError:
    return CommandError(
        _("%(path)s has %(count)s problem(s):") % {"path": path, "count": len(problems)}
        + "\n"
        + "\n".join(f"  - {p}" for p in problems)
    )


class Command(BaseCommand):
    help = "Rank a commune's callable pool by the published order with a committed seed."
    # Pure computation from a file: no database, no URL configuration to check.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="JSON list of pool records.")
        parser.add_argument("--seed", help="The revealed seed (32–128 hexadecimal digits).")
        parser.add_argument("--quota", type=int, default=0)
        parser.add_argument("--standby", type=int, default=0)
        parser.add_argument(
            "--new-seed", action="store_true", help="Print a fresh seed and its commitment."
        )
        parser.add_argument(
            "--verify",
            metavar="RESULT.json",
            help="Check a published ranked list (its seed, commitment and order) against the pool.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_seed"]:
            seed = new_seed()
            self.stdout.write(json.dumps({"seed": seed, "commitment": commit(seed)}))
            return
        path, seed = options["file"], options["seed"]
        if options["verify"] and path:
            self._verify(path, options["verify"])
            return
        if not path or not seed:
            raise CommandError(_("Give a pool file and --seed, or --new-seed."))
        pool = self._pool(path)
        try:
            ranked = rank(pool, seed, quota=options["quota"], standby=options["standby"])
        except SelectionError as exc:
            raise _problems(path, exc.problems) from exc
        self.stdout.write(json.dumps(ranked.to_json(), ensure_ascii=False, indent=2))

    def _verify(self, pool_path: str, result_path: str) -> None:
        pool = self._pool(pool_path)
        data = _read_json(result_path)
        if not isinstance(data, dict):
            raise _problems(result_path, ["the result must be a JSON object"])
        try:
            ranked = ranked_from_json(data)
        except SelectionError as exc:
            raise _problems(result_path, exc.problems) from exc
        if not verify(ranked.commitment, ranked.seed, pool, ranked):
            raise CommandError(
                _(
                    "Verification failed: the seed does not match the commitment, or the pool "
                    "does not give this order."
                )
            )
        self.stdout.write(
            json.dumps({"verified": True, "commitment": ranked.commitment, "places": len(pool)})
        )

    def _pool(self, path: str) -> list[Candidate]:
        data = _read_json(path)
        if not isinstance(data, list):
            raise _problems(path, ["the pool must be a JSON list of records"])
        pool: list[Candidate] = []
        problems: list[str] = []
        for i, raw in enumerate(data):
            if not isinstance(raw, dict):
                problems.append(f"[{i}]: must be an object")
                continue
            candidate, found = parse_candidate(raw, f"[{i}]")
            problems.extend(found)
            if candidate is not None:
                pool.append(candidate)
        if problems:
            raise _problems(path, problems)
        return pool
