#!/bin/sh
# Restore drill (docs/deployment.md §6): prove that the backups restore. Restores a base backup
# into a scratch cluster on a free port, replays archived WAL up to a time (point-in-time
# recovery), then checks the restored database with Muster itself:
#   manage.py migrate --check   (the schema is the code's: no migration missing)
#   manage.py verify_audit      (the audit chain is whole; --against every checkpoint kept)
# and stops and removes the scratch cluster whatever happens. Never touches the live cluster.
#
#   deploy/restore-drill.sh BASE_BACKUP WAL_ARCHIVE [TARGET_TIME]
#     BASE_BACKUP  a pg_basebackup directory (plain format), or base.tar(.gz) of a tar backup
#                  (pgBackRest users: `pgbackrest restore --type=time --target=… --pg1-path=DIR`
#                  into a scratch directory does this step; then run from "start" below)
#     WAL_ARCHIVE  the directory of archived WAL segments (archive_command or pg_receivewal)
#     TARGET_TIME  e.g. '2026-12-07 21:00:00+07' (default: replay all the archive holds)
#
# Environment: MUSTER_ENV (an environment file, default /etc/muster/muster.env, read if it
# exists: AUDIT_KEY_FILE, AUDIT_CHECKPOINT_DIR…), DB_NAME (default muster), MANAGE (default
# /opt/muster/.venv/bin/python /opt/muster/manage.py), PG_BIN (default: the newest
# /usr/lib/postgresql/*/bin), KEEP=1 leaves the cluster running for a look.
set -eu
BASE=$1
ARCHIVE=$2
TARGET=${3:-}
DB_NAME=${DB_NAME:-muster}
MANAGE=${MANAGE:-/opt/muster/.venv/bin/python /opt/muster/manage.py}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
MUSTER_ENV=${MUSTER_ENV:-/etc/muster/muster.env}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

SCRATCH=$(mktemp -d /tmp/muster-restore-XXXXXX)
DATA=$SCRATCH/data
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
[ "$(id -u)" = 0 ] && chown postgres:postgres "$SCRATCH"
cleanup() {
    if [ "${KEEP:-0}" = 1 ]; then echo "kept: $DATA on port $PORT"; return; fi
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$SCRATCH"
}
trap cleanup EXIT INT TERM

echo "restore: base backup $BASE -> $DATA"
if [ -d "$BASE" ]; then
    as_pg cp -a "$BASE" "$DATA"
else
    as_pg mkdir -m 700 "$DATA"
    as_pg tar -xf "$BASE" -C "$DATA"
fi
as_pg rm -f "$DATA/standby.signal" "$DATA/postmaster.pid"
# The restored copy must not archive into the live archive, nor stream from the primary.
as_pg sh -c "cat > '$DATA/postgresql.conf'" <<EOF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SCRATCH'
archive_mode = off
primary_conninfo = ''
restore_command = 'cp $ARCHIVE/%f %p'
recovery_target_action = 'promote'
$( [ -n "$TARGET" ] && echo "recovery_target_time = '$TARGET'" )
max_connections = 100
max_wal_senders = 10
max_worker_processes = 8
max_locks_per_transaction = 64
EOF
as_pg sh -c "printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > '$DATA/pg_hba.conf'"
as_pg touch "$DATA/pg_ident.conf" "$DATA/recovery.signal"
# postgresql.auto.conf of the live cluster may name its archive_command: neutralise it.
as_pg sh -c "echo \"archive_command = ''\" >> '$DATA/postgresql.auto.conf'"

echo "start: recovery ${TARGET:+to $TARGET }on port $PORT"
as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$SCRATCH/log" -w -t 600 start
i=0
until [ "$(psql -h 127.0.0.1 -p "$PORT" -U postgres -Atc 'select pg_is_in_recovery()')" = f ]; do
    i=$((i + 1)); [ $i -gt 600 ] && { echo "recovery did not finish"; tail "$SCRATCH/log"; exit 1; }
    sleep 1
done
grep -E "recovery stopping|last completed transaction|redo done" "$SCRATCH/log" || true

echo "check: schema and audit chain of $DB_NAME"
[ -f "$MUSTER_ENV" ] && { set -a; . "$MUSTER_ENV"; set +a; }
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/$DB_NAME"
unset DATABASE_REPLICA_URL
export MUSTER_JOB_THREADS=0
$MANAGE migrate --check
# Every checkpoint kept, but after a point-in-time recovery only those written before the
# target (a later head is rightly missing from the restored chain).
against=""
if [ -d "${AUDIT_CHECKPOINT_DIR:-}" ]; then
    for f in $(find "$AUDIT_CHECKPOINT_DIR" -name 'audit-head-*.json' \
               ${TARGET:+! -newermt "$TARGET"} | sort); do
        against="$against --against $f"
    done
fi
# shellcheck disable=SC2086
$MANAGE verify_audit $against
echo "restore drill passed"
