"""``manage.py evaluate_eligibility FILE.json [--as-of DATE]``: one JSON verdict per case.

The file holds a JSON list of cases (see docs/eligibility.md). Each good case gives one JSON
line on stdout; each malformed case gives one message on stderr, and the command then exits
non-zero (after printing every good case): ``muster.core.batch_command``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from muster.core.batch_command import BatchJudgeCommand, CaseProblem, before_coverage
from muster.law.callup.eligibility.engine import evaluator
from muster.law.callup.eligibility.facts import OutsideCoverage
from muster.law.callup.policy import Policy
from muster.law.callup.serialize import CaseError, parse_case, verdict_json
from muster.law.sources import COVERAGE_START


def load_policy() -> Policy:
    """The policy of ``settings.MUSTER_ELIGIBILITY_POLICY`` (default: the stricter positions)."""
    raw = getattr(settings, "MUSTER_ELIGIBILITY_POLICY", {}) or {}
    if not isinstance(raw, Mapping):
        raise CommandError(_("MUSTER_ELIGIBILITY_POLICY must be a dict."))
    try:
        return Policy.from_mapping(raw)
    except ValueError as exc:
        raise CommandError(_("MUSTER_ELIGIBILITY_POLICY: %(error)s") % {"error": exc}) from exc


class Command(BatchJudgeCommand):
    help = (
        "Evaluate call-up eligibility for a JSON list of cases and write one JSON verdict per "
        "case (JSON Lines) to stdout."
    )

    def prepare(self) -> None:
        self.policy = load_policy()

    def judge_case(self, raw: object, default_day: dt.date) -> Mapping[str, Any]:
        try:
            case = parse_case(raw)
        except CaseError as exc:
            raise CaseProblem(exc.case_id, exc.render(_)) from exc
        day = case.as_of or default_day
        try:
            verdict = evaluator(day, self.policy).evaluate(case.facts)
        except OutsideCoverage as exc:
            raise before_coverage(case.id, day, COVERAGE_START) from exc
        return verdict_json(case.id, verdict)
