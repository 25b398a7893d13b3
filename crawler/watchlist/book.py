"""The watch file: one row per watched person (a name, and other spellings of it), in its own
SQLite file readable by its owner only."""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from classifiers.names import name_keys
from crawler.errors import StoreError, UsageError

FILE_MODE = 0o600
_NEW = 0  # the id of an entry not written yet (SQLite ids start at 1)
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
);
CREATE TABLE IF NOT EXISTS spellings (
    entry_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (entry_id, name)
);
CREATE TABLE IF NOT EXISTS merged (
    token TEXT PRIMARY KEY,
    entry_id INTEGER NOT NULL
);
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
    also: tuple[str, ...] = ()  # other spellings of the same person's name
    # the tokens of the entries merged into this one: outbox rows queued or claimed under
    # them before the merge are this entry's (see :meth:`WatchBook.merge`)
    merged: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.also)

    @property
    def tokens(self) -> tuple[str, ...]:
        """Every token the outbox may hold for this entry: its own, then the merged ones."""
        return (self.token, *self.merged)


@dataclass(frozen=True)
class Merge:
    """What :meth:`WatchBook.merge` does: ``entry`` is the kept entry as it is afterwards."""

    entry: WatchEntry
    others: tuple[WatchEntry, ...]  # the entries folded into it, as they were
    added: tuple[str, ...]  # the spellings new to the kept entry
    notes_from: tuple[int, ...]  # the ids of the others whose note was appended to its note


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
            conn.execute("BEGIN")  # entries and spellings read as of one moment
            return _read_entries(conn)

    def by_token(self, token: str) -> WatchEntry | None:
        """The entry of an outbox row's token: its own token, or that of an entry merged
        into it (a row claimed, or queued by a command that read the file, before the
        merge)."""
        return next((e for e in self.entries() if token in e.tokens), None)

    def by_id(self, entry_id: int) -> WatchEntry | None:
        return next((e for e in self.entries() if e.id == entry_id), None)

    # -- writing ----------------------------------------------------------------------

    def add(self, name: str, channel: str, note: str = "",
            also: Iterable[str] = ()) -> WatchEntry:
        """Watch ``name``, and ``also`` its other spellings, for ``channel``: one entry, which
        alerts once per report whichever spelling the report uses. UsageError if one of
        the spellings is watched there already (the same name to the matcher: case, accents
        and vowel marks aside)."""
        name, note = " ".join(name.split()), " ".join(note.split())
        others = _other_spellings(name, also)
        token = secrets.token_hex(8)
        added = datetime.now(UTC).replace(microsecond=0).isoformat()
        with self._writing() as conn:
            watched = _watched_on(conn, channel)
            _is_new(name, channel, watched, _NEW)
            others = tuple(s for s in others if _is_new(s, channel, watched, _NEW))
            cursor = conn.execute("INSERT INTO entries (token, name, channel, note, added_at) "
                                  "VALUES (?, ?, ?, ?, ?)", [token, name, channel, note, added])
            entry_id = int(cursor.lastrowid or 0)
            conn.executemany("INSERT INTO spellings (entry_id, name) VALUES (?, ?)",
                             [(entry_id, spelling) for spelling in others])
        return WatchEntry(entry_id, token, name, channel, note, added, others)

    def add_spellings(self, entry_id: int, also: Iterable[str]) -> WatchEntry:
        """Give entry ``entry_id`` more spellings of its name; those it has already (or that
        the matcher reads the same) are passed by. UsageError if there is no such entry, if
        nothing is new, or if a spelling is watched by another entry of its channel."""
        with self._writing() as conn:
            entry = next((e for e in _read_entries(conn) if e.id == entry_id), None)
            if entry is None:
                raise UsageError(f"no watch entry {entry_id}; see `raqib watch list`")
            watched = _watched_on(conn, entry.channel)
            others = tuple(s for s in _other_spellings(entry.name, also)
                           if _is_new(s, entry.channel, watched, entry.id))
            if not others:
                raise UsageError(f"entry {entry.id} has these spellings already (or ones that "
                                 "read the same); nothing added")
            conn.executemany("INSERT INTO spellings (entry_id, name) VALUES (?, ?)",
                             [(entry_id, spelling) for spelling in others])
        return replace(entry, also=(*entry.also, *others))

    def remove(self, entry_id: int) -> WatchEntry | None:
        """Forget an entry (its rows are overwritten on disk: secure_delete)."""
        with self._writing() as conn:
            entry = next((e for e in _read_entries(conn) if e.id == entry_id), None)
            if entry is None:
                return None
            conn.execute("DELETE FROM spellings WHERE entry_id = ?", [entry_id])
            conn.execute("DELETE FROM merged WHERE entry_id = ?", [entry_id])
            conn.execute("DELETE FROM entries WHERE id = ?", [entry_id])
        return entry

    def merge(self, keep_id: int, other_ids: Sequence[int],
              carry: Callable[[Merge], None] = lambda _: None) -> Merge:
        """Fold entries ``other_ids`` into entry ``keep_id``: one person watched twice. Their
        names and spellings become the kept entry's spellings (those it has already, or that
        the matcher reads the same, are passed by), a note that differs is appended to the
        kept entry's note, and they are deleted as :meth:`remove` deletes (overwritten on
        disk); their tokens (and those merged into them before) become the kept entry's
        merged tokens, so a row the store holds under one of them is the kept entry's.
        ``carry`` runs before the watch file commits, for what the main store holds of
        the entries: if it raises, the watch file is left as it was. UsageError, with nothing
        changed, for an unknown id, ``keep_id`` among the others, an id given twice, or an
        entry of another channel (merging would send the person's name to a channel that
        was never alerted about them)."""
        if keep_id in other_ids:
            raise UsageError(f"entry {keep_id} is the one kept; it cannot be merged into "
                             "itself")
        twice = next((i for n, i in enumerate(other_ids) if i in other_ids[:n]), None)
        if twice is not None:
            raise UsageError(f"entry {twice} is given twice; give each entry to merge once")
        if not self.exists():
            raise UsageError(f"no watch entry {keep_id}; see `raqib watch list`")
        with self._writing() as conn:
            by_id = {e.id: e for e in _read_entries(conn)}
            unknown = next((i for i in (keep_id, *other_ids) if i not in by_id), None)
            if unknown is not None:
                raise UsageError(f"no watch entry {unknown}; see `raqib watch list`")
            keep, others = by_id[keep_id], tuple(by_id[i] for i in other_ids)
            elsewhere = next((o for o in others if o.channel != keep.channel), None)
            if elsewhere is not None:
                raise UsageError(
                    f"entry {elsewhere.id} alerts channel {elsewhere.channel} and entry "
                    f"{keep.id} channel {keep.channel}; only entries of one channel can be "
                    "merged, nothing changed (keep both to alert both channels, or `raqib "
                    f"watch remove {elsewhere.id}` to stop alerting {elsewhere.channel})")
            gone = set(other_ids)
            watched = [(i, key) for i, key in _watched_on(conn, keep.channel) if i not in gone]
            try:
                added = tuple(s for s in _other_spellings(
                    keep.name, (s for o in others for s in o.spellings))
                    if _is_new(s, keep.channel, watched, keep.id))
            except UsageError as exc:  # a file from before the check: merge that entry too
                raise UsageError(f"{exc}; merge that entry as well, nothing changed") from None
            note, notes_from = _merged_note(keep, others)
            marks = ",".join("?" * len(gone))
            tokens = tuple(t for o in others for t in o.tokens)
            conn.execute(f"DELETE FROM spellings WHERE entry_id IN ({marks})", [*gone])
            conn.execute(f"DELETE FROM merged WHERE entry_id IN ({marks})", [*gone])
            conn.execute(f"DELETE FROM entries WHERE id IN ({marks})", [*gone])
            conn.executemany("INSERT INTO spellings (entry_id, name) VALUES (?, ?)",
                             [(keep.id, spelling) for spelling in added])
            conn.executemany("INSERT OR REPLACE INTO merged (token, entry_id) VALUES (?, ?)",
                             [(token, keep.id) for token in tokens])
            conn.execute("UPDATE entries SET note = ? WHERE id = ?", [note, keep.id])
            merged = Merge(replace(keep, note=note, also=(*keep.also, *added),
                                   merged=(*keep.merged, *tokens)), others, added, notes_from)
            carry(merged)
            _commit(conn, self.path, keep_id, other_ids)
        return merged

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that holds the file from its first read, so two commands
        cannot both find a spelling free, or add one to an entry being removed. Spellings
        (and merged tokens) whose entry is gone, removed by a raqib from before them, are
        deleted first."""
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM spellings WHERE entry_id NOT IN (SELECT id FROM entries)")
            conn.execute("DELETE FROM merged WHERE entry_id NOT IN (SELECT id FROM entries)")
            yield conn

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
                conn.executescript(_SCHEMA)
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


def _commit(conn: sqlite3.Connection, path: Path, keep_id: int, other_ids: Sequence[int]
            ) -> None:
    """Commit a merge whose ``carry`` has committed in the main store already: if the watch
    file's commit fails, say so, and how to finish it."""
    try:
        conn.commit()
    except sqlite3.DatabaseError as exc:
        again = " ".join(str(i) for i in (keep_id, *other_ids))
        raise StoreError(
            f"{path}: the watch file cannot be used ({exc}); check its owner and permissions. "
            "The store already holds the carried alerts (they count for the kept entry): "
            f"run the same `raqib watch merge {again}` again to finish the merge") from None


