"""``raqib watch add/also/merge/list/remove/import``: the private watchlist (see crawler.watchlist).

These commands are the only place a watched name is printed: to the terminal of the person
who typed it. Nothing here logs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from alerts.render import WATCH_NOTE_CHARS
from crawler.cli import EXIT_FAILURE, App, _table, pass_app
from crawler.errors import UsageError
from crawler.watchlist import WatchBook, WatchEntry
from crawler.watchlist.alerts import ArchiveMatches, queue_archive_alerts, scan_archive
from crawler.watchlist.match import named_in, wanted_of
from crawler.watchlist.merge import merge_entries
from crawler.watchlist.rows import channel_problem, read_rows, spellings_problem

_SENT_BY = "sent by the daemon, the next `raqib crawl`, or now by `raqib alerts flush`"


def register(cli: click.Group) -> None:
    cli.add_command(watch)


@click.group()
def watch() -> None:
    """A private watchlist of people: a report naming one alerts that person's channel."""


@watch.command()
@click.argument("name", required=False)
@click.option("--channel", required=True, metavar="CH", help="The channel to alert.")
@click.option("--note", default="", help="A private note shown in this entry's alerts.")
@click.option("--also", "also", multiple=True, metavar="NAME",
              help="Another spelling of the same person's name (repeatable): a report naming "
                   "either alerts once.")
@click.option("--no-past-alerts", is_flag=True,
              help="List the stored reports naming the person, but queue no alert for them.")
@pass_app
def add(app: App, name: str | None, channel: str, note: str, also: tuple[str, ...],
        no_past_alerts: bool) -> None:
    """Watch NAME (any script or spelling): every stored or future report naming this person
    alerts CHANNEL once, whatever the channel's filters. Lists the stored reports. Without
    NAME (or with -), the name is asked for, or read from standard input, so that it stays
    out of the shell's history and the process list."""
    name = " ".join(_typed(name).split())
    problem = spellings_problem((name, *also)) or channel_problem(channel, _channels(app))
    if problem:
        raise UsageError(problem)
    app.require_write("watch add")
    book = _book(app)
    entry = book.add(name, channel, note, also)
    click.echo(f"watching entry {entry.id}: {_shown(entry)} → channel {entry.channel}")
    with app.open_store() as store:
        matches = scan_archive(store, [entry])
        _list_reports(matches.of(entry))
        _queue(store, [entry], matches, no_past_alerts, _book(app))


@watch.command(name="also")
@click.argument("entry_id", metavar="ID", type=int)
@click.argument("names", metavar="[NAME]...", nargs=-1)
@click.option("--no-past-alerts", is_flag=True,
              help="List the stored reports the new spellings find, but queue no alert for "
                   "them.")
@pass_app
def also_(app: App, entry_id: int, names: tuple[str, ...], no_past_alerts: bool) -> None:
    """Add other spellings of entry ID's name: a report naming the person in any of them
    alerts the entry's channel, once per report. Lists, and alerts, only the stored reports
    the new spellings find and the old ones did not. Without NAME (or with -), spellings are
    asked for, or read from standard input one per line, to keep them out of the shell's
    history."""
    if not names or names == ("-",):
        names = _typed_spellings()
    if not names:
        raise UsageError("no spelling given; give one as NAME, or one per line on standard "
                         "input")
    problem = spellings_problem(names)
    if problem:
        raise UsageError(problem)
    app.require_write("watch also")
    book = _book(app)
    before = book.by_id(entry_id)
    entry = book.add_spellings(entry_id, names)
    click.echo(f"watching entry {entry.id}: {_shown(entry)} → channel {entry.channel}")
    with app.open_store() as store:
        matches = scan_archive(store, [entry])
        if before is not None:  # the reports the old spellings found were dealt with then
            found_before = wanted_of([before])
            matches.by_token[entry.token] = [
                a for a in matches.of(entry) if not named_in(a["title"], a["text"], found_before)]
        _list_reports(matches.of(entry), new=True)
        _queue(store, [entry], matches, no_past_alerts, _book(app))


@watch.command()
@click.argument("keep", metavar="KEEP", type=int)
@click.argument("others", metavar="OTHER...", type=int, nargs=-1, required=True)
@pass_app
def merge(app: App, keep: int, others: tuple[int, ...]) -> None:
    """Merge entries OTHER into entry KEEP, when they turn out to be one person: their names
    and other spellings become KEEP's spellings, a different note is appended to KEEP's, and
    they are deleted. A report already alerted (or queued) for one of them counts as alerted
    for KEEP, so none is sent twice; no stored report is newly alerted (those declined with
    --no-past-alerts stay declined). Only entries of one channel merge."""
    app.require_write("watch merge")
    with app.open_store() as store:
        merged = merge_entries(_book(app), store, keep, others)
    entry = merged.merge.entry
    for other in merged.merge.others:
        click.echo(f"merged entry {other.id} ({_shown(other)}) into entry {entry.id}")
    click.echo(f"watching entry {entry.id}: {_shown(entry)} → channel {entry.channel}")
    if merged.merge.notes_from:
        whose = ", ".join(str(i) for i in merged.merge.notes_from)
        click.echo(f"note of entry {whose} added to entry {entry.id}'s: {entry.note}")
        if len(entry.note) > WATCH_NOTE_CHARS:
            click.echo(f"the note now has {len(entry.note)} characters: an alert shows only "
                       f"the first {WATCH_NOTE_CHARS}")
    click.echo(f"{merged.carried} alert record(s) of entry {_ids(merged.merge.others)} now "
               f"count for entry {entry.id} (a report alerted for both is kept once)")


