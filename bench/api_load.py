"""Load test of the REST API: concurrent clients against a running server (target: p95 < 100 ms
with 20 clients).

    .venv/bin/python bench/api_load.py --url http://127.0.0.1:8000 --token mst_xxxxxxxx_... \\
        [--clients 20] [--seconds 30] [--path /api/v1/units --path "/api/v1/citizens?limit=50"]

Each client is a thread with its own keep-alive HTTP connection (stdlib ``http.client``, no
dependency) that sends ``Authorization: Bearer TOKEN`` and requests the ``--path`` values in
turn for ``--seconds`` (after ``--warmup`` seconds not counted): as fast as answers come
(``--think-ms 0``, the default: a saturation test, where the latency is mostly the queue of
the other clients' requests), or pausing ``--think-ms`` between an answer and its next
request, as a machine client that polls does. It
prints the requests per second, p50 / p95 / p99 / max latency over all requests and per path,
and the status codes (a 429 means the server's rate limit, ``API_RATE_PER_MINUTE``, was hit:
raise it for the test, e.g. ``API_RATE_PER_MINUTE=1000000`` in the server's environment).
Exits 1 when p95 is over ``--target-ms`` or a request failed (a status other than 200/304).

Run the server as it runs in production (gunicorn, ``DEBUG`` off), on the synthetic province
of ``bench/synthetic_province.py``, with a token issued at ``/api/tokens/`` for the province
(under the server's own ``SECRET_KEY``: the stored hash is an HMAC of it).
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import threading
import time
from collections import Counter
from urllib.parse import urlsplit


def percentile(ordered: list[float], share: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * share + 0.5) - 1))]


def client(
    base: str,
    token: str,
    paths: list[str],
    offset: int,
    warm_until: float,
    stop_at: float,
    out: list[tuple[str, int, float]],
    lock: threading.Lock,
    think: float = 0.0,
) -> None:
    parts = urlsplit(base)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = kind(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    mine: list[tuple[str, int, float]] = []
    n = offset
    while (now := time.perf_counter()) < stop_at:
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        try:
            conn.request("GET", parts.path.rstrip("/") + path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = kind(parts.hostname or "127.0.0.1", parts.port, timeout=30)
        elapsed = (time.perf_counter() - started) * 1000
        if now >= warm_until:
            mine.append((path, status, elapsed))
        if think:
            time.sleep(think)
    conn.close()
    with lock:
        out.extend(mine)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--token", required=True, help="an API token (mst_…)")
    parser.add_argument("--path", action="append", help="repeatable; default /api/v1/units")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--target-ms", type=float, default=100)
    parser.add_argument("--think-ms", type=float, default=0, help="pause between requests")
    args = parser.parse_args()
    paths = args.path or ["/api/v1/units"]
    out: list[tuple[str, int, float]] = []
    lock = threading.Lock()
    start = time.perf_counter()
    warm_until, stop_at = start + args.warmup, start + args.warmup + args.seconds
    think = args.think_ms / 1000
    threads = [
        threading.Thread(
            target=client,
            args=(args.url, args.token, paths, i, warm_until, stop_at, out, lock, think),
            daemon=True,
        )
        for i in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings = sorted(t for _p, _s, t in out)
    statuses = Counter(s for _p, s, _t in out)
    p95 = percentile(timings, 0.95)
    rate = len(out) / args.seconds
    print(f"{args.url}: {args.clients} clients (pause {args.think_ms:.0f} ms) for "
          f"{args.seconds:.0f} s, {len(out):,} requests = {rate:,.0f}/s; "
          f"statuses {dict(sorted(statuses.items()))}")  # fmt: skip
    if timings:
        print(
            f"all: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
            f"p99 {percentile(timings, 0.99):.1f} ms, max {timings[-1]:.1f} ms "
            f"(target p95 < {args.target_ms:.0f} ms)"
        )
    for path in paths:
        mine = sorted(t for p, _s, t in out if p == path)
        if mine:
            print(f"  {path}: {len(mine):,} requests, p50 {statistics.median(mine):.1f} ms, "
                  f"p95 {percentile(mine, 0.95):.1f} ms")  # fmt: skip
    failed = sum(n for s, n in statuses.items() if s not in (200, 304))
    sys.exit(1 if failed or not timings or p95 >= args.target_ms else 0)


if __name__ == "__main__":
    main()
