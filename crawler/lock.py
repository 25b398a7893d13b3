"""One daemon per store: an exclusive ``fcntl.flock`` on a file beside the store.

The kernel drops a flock when its holder dies, however it dies (SIGKILL included), so a
crashed daemon never leaves a stale lock behind. The file keeps the holder's PID for the
error message of a second daemon; the file itself is never deleted (deleting a lock file
that another process is about to open is a classic race).
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from crawler.errors import StoreLockedError

_ACQUIRE_PATIENCE_S = 0.3  # covers a `raqib status` probe holding the lock for microseconds


def lock_path(store_path: str | os.PathLike[str]) -> Path:
    """The lock file of a store: ``raqib.db`` → ``raqib.db.lock``."""
    path = Path(store_path)
    return path.with_name(path.name + ".lock")


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


class StoreLock:
    """The daemon's lock on one store. ``acquire()`` or raise StoreLockedError."""

    def __init__(self, store_path: str | os.PathLike[str]) -> None:
        self.path = lock_path(store_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        deadline = time.monotonic() + _ACQUIRE_PATIENCE_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                os.close(fd)
                pid = _read_pid(self.path)
                holder = f"PID {pid}" if pid else "another process"
                raise StoreLockedError(
                    f"{self.path.with_suffix('')}: another raqib daemon ({holder}) is running on "
                    f"this store; stop it first (kill {pid or '<pid>'}) or give this one another "
                    "[store].path") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def holder(store_path: str | os.PathLike[str]) -> int | None:
    """The PID of the daemon holding the store's lock, or None when no daemon holds it.

    Probes with a shared lock, which succeeds only when nobody holds the exclusive one.
    """
    path = lock_path(store_path)
    if not path.exists():
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _read_pid(path) or -1
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` on this host still runs (a zombie — killed, not yet reaped —
    counts as gone: it does nothing any more)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True
