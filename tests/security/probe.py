"""Read one file as the import does, in a process of its own under hard resource limits.

    python -m tests.security.probe FILE [--as-mb 400] [--cpu-s 30]

Prints one JSON line: ``outcome`` ("read" or "refused"), the refusal ``code``, ``rows``, the
peak resident memory (``maxrss_mb``) and the CPU seconds. ``RLIMIT_AS`` makes a runaway parser
die with MemoryError instead of taking the machine; ``RLIMIT_CPU`` kills one that loops.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path


def _peak_kib() -> int:
    """This process's peak resident memory. Linux's ``ru_maxrss`` keeps the parent's peak
    across fork and exec (a probe started by pytest would report pytest's), so read the
    memory map's own high-water mark (VmHWM) where there is one."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--as-mb", type=int, default=400)
    parser.add_argument("--cpu-s", type=int, default=30)
    args = parser.parse_args()
    from muster.people.imports import files  # before the limit: the imports are not measured

    limit = args.as_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (args.cpu_s, args.cpu_s))
    path = Path(args.file)
    started = time.process_time()
    result: dict[str, object]
    try:
        table = files.read_table(path.read_bytes(), path.name)
        result = {"outcome": "read", "rows": len(table.rows)}
    except files.TableError as exc:
        result = {"outcome": "refused", "code": exc.code}
    except MemoryError:
        result = {"outcome": "memory"}
    except Exception as exc:  # a crash: what a 500 would have been
        result = {"outcome": "crash", "error": f"{type(exc).__name__}: {exc}"[:300]}
    result["cpu_s"] = round(time.process_time() - started, 3)
    result["maxrss_mb"] = round(_peak_kib() / 1024, 1)
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