def _read_entries(conn: sqlite3.Connection) -> list[WatchEntry]:
    rows = conn.execute("SELECT id, token, name, channel, note, added_at FROM entries "
                        "ORDER BY id").fetchall()
    also = _by_entry(conn, "spellings", "name")
    merged = _by_entry(conn, "merged", "token")
    return [WatchEntry(*row, also=tuple(also.get(row[0], ())),
                       merged=tuple(merged.get(row[0], ()))) for row in rows]


def _by_entry(conn: sqlite3.Connection, table: str, column: str) -> dict[int, list[str]]:
    """entry id → ``column`` of its rows of ``table``, in the order written; nothing for a
    file from before the table (read-only connections do not create it)."""
    out: dict[int, list[str]] = {}
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [table]).fetchone():
        for entry_id, value in conn.execute(
                f"SELECT entry_id, {column} FROM {table} ORDER BY rowid"):
            out.setdefault(entry_id, []).append(value)
    return out


def _other_spellings(name: str, also: Iterable[str]) -> tuple[str, ...]:
    """``also`` with spaces tidied, without ``name`` and without repeats, in order."""
    out: list[str] = []
    for spelling in also:
        spelling = " ".join(spelling.split())
        if spelling and spelling != name and spelling not in out:
            out.append(spelling)
    return tuple(out)