def _ids(entries: Iterable[WatchEntry]) -> str:
    return ", ".join(str(entry.id) for entry in entries)


def _typed_spellings() -> tuple[str, ...]:
    stdin = click.get_text_stream("stdin")
    if stdin.isatty():
        return (str(click.prompt("Other spelling", err=True)),)
    return tuple(line for line in stdin.read().splitlines() if line.strip())


def _shown(entry: WatchEntry) -> str:
    """The entry's name, with its other spellings after it."""
    return entry.name + (f" (also: {'; '.join(entry.also)})" if entry.also else "")


def _typed(name: str | None) -> str:
    """NAME as given, else asked for on a terminal or read as one line of standard input."""
    if name is not None and name != "-":
        return name
    stdin = click.get_text_stream("stdin")
    if stdin.isatty():
        return str(click.prompt("Name to watch", err=True))
    return stdin.readline()


@watch.command(name="list")
@pass_app
def list_(app: App) -> None:
    """Every watched name with its channel and how many alerts it has had."""
    entries = _book(app).entries()
    if not entries:
        click.echo("the watchlist is empty; add a name with `raqib watch add NAME --channel CH`")
        return
    with app.open_store(reading=True) as store:
        counts = store.watch_alert_counts()
    rows = []
    for entry in entries:
        states: dict[str, int] = {}
        for token in entry.tokens:  # rows queued under a merged entry's token are its own
            for state, n in counts.get(token, {}).items():
                states[state] = states.get(state, 0) + n
        alerts = f"{states.get('sent', 0)} sent"
        waiting = sum(n for state, n in states.items() if state != "sent")
        if waiting:
            alerts += f", {waiting} waiting"
        rows.append([str(entry.id), _shown(entry), entry.channel, entry.added_at[:10], alerts,
                     entry.note])
    _table(["ID", "NAME", "CHANNEL", "ADDED", "ALERTS", "NOTE"], rows)


@watch.command()
@click.argument("entry_id", metavar="ID", type=int)
@pass_app
def remove(app: App, entry_id: int) -> None:
    """Stop watching entry ID, and delete the record of its alerts from the store."""
    app.require_write("watch remove")
    entry = _book(app).remove(entry_id)
    if entry is None:
        raise UsageError(f"no watch entry {entry_id}; see `raqib watch list`")
    with app.open_store() as store:
        forgotten = store.forget_watch_alerts(*entry.tokens)
    click.echo(f"removed entry {entry.id} ({entry.name}, channel {entry.channel}); "
               f"{forgotten} alert record(s) deleted")


@watch.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-past-alerts", is_flag=True,
              help="Queue no alert for reports already stored (future reports still alert).")
@pass_app
def import_(app: App, file: Path, no_past_alerts: bool) -> None:
    """Watch every row of a CSV file with the columns name, channel (and optionally note,
    and also: other spellings of the name separated by semicolons). A bad row is reported
    with its number and skipped; the good rows are kept."""
    rows, problems = read_rows(file.name, file.read_bytes(), _channels(app))
    app.require_write("watch import")
    book = _book(app)
    added: list[WatchEntry] = []
    for row in rows:
        try:
            added.append(book.add(row.name, row.channel, row.note, row.also))
        except UsageError as exc:
            problems.append(f"row {row.number}: {exc}")
    for line in sorted(problems, key=_row_number):
        click.secho(f"error: {file.name}: {line}", err=True, fg="red")
    with app.open_store() as store:
        matches = scan_archive(store, added)
        for entry in added:
            found = len(matches.of(entry))
            click.echo(f"watching entry {entry.id}: {_shown(entry)} → channel "
                       f"{entry.channel} ({found} stored report(s))")
        _queue(store, added, matches, no_past_alerts, _book(app))
    click.echo(f"imported {len(added)} name(s); {len(problems)} bad row(s) skipped")
    if problems:
        raise SystemExit(EXIT_FAILURE)


def _book(app: App) -> WatchBook:
    return WatchBook.beside(app.config.store.path)


def _channels(app: App) -> set[str]:
    return {channel.name for channel in app.config.channels}


def _row_number(line: str) -> int:
    return int(line.split(":", 1)[0].removeprefix("row "))


def _list_reports(articles: list[dict[str, Any]], *, new: bool = False) -> None:
    if not articles:
        click.echo("no other stored report names this person" if new else
                   "no stored report names this person yet")
        return
    click.echo(f"{len(articles)} {'other ' if new else ''}stored report(s) name this person:")
    for article in articles:
        day = (article.get("published") or article.get("first_seen") or "")[:10]
        click.echo(f"  {day or '----------'}  {article['source']}  {article.get('title') or ''}")
        click.echo(f"  {'':10}  {article.get('link') or article['url']}")


def _queue(store: Any, entries: list[WatchEntry], matches: ArchiveMatches,
           no_past_alerts: bool, book: WatchBook) -> None:
    if no_past_alerts or not any(matches.of(entry) for entry in entries):
        return
    # an entry merged into another since this command read the watch file: its alerts are
    # the kept entry's, checked against that entry's rows
    now_as = {entry.token: current for entry in entries
              if (current := book.by_token(entry.token)) is not None}
    queued = queue_archive_alerts(store, entries, matches, now_as)
    click.echo(f"{queued} alert(s) queued for the stored reports ({_SENT_BY})")
