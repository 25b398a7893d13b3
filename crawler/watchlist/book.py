"""The watch file: one row per watched name, in its own SQLite file readable by its owner only."""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from crawler.errors import StoreError, UsageError

FILE_MODE = 0o600
BUSY_TIMEOUT_S = 30

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    channel TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    UNIQUE (name, channel)
)
"""


def watch_path(store_path: str | Path) -> Path:
    """The watch file beside a store: ``raqib.db`` → ``raqib.watch.db``."""
    store_path = Path(store_path)
    return store_path.with_name(f"{store_path.stem}.watch.db")


@dataclass(frozen=True)
class WatchEntry:
    id: int
    token: str  # random; the only thing about the entry the main store ever holds
    name: str
    channel: str
    note: str
    added_at: str


class WatchBook:
    """Reads and writes the watch file. Each call opens its own short connection, so the
    ingest of any thread or process can read it while a command writes it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @classmethod
    def beside(cls, store_path: str | Path) -> WatchBook:
        return cls(watch_path(store_path))

    def exists(self) -> bool:
        return self.path.is_file()

    # -- reading ----------------------------------------------------------------------

    def entries(self) -> list[WatchEntry]:
        if not self.exists():
            return []
        with self._connect(readonly=True) as conn:
            rows = conn.execute("SELECT id, token, name, channel, note, added_at FROM entries "
                                "ORDER BY id").fetchall()
        return [WatchEntry(*row) for row in rows]

    def by_token(self, token: str) -> WatchEntry | None:
        return next((e for e in self.entries() if e.token == token), None)

    def by_id(self, entry_id: int) -> WatchEntry | None:
        return next((e for e in self.entries() if e.id == entry_id), None)

    # -- writing ----------------------------------------------------------------------

    def add(self, name: str, channel: str, note: str = "") -> WatchEntry:
        """Watch ``name`` for ``channel``. UsageError if it is watched there already."""
        name, note = " ".join(name.split()), " ".join(note.split())
        token = secrets.token_hex(8)
        added = datetime.now(UTC).replace(microsecond=0).isoformat()
        with self._connect() as conn:
            known = conn.execute("SELECT id FROM entries WHERE name = ? AND channel = ?",
                                 [name, channel]).fetchone()
            if known:
                raise UsageError(f"this name is already watched for channel {channel} "
                                 f"(entry {known[0]}); see `raqib watch list`")
            cursor = conn.execute("INSERT INTO entries (token, name, channel, note, added_at) "
                                  "VALUES (?, ?, ?, ?, ?)", [token, name, channel, note, added])
            entry_id = int(cursor.lastrowid or 0)
        return WatchEntry(entry_id, token, name, channel, note, added)

    def remove(self, entry_id: int) -> WatchEntry | None:
        """Forget an entry (its row is overwritten on disk: secure_delete)."""
        entry = self.by_id(entry_id)
        if entry is None:
            return None
        with self._connect() as conn:
            conn.execute("DELETE FROM entries WHERE id = ?", [entry_id])
        return entry

    # -- the file ---------------------------------------------------------------------

    @contextmanager
    def _connect(self, *, readonly: bool = False) -> Iterator[sqlite3.Connection]:
        try:
            if readonly:
                conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                       timeout=BUSY_TIMEOUT_S)
            else:
                self._create()
                conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S)
                conn.execute("PRAGMA secure_delete = ON")
                conn.execute(_SCHEMA)
            with closing(conn):
                with conn:
                    yield conn
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: the watch file cannot be used ({exc}); check its "
                             "owner and permissions") from None

    def _create(self) -> None:
        """Create the file with mode 0600 before SQLite opens it (SQLite gives its journal
        the same mode)."""
        if self.path.exists():
            return
        if not self.path.parent.is_dir():
            raise StoreError(f"{self.path}: the folder {self.path.parent} does not exist; "
                             "create it or set [store].path")
        try:
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        except FileExistsError:  # another process created it meanwhile
            pass
