"""Cells with Arabic text carry ``dir="auto"``, so each reads right to left in its cell.

Datasette writes every value into a plain ``<td>``; an Arabic title then starts at the left
with its punctuation on the wrong side. A cell holding Arabic letters is rendered here as
``<div dir="auto">`` (the browser takes the direction from the first strong letter, so a
French or English cell quoting an Arabic name stays left to right). Datasette shortens long
cells on table and query pages (``truncate_cells_html``) but shows them whole on a row's own
page; a plugin that renders a cell must do the same, so the request's path is noted by an
ASGI wrapper.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from datasette import hookimpl
from markupsafe import Markup, escape

ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_path: ContextVar[str] = ContextVar("raqib_request_path", default="")

Scope = dict[str, Any]
App = Callable[[Scope, Any, Any], Awaitable[None]]


def is_row_page(path: str) -> bool:
    """``/db/table/pk`` (a row's own page, cells shown whole), not ``/db/table`` or
    ``/db/query``."""
    parts = [part for part in path.split("/") if part]
    return len(parts) == 3 and not parts[0].startswith("-")


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[App], App]:
    def wrap(app: App) -> App:
        async def note_path(scope: Scope, receive: Any, send: Any) -> None:
            token = _path.set(str(scope.get("path") or ""))
            try:
                await app(scope, receive, send)
            finally:
                _path.reset(token)

        return note_path

    return wrap


@hookimpl
def render_cell(value: Any, datasette: Any) -> Markup | None:
    if not isinstance(value, str) or not ARABIC.search(value):
        return None
    if re.match(r"https?://\S+$", value.strip()):
        return None  # a link: Datasette's own rendering links it
    text = value
    limit = 0 if is_row_page(_path.get()) else int(datasette.setting("truncate_cells_html") or 0)
    if limit and len(text) > limit:
        text = text[:limit] + "\u2026"
    return Markup(f'<div dir="auto">{escape(text)}</div>')
