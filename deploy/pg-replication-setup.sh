#!/bin/sh
# Let a PostgreSQL primary serve streaming replicas (and pg_basebackup). Run once, as root,
# on the primary's machine. Idempotent.
#
#   deploy/pg-replication-setup.sh [CIDR] [ROLE] [METHOD]
#     CIDR    who may open replication connections (default 127.0.0.1/32: the replica test
#             and the restore drill on this machine; a national primary names its replicas'
#             network, e.g. 10.20.0.0/24)
#     ROLE    the replication role (default postgres; production: a dedicated role created with
#             `CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '…'`)
#     METHOD  pg_hba method (default trust; production: scram-sha-256)
#
# What needs only a reload (done here): the pg_hba.conf line. What needs a RESTART (this script
# only sets it with ALTER SYSTEM and says so; restart in a maintenance window):
# wal_level (replica or logical), max_wal_senders (> 0), max_replication_slots.
# PostgreSQL 15 defaults are already wal_level=replica, max_wal_senders=10, hot_standby=on.
set -eu
CIDR=${1:-127.0.0.1/32}
ROLE=${2:-postgres}
METHOD=${3:-trust}
PSQL="psql -h ${PGHOST:-127.0.0.1} -p ${PGPORT:-5432} -U ${PGUSER:-postgres} -Atq"

restart=""
wal_level=$($PSQL -c "show wal_level")
if [ "$wal_level" = "minimal" ]; then
    $PSQL -c "ALTER SYSTEM SET wal_level = 'replica'"
    restart="wal_level"
fi
senders=$($PSQL -c "show max_wal_senders")
if [ "$senders" -lt 4 ]; then
    $PSQL -c "ALTER SYSTEM SET max_wal_senders = 10"
    restart="$restart max_wal_senders"
fi

hba=$($PSQL -c "show hba_file")
line="host replication $ROLE $CIDR $METHOD"
if ! grep -Eq "^host[[:space:]]+replication[[:space:]]+$ROLE[[:space:]]+$CIDR[[:space:]]" "$hba"; then
    printf '# muster: streaming replicas and base backups (deploy/pg-replication-setup.sh)\n%s\n' \
        "$line" >> "$hba"
    echo "added to $hba: $line"
fi
$PSQL -c "SELECT pg_reload_conf()" > /dev/null

if [ -n "$restart" ]; then
    echo "RESTART NEEDED for:$restart (systemctl restart postgresql)" >&2
    exit 2
fi
echo "replication connections allowed for $ROLE from $CIDR ($METHOD); wal_level=$wal_level"