def _merged_note(keep: WatchEntry, others: Iterable[WatchEntry]) -> tuple[str, tuple[int, ...]]:
    """The kept entry's note with each other note that differs appended (``; ``), and the ids
    of the entries whose note was appended: a note may be what the family needs to read in
    an alert, so none is dropped."""
    parts = [keep.note] if keep.note else []
    notes_from: list[int] = []
    for other in others:
        if other.note and other.note not in parts:
            parts.append(other.note)
            notes_from.append(other.id)
    return "; ".join(parts), tuple(notes_from)


def _same_name_key(name: str) -> frozenset[str] | str:
    """What the matcher reads of a name: two spellings with the same keys (case, accents,
    vowel marks aside) find the same reports, so watching both would only alert twice."""
    return frozenset(name_keys(name)) or name.casefold()


def _watched_on(conn: sqlite3.Connection, channel: str) -> list[tuple[int, frozenset[str] | str]]:
    """(entry id, name key) of every name and spelling watched for ``channel``."""
    names = conn.execute(
        "SELECT id, name FROM entries WHERE channel = ? UNION ALL "
        "SELECT entries.id, spellings.name FROM spellings JOIN entries "
        "ON entries.id = spellings.entry_id WHERE entries.channel = ?",
        [channel, channel]).fetchall()
    return [(entry_id, _same_name_key(name)) for entry_id, name in names]


def _is_new(spelling: str, channel: str, watched: list[tuple[int, frozenset[str] | str]],
            own: int) -> bool:
    """Whether ``spelling`` is new to entry ``own``: False if the entry has it already (or
    one the matcher reads the same). UsageError if another entry of ``channel`` has it. A
    new one joins ``watched``, so the spellings of one command are compared too."""
    key = _same_name_key(spelling)
    known = next((entry_id for entry_id, other in watched if other == key), None)
    if known == own:
        return False
    if known is not None:
        raise UsageError(f"this name is already watched for channel {channel} (entry "
                         f"{known}); see `raqib watch list`")
    watched.append((own, key))
    return True
