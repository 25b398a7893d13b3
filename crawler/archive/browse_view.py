"""The shipped Datasette metadata shaped for monitors who do not write SQL.

* Column descriptions move into a closed ``<details>`` under each table's description:
  Datasette lists them above the rows, where on the articles table they took the whole
  first screen.
* The front page says where to start: the canned queries (forms, no SQL shown) and the
  faceted articles table, linked under the database name Datasette derives from the file.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from markupsafe import escape

START_HERE = (
    ("latest_reports", "Latest reports", "by label, governorate, source and date"),
    ("torture_deaths_this_month", "Torture deaths in a month", "this month, or the one you give"),
    ("disappearances_by_governorate", "Enforced disappearances by governorate", ""),
    ("removed_articles", "Reports removed from their source", "the archive keeps them"),
)

# The articles' columns a reader needs; the rest (text, scores, hashes) are a click away.
READING_COLUMNS = ("published", "title", "source", "lang", "labels", "governorate",
                   "perpetrator", "url", "removed_at")


def present(metadata: dict[str, Any], database: str) -> dict[str, Any]:
    """``metadata`` (already keyed by ``database``) ready for ``datasette --metadata``."""
    shaped = dict(metadata)
    db = dict(shaped.get("databases", {}).get(database) or {})
    tables = {name: _table(dict(table)) for name, table in (db.get("tables") or {}).items()}
    if tables:
        db["tables"] = tables
    if db:
        shaped["databases"] = {database: db}
        shaped["description_html"] = (shaped.get("description_html") or "") + _start_here(
            database, db)
    return shaped


def _table(table: dict[str, Any]) -> dict[str, Any]:
    columns = table.pop("columns", None)
    if not columns:
        return table
    described = table.pop("description_html", None) or str(escape(table.pop("description", "")))
    rows = "".join(f"<dt><code>{escape(name)}</code></dt><dd>{escape(text)}</dd>"
                   for name, text in columns.items())
    table["description_html"] = (
        f"{described}<details class=\"raqib-columns\"><summary>What each column means"
        f"</summary><dl class=\"raqib-column-list\">{rows}</dl></details>")
    return table


def _start_here(database: str, db: dict[str, Any]) -> str:
    base = f"/{quote(database)}"
    queries = db.get("queries") or {}
    items = [f'<li><a href="{base}/{name}">{escape(title)}</a>'
             f"{' — ' + str(escape(hint)) if hint else ''}</li>"
             for name, title, hint in START_HERE if name in queries]
    columns = "&amp;".join(f"_col={name}" for name in READING_COLUMNS)
    items.append(f'<li><a href="{base}/articles?{columns}">All articles</a> — search box, and '
                 "filters by source, language, governorate, label and perpetrator (click a "
                 f'value under the search box); <a href="{base}/articles">every column</a>'
                 "</li>")
    return ("<h2>Start here</h2><ul class=\"raqib-start\">" + "".join(items) + "</ul>"
            "<p>Each report links to its source; open a row for its full text and "
            "evidence.</p>")
