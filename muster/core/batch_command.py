"""The shape of the batch judgement commands (``evaluate_eligibility``, ``evaluate_militia``):
``manage.py <command> FILE.json [--as-of DATE]`` reads a JSON list of cases (``-`` reads
stdin) and writes one JSON verdict per good case (JSON Lines) to stdout; each malformed case
gives one message on stderr, and the command then exits non-zero after printing every good
case. A command says only how one case is judged (``judge_case``)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
from collections.abc import Mapping
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from muster.core.dates import today


class CaseProblem(Exception):
    """A case that cannot be judged: its id (as given) and the message for stderr."""

    def __init__(self, case_id: object, message: str) -> None:
        super().__init__(message)
        self.case_id = case_id
        self.message = message


def before_coverage(case_id: object, day: dt.date, start: dt.date) -> CaseProblem:
    """A case judged on a day before the first day whose law is encoded."""
    return CaseProblem(
        case_id,
        _("%(day)s is before %(start)s, the first day whose law is encoded.")
        % {"day": day.isoformat(), "start": start.isoformat()},
    )


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


class BatchJudgeCommand(BaseCommand):
    """A batch judgement command; subclasses give ``help`` and ``judge_case``."""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON file with a list of cases ('-' reads stdin).")
        parser.add_argument(
            "--as-of",
            dest="as_of",
            default=None,
            help="Judge by the law in force on this day (YYYY-MM-DD; default today). A case's "
            'own "as_of" wins.',
        )

    def prepare(self) -> None:
        """Read what every case needs (settings, a policy) before the first case."""

    def judge_case(self, raw: object, default_day: dt.date) -> Mapping[str, Any]:
        """The JSON verdict of one raw case; raises ``CaseProblem`` for a malformed one."""
        raise NotImplementedError

    def handle(self, *args: Any, **options: Any) -> None:
        default_day = self._as_of(options["as_of"])
        self.prepare()
        cases = self._load(options["file"])
        bad = 0
        for index, raw in enumerate(cases, start=1):
            try:
                verdict = self.judge_case(raw, default_day)
            except CaseProblem as problem:
                bad += 1
                self._complain(index, problem.case_id, problem.message)
                continue
            line = json.dumps(verdict, ensure_ascii=False, separators=(",", ":"))
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
