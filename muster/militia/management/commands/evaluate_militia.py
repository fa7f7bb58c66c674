"""``manage.py evaluate_militia FILE.json [--as-of DATE]``: one JSON militia verdict per case.

The file holds a JSON list of cases (see docs/militia.md, "Rules and batch judgement"). Each
good case gives one JSON line on stdout; each malformed case gives one message on stderr, and
the command then exits non-zero (after printing every good case): ``muster.core.batch_command``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from muster.core.batch_command import BatchJudgeCommand, CaseProblem, before_coverage
from muster.law.militia.engine import OutsideCoverage, judge
from muster.law.militia.serialize import CaseError, parse_case, verdict_json
from muster.law.sources import LAW_48_FROM


class Command(BatchJudgeCommand):
    help = (
        "Judge militia selection (Law 48/2019) for a JSON list of cases and write one JSON "
        "verdict per case (JSON Lines) to stdout."
    )

    def judge_case(self, raw: object, default_day: dt.date) -> Mapping[str, Any]:
        try:
            case = parse_case(raw)
        except CaseError as exc:
            raise CaseProblem(exc.case_id, exc.render(_)) from exc
        day = case.as_of or default_day
        try:
            verdict = judge(case.facts, day)
        except OutsideCoverage as exc:
            raise before_coverage(case.id, day, LAW_48_FROM) from exc
        return verdict_json(case.id, verdict)
