"""The cases tables (``m015_cases``): the only module writing their SQL.

It works on the open :class:`crawler.archive.store.Store` connection, inside the caller's
transaction, so a case and the alerts it causes commit with the article that caused them.
Linking runs in a savepoint: when it fails, the cases are left as they were and the article
is stored all the same (``crawler.cases.linker.link_article``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from crawler.archive.store import Store, iso, utcnow

# What ``quote`` leaves as it is in a URL: its delimiters and existing escapes.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class CaseStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: on error, the cases' writes are undone and the caller's
        transaction (the article) goes on, unless SQLite undid all of it (``Store.savepoint``)."""
        with self.store.savepoint("cases"):
            yield

    @property
    def ready(self) -> bool:
        """Whether the store has the cases tables (a read-only store of an older version may
        not)."""
        return self.db["cases"].exists()

    # -- mentions ----------------------------------------------------------------------

    def save_mention(self, article_id: int, name: str, context: dict[str, Any],
                     events: list[dict[str, Any]], keys: Iterable[str]) -> int:
        """Insert or refresh one mention; its id."""
        self.db.execute(
            """INSERT INTO case_mentions (article_id, name, context, events, created_at)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (article_id, name) DO UPDATE SET context = excluded.context,
               events = excluded.events""",
            [article_id, name, json.dumps(context, ensure_ascii=False), json.dumps(events),
             iso(utcnow())])
        mention_id = int(self.store.scalar(
            "SELECT id FROM case_mentions WHERE article_id = ? AND name = ?", [article_id, name]))
        self.db.execute("DELETE FROM case_mention_keys WHERE mention_id = ?", [mention_id])
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO case_mention_keys (key, mention_id) VALUES (?, ?)",
            [(key, mention_id) for key in sorted(keys)])
        return mention_id

    def mentions_sharing_keys(self, mention_ids: Sequence[int]) -> set[int]:
        if not mention_ids:
            return set()
        rows = self.db.execute(
            f"""SELECT DISTINCT other.mention_id FROM case_mention_keys own
                JOIN case_mention_keys other ON other.key = own.key
                WHERE own.mention_id IN ({_marks(mention_ids)}) AND own.key LIKE 'sk:%'""",
            list(mention_ids)).fetchall()
        return {row[0] for row in rows}

    def mentions_of_cases(self, case_ids: Iterable[int]) -> set[int]:
        ids = sorted(set(case_ids))
        if not ids:
            return set()
        rows = self.db.execute(
            f"SELECT id FROM case_mentions WHERE case_id IN ({_marks(ids)})", ids).fetchall()
        return {row[0] for row in rows}

    def mentions(self, mention_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
        """Mentions with their article's source, link and dates."""
        sql = """SELECT m.id, m.article_id, m.name, m.context, m.events, m.case_id,
                        a.source, coalesce(a.link, a.url) AS link, a.lang, a.published,
                        a.first_seen, a.title
                 FROM case_mentions m JOIN articles a ON a.id = m.article_id"""
        params: list[Any] = []
        if mention_ids is not None:
            ids = sorted(set(mention_ids))
            if not ids:
                return []
            sql += f" WHERE m.id IN ({_marks(ids)})"
            params = ids
        rows = self.store.query(sql + " ORDER BY m.id", params)
        for row in rows:
            row["context"] = json.loads(row["context"])
            row["events"] = json.loads(row["events"])
        return rows

    def mentions_of_article(self, article_id: int) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT id FROM case_mentions WHERE article_id = ?", [article_id]).fetchall()]

    def case_of_mentions(self, mention_ids: Iterable[int]) -> dict[int, int | None]:
        ids = sorted(set(mention_ids))
        if not ids:
            return {}
        return {r[0]: r[1] for r in self.db.execute(
            f"SELECT id, case_id FROM case_mentions WHERE id IN ({_marks(ids)})", ids)}

    def set_case(self, mention_ids: Iterable[int], case_id: int) -> None:
        ids = sorted(set(mention_ids))
        self.db.execute(f"UPDATE case_mentions SET case_id = ? WHERE id IN ({_marks(ids)})",
                        [case_id, *ids])

    def articles_with_victims(self) -> list[int]:
        return [r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE facts LIKE '%\"victims\"%' ORDER BY id").fetchall()]

    def all_mention_ids(self) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM case_mentions ORDER BY id")]

    # -- decisions ---------------------------------------------------------------------

    def decisions(self, mention_ids: Iterable[int] | None = None
                  ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(same pairs newest first, different pairs) touching these mentions (all if None)."""
        sql = "SELECT kind, mention_a, mention_b FROM case_decisions"
        params: list[Any] = []
        if mention_ids is not None:
            ids = sorted(set(mention_ids))
            if not ids:
                return [], []
            sql += f" WHERE mention_a IN ({_marks(ids)}) OR mention_b IN ({_marks(ids)})"
            params = ids + ids
        same, different = [], []
        for kind, a, b in self.db.execute(sql + " ORDER BY id DESC", params):
            (same if kind == "same" else different).append((a, b))
        return same, different

    def decide(self, kind: str, a: int, b: int) -> None:
        """Record a reviewer's decision on two mentions; it replaces any earlier one."""
        low, high = sorted((a, b))
        self.db.execute(
            "DELETE FROM case_decisions WHERE mention_a = ? AND mention_b = ?", [low, high])
        self.db.execute(
            """INSERT INTO case_decisions (kind, mention_a, mention_b, made_at)
               VALUES (?, ?, ?, ?)""", [kind, low, high, iso(utcnow())])

    def forget_same(self, mention_ids: Iterable[int], others: Iterable[int]) -> None:
        """Drop 'same' decisions between the two sets (a split overrides an earlier merge)."""
        self._forget("same", mention_ids, others)

    def forget_different(self, mention_ids: Iterable[int], others: Iterable[int]) -> None:
        """Drop 'different' decisions between the two sets (a merge overrides a split)."""
        self._forget("different", mention_ids, others)

    def _forget(self, kind: str, mention_ids: Iterable[int], others: Iterable[int]) -> None:
        left, right = sorted(set(mention_ids)), sorted(set(others))
        if not left or not right:
            return
        self.db.execute(
            f"""DELETE FROM case_decisions WHERE kind = ? AND (
                (mention_a IN ({_marks(left)}) AND mention_b IN ({_marks(right)})) OR
                (mention_b IN ({_marks(left)}) AND mention_a IN ({_marks(right)})))""",
            [kind, *left, *right, *left, *right])

    # -- cases -------------------------------------------------------------------------

    def new_case(self, name: str) -> int:
        cursor = self.db.execute("INSERT INTO cases (name, updated_at) VALUES (?, ?)",
                                 [name, iso(utcnow())])
        return int(cursor.lastrowid or 0)

    def save_case(self, case_id: int, summary: dict[str, Any]) -> None:
        self.db.execute(
            """UPDATE cases SET name = ?, names = ?, status = ?, status_date = ?, timeline = ?,
               reports = ?, sources = ?, governorate = ?, updated_at = ? WHERE id = ?""",
            [summary["name"], json.dumps(summary["names"], ensure_ascii=False),
             summary["status"], summary["status_date"],
             json.dumps(summary["timeline"], ensure_ascii=False), summary["reports"],
             json.dumps(summary["sources"]), summary["governorate"], iso(utcnow()), case_id])

    def drop_empty_cases(self, case_ids: Iterable[int]) -> None:
        ids = sorted(set(case_ids))
        if ids:
            self.db.execute(
                f"""DELETE FROM cases WHERE id IN ({_marks(ids)})
                    AND id NOT IN (SELECT case_id FROM case_mentions WHERE case_id IS NOT NULL)""",
                ids)

    def case(self, case_id: int) -> dict[str, Any] | None:
        rows = self.store.query("SELECT * FROM cases WHERE id = ?", [case_id])
        return _decode_case(rows[0]) if rows else None

    def cases(self, case_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
        sql, params = "SELECT * FROM cases", []
        if case_ids is not None:
            ids = sorted(set(case_ids))
            if not ids:
                return []
            sql += f" WHERE id IN ({_marks(ids)})"
            params = ids
        return [_decode_case(r) for r in self.store.query(sql + " ORDER BY id", params)]

    def cases_by_article(self) -> dict[int, list[dict[str, Any]]]:
        """Article id -> the cases it reports on (id, name, status), for exports."""
        out: dict[int, list[dict[str, Any]]] = {}
        if not self.ready:
            return out
        for article_id, case_id, name, status in self.db.execute(
                """SELECT DISTINCT m.article_id, c.id, c.name, c.status FROM case_mentions m
                   JOIN cases c ON c.id = m.case_id ORDER BY m.article_id, c.id"""):
            out.setdefault(article_id, []).append(
                {"id": case_id, "name": name, "status": status})
        return out

    def case_links(self) -> dict[int, list[str]]:
        """Case id -> the published links of its reports, oldest report first."""
        out: dict[int, list[str]] = {}
        for case_id, link in self.db.execute(
                """SELECT DISTINCT m.case_id, coalesce(a.link, a.url) FROM case_mentions m
                   JOIN articles a ON a.id = m.article_id WHERE m.case_id IS NOT NULL
                   ORDER BY m.case_id, coalesce(a.published, a.first_seen), a.id"""):
            out.setdefault(case_id, []).append(link)
        return out

    def article_id_for(self, url: str) -> int | None:
        """The article stored under this URL: its key, its published link or a duplicate,
        as stored or as people read it (Arabic paths decoded, see ``display_url``)."""
        forms = sorted({url, quote(url, safe=_URL_SAFE)})
        lowered = [form.lower() for form in forms]
        marks = _marks(forms)
        row = self.db.execute(
            f"""SELECT id FROM articles WHERE url IN ({marks}) OR link IN ({marks})
                OR lower(url) IN ({marks}) OR lower(link) IN ({marks})
                UNION SELECT article_id FROM duplicates WHERE url IN ({marks}) LIMIT 1""",
            [*forms, *forms, *lowered, *lowered, *forms]).fetchone()
        return int(row[0]) if row else None


def _decode_case(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for key in ("names", "timeline", "sources"):
        out[key] = json.loads(out[key]) if isinstance(out.get(key), str) else out.get(key)
    return out
