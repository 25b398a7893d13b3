"""SQLite errors on the store as one-line, typed errors that say what to do.

A damaged store is evidence: the advice is to keep the file as it is, run ``raqib verify``
and restore a copy from a backup, never to move or delete it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from crawler.errors import StoreDamagedError, StoreError

_DAMAGED = ("malformed", "not a database", "vtable constructor failed", "corrupt")


def store_error(path: str | os.PathLike[str], exc: sqlite3.Error) -> StoreError:
    path = Path(path)
    text = str(exc)
    lowered = text.lower()
    if any(mark in lowered for mark in _DAMAGED):
        return StoreDamagedError(
            f"{path}: the store is damaged ({text}); keep the file as it is, it is evidence: "
            "run `raqib verify` to see what is affected and restore a copy from a backup "
            "(if [store].path names the wrong file, correct it)"
        )
    if "disk is full" in lowered or ("disk i/o error" in lowered and disk_full(path)):
        return StoreError(
            f"{path}: the disk holding the store ({mount_point(path)}) is full; "
            "free space there and run again"
        )
    if "disk i/o error" in lowered:
        return StoreError(
            f"{path}: the disk holding the store ({mount_point(path)}) could not "
            "read or write (disk I/O error); check that it is mounted, writable "
            "and not full"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(
            f"{path}: the store is read-only for this user and this command "
            "writes to it; run it as the store's owner"
        )
    if "locked" in lowered or "busy" in lowered:
        return StoreError(
            f"{path}: another process kept the store locked for too long "
            f"({text}); run the command again"
        )
    return StoreError(f"{path}: the store cannot be used ({text})")


def disk_full(path: Path, *, below: int = 1024 * 1024) -> bool:
    """Whether the file system holding ``path`` has less than ``below`` bytes free (SQLite
    reports a full disk as a disk I/O error when its shared-memory file cannot grow)."""
    try:
        stats = os.statvfs(mount_point(path))
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < below


def mount_point(path: Path) -> str:
    """The mount point of the file system holding ``path`` (its nearest existing folder)."""
    current = path.resolve()
    while not current.exists() and current != current.parent:
        current = current.parent
    try:
        device = current.stat().st_dev
        while current != current.parent and current.parent.stat().st_dev == device:
            current = current.parent
    except OSError:
        pass
    return str(current)
