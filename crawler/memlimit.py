"""A hard memory limit for a crawl process, enforced by the kernel.

Scrapy's MEMUSAGE extension only polls resident memory every 60 s: a response that
inflates to gigabytes between two polls takes the host's memory first. ``RLIMIT_DATA``
makes the kernel refuse the allocation instead (Python raises MemoryError), at once.

Why RLIMIT_DATA rather than RLIMIT_AS: on Linux ≥ 4.7 it counts private writable
mappings (heap, anonymous mmap, thread stacks), close to what the process really uses,
whereas the address space also holds libraries, the reserved but untouched malloc arenas
of each thread and file mappings: several hundred MB above resident memory for a Scrapy
process, and varying with the number of threads.
"""

from __future__ import annotations

import resource

MB = 1024 * 1024


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
