"""Every change to directives, targets and reports: validated, one transaction, audited.

The changes live by sub-domain: ``setup`` (bodies, directives, tasks), ``targets`` (targets,
shares, milestones), ``reports`` (the maker and the checker), ``evidence`` (files attached to a
report) and ``guards`` (who may change what; the lock of an approved period). Import from those
modules. The names below are re-exported only for ``muster/directives/demo.py``, whose move to
``muster/demo/`` will point it at the precise modules.
"""

from muster.directives.services.evidence import evidence_add
from muster.directives.services.reports import (
    report_create,
    report_review,
    report_revise,
    report_submit,
    report_update,
)
from muster.directives.services.setup import body_create, directive_create, task_create
from muster.directives.services.targets import milestone_set_done, target_create

__all__ = [
    "body_create",
    "directive_create",
    "evidence_add",
    "milestone_set_done",
    "report_create",
    "report_review",
    "report_revise",
    "report_submit",
    "report_update",
    "target_create",
    "task_create",
]
