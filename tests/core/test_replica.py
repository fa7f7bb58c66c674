"""A real streaming replica of the test database (muster/core/dbrouter.py, docs/deployment.md).

Runs only on PostgreSQL with the server's own tools at hand (``pg_basebackup``, ``pg_ctl`` under
/usr/lib/postgresql/*/bin) and a local primary that accepts replication connections (once per
machine: ``deploy/pg-replication-setup.sh``). The test takes a base backup of the primary into a
scratch directory, starts it on a free port as a hot standby, and checks where reads go: a list
read on the replica, a read after a write in the same request (and in the GET after a POST) on
the primary, the primary again when the replica's replay is paused past the lag limit, and when
the replica is stopped. The cluster is stopped and removed whatever happens. About 10 s.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from muster.core import dbrouter
from muster.core.dbrouter import STICKY_COOKIE, ReplicaMiddleware, replica_reads
from muster.people.models import Person
from tests.core.factories import make_person
from tests.core.replicas import replicas

#: Above this the base backup alone would not fit the test's minute (bench it by hand instead).
MAX_CLUSTER_BYTES = 1_000_000_000
TIMEOUT = 30


def _bin_dir() -> Path | None:
    for found in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if all(Path(found, tool).exists() for tool in ("pg_basebackup", "pg_ctl")):
            return Path(found)
    return None


def _as_postgres(*args: str) -> list[str]:
    """PostgreSQL refuses to run as root: run the server tools as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _skip_reason() -> str | None:
    if connection.vendor != "postgresql":
        return "needs PostgreSQL (DATABASE_URL=postgres://…)"
    if _bin_dir() is None:
        return "pg_basebackup and pg_ctl not found under /usr/lib/postgresql/*/bin"
    params = connection.get_connection_params()
    if params.get("host") not in {"127.0.0.1", "localhost"}:
        return "the primary is not local"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser"
    probe = subprocess.run(
        ["psql", f"host={params['host']} port={params.get('port') or 5432} "
         f"user={params.get('user') or 'postgres'} replication=true", "-c", "IDENTIFY_SYSTEM"],
        capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    if probe.returncode != 0:
        return "the primary refuses replication connections: run deploy/pg-replication-setup.sh"
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(pg_database_size(oid)) FROM pg_database")
        (size,) = cursor.fetchone()
    if size > MAX_CLUSTER_BYTES:
        return f"the primary cluster holds {size // 2**20} MB: a base backup would exceed 60 s"
    return None


@pytest.fixture(scope="module")
def standby(django_db_setup, django_db_blocker) -> Iterator[dict[str, object]]:
    with django_db_blocker.unblock():
        reason = _skip_reason()
        if reason:
            pytest.skip(reason)
        params = connection.get_connection_params()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN ('max_connections',"
                " 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions',"
                " 'max_locks_per_transaction')"
            )
            must_match = dict(cursor.fetchall())
    bin_dir = _bin_dir()
    assert bin_dir is not None
    root = Path(tempfile.mkdtemp(prefix="muster-replica-"))
    data = root / "data"
    port = _free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")

    def ctl(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            _as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), *args),
            capture_output=True, text=True, timeout=TIMEOUT, check=False,
        )  # fmt: skip

    try:
        subprocess.run(
            _as_postgres(
                str(bin_dir / "pg_basebackup"), "-h", params["host"],
                "-p", str(params.get("port") or 5432), "-U", params.get("user") or "postgres",
                "-D", str(data), "-R", "-X", "stream", "-c", "fast", "--no-sync",
            ),
            capture_output=True, text=True, timeout=TIMEOUT, check=True,
        )  # fmt: skip
        settings = [
            f"port = {port}",
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{root}'",
            "hot_standby = on",
            "shared_buffers = '32MB'",
            "fsync = off",
            *(f"{name} = {value}" for name, value in must_match.items()),
        ]
        files = {
            "postgresql.conf": "\n".join(settings) + "\n",
            "pg_hba.conf": "local all all trust\nhost all all 127.0.0.1/32 trust\n",
            "pg_ident.conf": "",
        }
        for name, text in files.items():
            subprocess.run(
                _as_postgres("tee", str(data / name)),
                input=text, capture_output=True, text=True, timeout=TIMEOUT, check=True,
            )  # fmt: skip
        started = ctl("-l", str(root / "log"), "-w", "-t", str(TIMEOUT), "start")
        assert started.returncode == 0, started.stderr + (root / "log").read_text()
        yield {"port": port, "ctl": ctl, "name": connection.settings_dict["NAME"]}
    finally:
        ctl("-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def _wait(what: str, check: Callable[[], bool], seconds: float = 20) -> None:
    """Replication is asynchronous: poll (bounded) until ``check`` holds."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting: {what}"
        time.sleep(0.05)


def _replica_sql(sql: str) -> object:
    with connections["replica"].cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return row[0] if row else None


def _caught_up() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (primary,) = cursor.fetchone()
    return bool(_replica_sql(f"SELECT pg_last_wal_replay_lsn() >= '{primary}'::pg_lsn"))


def _people_count(request: HttpRequest) -> HttpResponse:
    """A view that reads the registry through the replica router (what the list views do)."""
    with replica_reads():
        return HttpResponse(str(Person.objects.count()))


def _write_then_read(request: HttpRequest) -> HttpResponse:
    make_person(request.unit)  # type: ignore[attr-defined]
    return _people_count(request)


@pytest.mark.django_db(transaction=True)
def test_reads_follow_the_replica_and_fall_back_to_the_primary(
    standby, units, personas, client, settings
):
    settings.REPLICA_CHECK_SECONDS = 0
    settings.REPLICA_MAX_LAG_SECONDS = 60
    replica = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": standby["name"],
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": standby["port"],
        "OPTIONS": {"connect_timeout": 3},
    }
    make_person(units["DHOP"], full_name="Trần Văn Replica")
    with replicas(replica=replica):
        _wait("the replica replays the fixtures", _caught_up)
        assert dbrouter.measure("replica") == 0.0

        # 1. the registry list, opted in with @replica_view, reads the replica
        client.force_login(personas["district_officer"])
        with CaptureQueriesContext(connections["replica"]) as on_replica:
            page = client.get(reverse("people:person_list"))
        assert page.status_code == 200
        assert "Trần Văn Replica" in page.content.decode()
        assert any('"people_person"' in q["sql"] for q in on_replica.captured_queries)

        # 2. read-your-writes, proved with replay paused (the replica cannot see new rows)
        _replica_sql("SELECT pg_wal_replay_pause()")
        middleware = ReplicaMiddleware(_write_then_read)
        post = RequestFactory().post("/")
        post.unit = units["DHOP"]  # type: ignore[attr-defined]
        response = middleware(post)
        assert response.content == b"2"  # read after the write, same request: the primary
        follow = RequestFactory().get("/")
        follow.COOKIES[STICKY_COOKIE] = response.cookies[STICKY_COOKIE].value
        assert ReplicaMiddleware(_people_count)(follow).content == b"2"  # the redirect's GET
        assert ReplicaMiddleware(_people_count)(RequestFactory().get("/")).content == b"1"

        # 3. replay paused: once the lag passes the limit, reads go back to the primary
        settings.REPLICA_MAX_LAG_SECONDS = 1
        _wait("the lag passes 1 s", lambda: (dbrouter.measure("replica") or 0) > 1)
        assert ReplicaMiddleware(_people_count)(RequestFactory().get("/")).content == b"2"
        _replica_sql("SELECT pg_wal_replay_resume()")
        _wait("the replica catches up", _caught_up)
        with dbrouter.fresh_request(), replica_reads():
            assert dbrouter.read_alias(Person) == "replica"

        # 4. the replica stopped: reads go to the primary and the list still works
        stopped = standby["ctl"]("-m", "fast", "-w", "stop")
        assert stopped.returncode == 0, stopped.stderr
        with dbrouter.fresh_request(), replica_reads():
            assert dbrouter.read_alias(Person) == DEFAULT_DB_ALIAS
        assert client.get(reverse("people:person_list")).status_code == 200
