"""Checking what a user asks to watch: one name, or the rows of a CSV file."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from crawler.errors import UsageError
from crawler.watchlist.match import usable

REQUIRED = ("name", "channel")
OPTIONAL = ("note", "also")
SPELLINGS_SEPARATOR = ";"


@dataclass(frozen=True)
class WatchRow:
    number: int  # the row's number in the file, the header being row 1
    name: str
    channel: str
    note: str = ""
    also: tuple[str, ...] = ()  # other spellings of the name


def name_problem(name: str) -> str | None:
    """Why a name cannot be watched, or None. One word (a first name alone) would match
    far too many reports, so a watched name has at least two words."""
    words = name.split()
    if not words:
        return "the name is empty; give the person's name as written"
    if len(words) < 2:
        return (f"{name!r} is a single word; give at least a first and a family name, as "
                "reports write it")
    if not usable(name):
        return f"{name!r} has no letters to match on"
    return None


def spellings_problem(names: Iterable[str]) -> str | None:
    """The first of ``names`` (a name and its other spellings) that cannot be watched, and
    why; None if all can."""
    return next(filter(None, (name_problem(" ".join(n.split())) for n in names)), None)


def channel_problem(channel: str, channels: Collection[str]) -> str | None:
    if channel in channels:
        return None
    known = ", ".join(sorted(channels)) or "none configured"
    return f"no channel named {channel!r} (channels: {known}); see [[channels]] in the config"


def read_rows(name: str, content: bytes, channels: Collection[str]
              ) -> tuple[list[WatchRow], list[str]]:
    """The good rows of a CSV file and one problem line per bad row. The first row names the
    columns (``name``, ``channel``, optionally ``note`` and ``also``: other spellings of the
    name, separated by semicolons; in any order). UsageError when the file as a whole cannot
    be read."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text (byte {exc.start}); save the file as "
                         "CSV UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise UsageError(f"{name}: the first row must name the columns name, channel (and "
                         f"optionally note, also); missing: {', '.join(missing)}")
    where = {column: header.index(column) for column in (*REQUIRED, *OPTIONAL)
             if column in header}
    good: list[WatchRow] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue

        def cell(column: str, cells: list[str] = cells) -> str:
            index = where.get(column)
            return " ".join(cells[index].split()) if index is not None and index < len(
                cells) else ""

        also = tuple(" ".join(s.split()) for s in cell("also").split(SPELLINGS_SEPARATOR)
                     if s.strip())
        row = WatchRow(number, cell("name"), cell("channel"), cell("note"), also)
        spellings = (row.name, *also)
        problem = spellings_problem(spellings) or channel_problem(row.channel, channels)
        earlier = next((seen[(s, row.channel)] for s in spellings if (s, row.channel) in seen),
                       None)
        if problem is None and earlier is not None:
            problem = f"the same name and channel as row {earlier}"
        if problem:
            problems.append(f"row {number}: {problem}")
            continue
        seen.update({(s, row.channel): number for s in spellings})
        good.append(row)
    return good, problems
