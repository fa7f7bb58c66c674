#!/bin/sh
# Nightly (muster-audit.timer): verify the audit chain against the checkpoints kept, then write a
# new signed checkpoint (audit_checkpoint verifies the whole chain again before writing). Then
# copy the checkpoints off this machine (CHECKPOINT_COPY_TO: an rsync target, optional).
set -eu
cd "${MUSTER_HOME:-/opt/muster}"
PY=${PY:-.venv/bin/python}
against=""
if [ -d "${AUDIT_CHECKPOINT_DIR:-}" ]; then
    # the last 30 checkpoints are enough: each one covers the chain up to its head
    for f in $(ls "$AUDIT_CHECKPOINT_DIR"/audit-head-*.json 2>/dev/null | sort | tail -30); do
        against="$against --against $f"
    done
fi
# shellcheck disable=SC2086
$PY manage.py verify_audit $against
$PY manage.py audit_checkpoint
$PY manage.py prune_db_task_results --min-age-days 30 >/dev/null 2>&1 || true
if [ -n "${CHECKPOINT_COPY_TO:-}" ]; then
    rsync -a "$AUDIT_CHECKPOINT_DIR"/ "$CHECKPOINT_COPY_TO"/
fi
