"""``raqib verify``: check the database file, then re-hash every archived page and compare
with the stored SHA-256.

The database is checked by SQLite itself (``PRAGMA integrity_check`` and the FTS5
``integrity-check`` of the full-text indexes): bytes overwritten in the file's pages are
found there even when every archived page still hashes right. A capture fails when its blob
no longer decompresses, its size changed, or the SHA-256 of its bytes differs from the one
recorded when it was fetched.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from crawler.archive.store import Store, decompress


@dataclass(frozen=True)
class Mismatch:
    capture_id: int
    url: str
    problem: str


@dataclass
class VerifyReport:
    checked: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    database: list[str] = field(default_factory=list)  # what SQLite finds wrong in the file

    @property
    def ok(self) -> bool:
        return not self.mismatches and not self.database


def verify(store: Store, *, progress: Callable[[int], None] | None = None) -> VerifyReport:
    report = VerifyReport(database=store.database_problems())
    try:
        for capture_id, url, sha256, size, blob in store.capture_blobs():
            problem = check_capture(sha256, size, blob)
            if problem:
                report.mismatches.append(Mismatch(capture_id, url, problem))
            report.checked += 1
            if progress and report.checked % 1000 == 0:
                progress(report.checked)
    except sqlite3.DatabaseError as exc:
        report.database.append(f"reading the archived pages stopped after {report.checked}: "
                               f"{exc}")
    return report


def check_capture(sha256: str, size: int, blob: bytes) -> str | None:
    """What is wrong with one stored capture, or None when it is intact."""
    try:
        raw = decompress(blob)
    except ValueError as exc:
        return f"the stored blob is corrupt ({exc})"
    actual = hashlib.sha256(raw).hexdigest()
    if actual != sha256:
        return f"SHA-256 mismatch: recorded {sha256}, now {actual}"
    if len(raw) != size:
        return f"size mismatch: recorded {size} bytes, now {len(raw)}"
    return None
