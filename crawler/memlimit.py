"""A hard memory limit for a crawl process, enforced by the kernel.

Scrapy's MEMUSAGE extension only polls resident memory every 60 s: a response that
inflates to gigabytes between two polls takes the host's memory first. ``RLIMIT_DATA``
makes the kernel refuse the allocation instead (Python raises MemoryError), at once. (MEMUSAGE
is off: it reads ``ru_maxrss``, which a process started by exec inherits from its parent's
peak, so it stopped crawls started by a large process before they fetched anything.)

Why RLIMIT_DATA rather than RLIMIT_AS: on Linux ≥ 4.7 it counts private writable
mappings (heap, anonymous mmap, thread stacks), close to what the process really uses,
whereas the address space also holds libraries, the reserved but untouched malloc arenas
of each thread and file mappings. Measured on a loopback crawl of five articles: peak data
memory 271 MB, resident 240 MB, address space 473 MB; the gap grows with threads and cores.
"""

from __future__ import annotations

import os
import resource

MB = 1024 * 1024
# OpenBLAS (under numpy, which MinHash uses) maps a ~40 MB buffer per CPU core at import, all
# counted by RLIMIT_DATA: on a 64-core host that alone is 2.5 GB. raqib does no matrix work
# worth threads, so crawl children get one BLAS thread (see ``child_environment``).
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}



# How many ingest workers a crawl child may start (``crawler.ingest_pool``). Each worker is
# a process under the same limit, so a parent running several crawls at once shares the
# cores among them rather than letting each child start one worker per core.
WORKERS_ENV = "RAQIB_INGEST_WORKERS"


def child_environment(env: dict[str, str], *, workers: int | None = None) -> dict[str, str]:
    """``env`` for a memory-limited crawl child: numeric libraries on one thread, unless
    the operator set otherwise; ``workers``: its share of ingest workers."""
    for name, value in SINGLE_THREADED.items():
        env.setdefault(name, value)
    if workers is not None:
        env[WORKERS_ENV] = str(max(workers, 0))
    return env


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not Linux
        return max(os.cpu_count() or 1, 1)


def workers_share(crawls_at_once: int) -> int:
    """Ingest workers for each of ``crawls_at_once`` crawl children: the cores shared."""
    return cores() // max(crawls_at_once, 1)


def allowed_workers() -> int:
    """The ingest workers this crawl child may start: its share, else one per core."""
    given = os.environ.get(WORKERS_ENV, "")
    return int(given) if given.isdigit() else cores()


def limit_memory(megabytes: int) -> bool:
    """Cap this process's data memory at ``megabytes`` (never raising an existing lower
    cap). Returns False where the limit cannot be set."""
    wanted = megabytes * MB
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft != resource.RLIM_INFINITY and soft <= wanted:
            return True
        resource.setrlimit(resource.RLIMIT_DATA, (wanted, hard))
    except (ValueError, OSError):
        return False
    return True


def data_memory_mb() -> float:
    """This process's data memory (VmData) in MB, 0 where /proc is not available."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
