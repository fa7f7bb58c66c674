"""``manage.py evaluate_militia FILE.json [--as-of DATE]``: one JSON militia verdict per case.

The file holds a JSON list of cases (see docs/militia.md, "Rules and batch judgement"). Each
good case gives one JSON line on stdout; each malformed case gives one message on stderr, and
the command then exits non-zero (after printing every good case).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from muster.core.dates import today
from muster.law.militia.engine import OutsideCoverage, judge
from muster.law.militia.serialize import CaseError, parse_case, verdict_json
from muster.law.sources import LAW_48_FROM


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


class Command(BaseCommand):
    help = (
        "Judge militia selection (Law 48/2019) for a JSON list of cases and write one JSON "
        "verdict per case (JSON Lines) to stdout."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON file with a list of cases ('-' reads stdin).")
        parser.add_argument(
            "--as-of",
            dest="as_of",
            default=None,
            help="Judge by the law in force on this day (YYYY-MM-DD; default today). A case's "
            'own "as_of" wins.',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        default_day = self._as_of(options["as_of"])
        cases = self._load(options["file"])
        bad = 0
        for index, raw in enumerate(cases, start=1):
            try:
                case = parse_case(raw)
                verdict = judge(case.facts, case.as_of or default_day)
            except CaseError as exc:
                bad += 1
                self._complain(index, exc.case_id, exc.render(_))
                continue
            except OutsideCoverage:
                bad += 1
                day = case.as_of or default_day
                problem = _("%(day)s is before %(start)s, the first day whose law is encoded.") % {
                    "day": day.isoformat(),
                    "start": LAW_48_FROM.isoformat(),
                }
                self._complain(index, case.id, problem)
                continue
            line = json.dumps(
                verdict_json(case.id, verdict), ensure_ascii=False, separators=(",", ":")
            )
            try:
                self.stdout.write(line)
            except BrokenPipeError:
                _silence_stdout()  # the reader (e.g. ``head``) went away: stop quietly
                raise SystemExit(1) from None
        if bad:
            raise CommandError(
                _("%(bad)d of %(total)d cases were malformed.") % {"bad": bad, "total": len(cases)}
            )

    def _as_of(self, raw: str | None) -> dt.date:
        if raw is None:
            return today()
        try:
            return dt.date.fromisoformat(raw)
        except ValueError as exc:
            raise CommandError(_("--as-of must be a date YYYY-MM-DD.")) from exc

    def _load(self, name: str) -> list[object]:
        try:
            if name == "-":
                data = json.load(sys.stdin)
            else:
                with open(name, encoding="utf-8") as handle:
                    data = json.load(handle)
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": name, "error": exc.strerror}
            ) from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(
                _("%(file)s is not valid JSON: %(error)s") % {"file": name, "error": exc}
            ) from exc
        if not isinstance(data, list):
            raise CommandError(_("%(file)s must hold a JSON list of cases.") % {"file": name})
        return data

    def _complain(self, index: int, case_id: object, problem: str) -> None:
        self.stderr.write(
            _("case %(index)d (id %(id)s): %(problem)s")
            % {"index": index, "id": json.dumps(case_id, ensure_ascii=False), "problem": problem}
        )
