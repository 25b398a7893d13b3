"""A child process that dies with its parent: crawl children, ingest workers, Datasette."""

from __future__ import annotations

import ctypes
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent() -> bool:
    """Ask Linux to send this process SIGTERM when its parent dies (``PR_SET_PDEATHSIG``).
    Returns False where that is not available. The kernel signals on the exit of the parent
    *thread* that started the child: callers wait for the child in that same thread."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
