"""Datasette plugin loaded by ``raqib browse`` (``--plugins-dir``): the search box folds
like ``raqib search``.

Datasette runs a table's search as ``... MATCH escape_fts(:search)``. This plugin registers
its own ``escape_fts`` after Datasette's (``trylast``), which turns the typed words into
the expression ``raqib search`` uses (``crawler.archive.search.match_expression``): folded Arabic
(مدينة meets مدينه), no clitics or article, names without "al-", place variants. The
``_searchmode=raw`` mode is left as Datasette has it.

This folder has no ``__init__.py`` on purpose: it is not part of the ``crawler`` package and
is imported only by Datasette.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl
from datasette.utils import escape_fts

from classifiers.normalise import fold
from crawler.archive.search import match_expression


def raqib_escape_fts(query: str | None) -> str:
    """The FTS5 expression for what was typed in the search box."""
    expression = match_expression(query or "")
    return expression or escape_fts(query or "")


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("escape_fts", 1, raqib_escape_fts)
    conn.create_function("raqib_fold", 1, lambda text: fold(text) if text else text)
