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

import resource

MB = 1024 * 1024
# OpenBLAS (under numpy, which MinHash uses) maps a ~40 MB buffer per CPU core at import, all
# counted by RLIMIT_DATA: on a 64-core host that alone is 2.5 GB. raqib does no matrix work
# worth threads, so crawl children get one BLAS thread (see ``child_environment``).
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}



def child_environment(env: dict[str, str]) -> dict[str, str]:
    """``env`` for a memory-limited crawl child: numeric libraries on one thread, unless
    the operator set otherwise."""
    for name, value in SINGLE_THREADED.items():
        env.setdefault(name, value)
    return env


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
