"""The archive commands: ``raqib search``, ``show``, ``export``, ``verify``, ``diff``,
``stats``, ``browse``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from crawler.archive.store import ArchiveFilter
from crawler.cli import EXIT_FAILURE, EXIT_NOTHING, App, pass_app
from crawler.models import LABELS, LANGS
from crawler.urls import display_url


def register(cli: click.Group) -> None:
    for command in (search, show, export, verify, diff, stats, browse):
        cli.add_command(command)


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _filter_options() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The filters shared by search and export."""
    options = [
        click.option("--label", "labels", multiple=True, type=click.Choice(LABELS),
                     help="Only articles with this label (repeatable: any of them)."),
        click.option("--source", "sources", multiple=True, metavar="NAME",
                     help="Only this source (repeatable)."),
        click.option("--lang", "langs", multiple=True, type=click.Choice(LANGS),
                     help="Only this language (repeatable)."),
        click.option("--since", callback=_iso_date, metavar="YYYY-MM-DD",
                     help="Articles dated on or after this day (publication date, else "
                          "first seen)."),
        click.option("--until", callback=_iso_date, metavar="YYYY-MM-DD",
                     help="Articles dated on or before this day."),
        click.option("--governorate", "governorates", multiple=True, metavar="NAME",
                     help="Only this governorate (English name, e.g. Homs; repeatable)."),
        click.option("--perpetrator", "perpetrators", multiple=True, metavar="PARTY",
                     help="Only this perpetrator (syrian_regime, transitional_authorities, "
                          "isis, hts, sdf, ...; repeatable)."),
    ]

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


def _where(**values: Any) -> ArchiveFilter:
    return ArchiveFilter(
        labels=tuple(values.get("labels") or ()), sources=tuple(values.get("sources") or ()),
        langs=tuple(values.get("langs") or ()),
        governorates=tuple(values.get("governorates") or ()),
        perpetrators=tuple(values.get("perpetrators") or ()),
        since=values.get("since"), until=values.get("until"))


@click.command()
@click.argument("query", required=False, default="")
@_filter_options()
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000),
              help="Most results shown.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per result.")
@click.option("--raw", is_flag=True,
              help="QUERY is an FTS5 expression (AND, OR, NOT, NEAR(), \"phrases\", prefix*).")
@pass_app
def search(app: App, query: str, limit: int, as_json: bool, raw: bool, **filters: Any) -> None:
    """Full-text search of the stored articles (every version), best matches first.

    Words match in any order, regardless of case, accents, Arabic diacritics, alef forms
    and the Arabic article and clitics (تعذيب finds التعذيب); a name finds its hyphenated
    forms (Dabbagh finds al-Dabbagh) and a place every spelling in the variant table
    (Sednaya finds Saydnaya and صيدنايا). "Quoted words" match exactly as a phrase. Without
    QUERY (or with '*'), lists what the filters match, newest first.
    """
    from crawler.archive.search import HIT_END, HIT_START
    from crawler.archive.search import search as run_search

    with app.open_store(reading=True) as store:
        where = _checked_where(app, store, filters)
        hits = run_search(store, query, where, limit=limit, raw=raw)
        waiting = store.search_backlog()
    if waiting:
        click.echo(f"note: {waiting} articles stored in the last moments are not in the search "
                   "index yet (the store is busy or read-only); search again after the "
                   "running crawl ends", err=True)
    if as_json:
        for hit in hits:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        return
    if not hits:
        click.echo("no articles match", err=True)
        return
    for number, hit in enumerate(hits, start=1):
        day = (hit.published or hit.first_seen or "")[:10]
        labels = ", ".join(hit.labels) or "no label"
        removed = click.style(f"  REMOVED {hit.removed_at[:10]}", fg="red") \
            if hit.removed_at else ""
        edited = f"  {hit.versions} versions" if hit.versions > 1 else ""
        older = hit.extra.get("matched_version")
        matched = f" (found in version {older})" if older else ""
        click.echo(f"{number}. {click.style(hit.title, bold=True)}")
        click.echo(f"   {day}  {hit.source}  {hit.lang or '?'}  [{labels}]{edited}{removed}")
        click.echo(f"   {display_url(hit.url)}")
        snippet = " ".join(hit.snippet.split())
        snippet = snippet.replace(HIT_START, "\x00").replace(HIT_END, "\x01")
        pieces = snippet.split("\x00")
        shown = pieces[0]
        for piece in pieces[1:]:
            hit_text, _, rest = piece.partition("\x01")
            shown += click.style(hit_text, fg="yellow", bold=True) + rest
        click.echo(f"   {shown}{matched}")


def _checked_where(app: App, store: Any, filters: dict[str, Any]) -> ArchiveFilter:
    """The filter of the command line, every value checked against what exists."""
    from crawler.archive.filters import check_filter, known_values

    known = known_values(store, [source.name for source in app.config.sources])
    return check_filter(_where(**filters), known)


@click.command()
@click.argument("url")
@click.option("--raw", "raw_path", type=click.Path(dir_okay=False, allow_dash=True,
                                                   path_type=Path), metavar="PATH",
              help="Write the archived page exactly as fetched to PATH ('-': standard "
                   "output) instead of showing the article.")
@click.option("--version", "version", type=click.IntRange(1), metavar="N",
              help="With --raw: the page as fetched for version N (default: the latest).")
@click.option("--json", "as_json", is_flag=True, help="Print the article as one JSON object.")
@pass_app
def show(app: App, url: str, raw_path: Path | None, version: int | None,
         as_json: bool) -> None:
    """The stored article at URL: title, source, dates, labels with evidence, facts,
    versions, duplicates, archived pages and the text.

    URL may be the address as published or as shown by `raqib search`, decoded or
    percent-encoded, or the address of a copy folded into the article.
    """
    from crawler.archive.show import article_view, raw_page

    with app.open_store() as store:
        view = article_view(store, url, aliases=_aliases(app))
        if raw_path is not None:
            body, capture = raw_page(store, view, version)
            if str(raw_path) == "-":
                sys.stdout.buffer.write(body)
                sys.stdout.buffer.flush()
                return
            from crawler.archive.export import check_output_path

            target = check_output_path(raw_path, store_path=store.path)
            target.write_bytes(body)
            click.echo(f"wrote {len(body)} bytes to {raw_path}: {display_url(capture['url'])} "
                       f"as fetched {capture['fetched_at']} (HTTP {capture['status']}, sha256 "
                       f"{capture['sha256']})", err=True)
            return
    if as_json:
        click.echo(json.dumps(view.to_dict(), ensure_ascii=False))
        return
    click.echo(view.render())


@click.command()
@click.option("--format", "fmt", required=True, type=click.Choice(["jsonl", "csv", "warc"]),
              help="jsonl/csv: one row per distinct article; warc: every stored page as "
                   "fetched.")
@_filter_options()
@click.option("--out", type=click.Path(path_type=Path), metavar="PATH",
              help="File to write (default: standard output). CSV is UTF-8 with a BOM so "
                   "spreadsheet programs read Arabic.")
@pass_app
def export(app: App, fmt: str, out: Path | None, **filters: Any) -> None:
    """Export the store as JSONL, CSV or WARC 1.1, filtered like `raqib search`."""
    from crawler.archive.export import export as run_export

    with app.open_store(reading=True) as store:
        count = run_export(
            store, fmt, _checked_where(app, store, filters), out, config_path=app.config.path
        )
    if out is not None:
        unit = "captures" if fmt == "warc" else "articles"
        click.echo(f"wrote {count} {unit} to {out}", err=True)


@click.command()
@click.pass_context
@pass_app
def verify(app: App, ctx: click.Context) -> None:
    """Re-hash every archived page and report any that changed since it was fetched."""
    from crawler.archive.verify import verify as run_verify

    def progress(done: int) -> None:
        click.echo(f"\r{done} pages checked", nl=False, err=True)

    with app.open_store(reading=True) as store:
        report = run_verify(store, progress=progress if sys.stderr.isatty() else None)
    if sys.stderr.isatty() and report.checked >= 1000:
        click.echo("", err=True)
    for problem in report.database:
        click.secho(f"database: {problem}", fg="red")
    for mismatch in report.mismatches:
        click.secho(f"capture {mismatch.capture_id} {mismatch.url}: {mismatch.problem}",
                    fg="red")
    if report.ok:
        note = (" (read-only store: the full-text indexes were not checked)"
                if store.readonly else "")
        click.echo(f"{report.checked} archived pages checked: all intact{note}")
        return
    if report.database:
        click.echo(f"the database is damaged ({len(report.database)} problem(s) found by "
                   "SQLite); keep the file as it is and restore a copy from a backup")
    if report.mismatches or not report.database:
        click.echo(f"{report.checked} archived pages checked: {len(report.mismatches)} do not "
                   "match their recorded SHA-256; restore the store from a backup")
    ctx.exit(EXIT_FAILURE)


@click.command()
@click.argument("url")
@click.option("--from", "old", type=click.IntRange(1), metavar="N",
              help="Older version number (default: the one before --to).")
@click.option("--to", "new", type=click.IntRange(1), metavar="N",
              help="Newer version number (default: the latest).")
@click.pass_context
@pass_app
def diff(app: App, ctx: click.Context, url: str, old: int | None, new: int | None) -> None:
    """What changed between stored versions of an article: title, labels, text."""
    from crawler.archive.diff import NothingToCompare, diff_versions

    with app.open_store(reading=True) as store:
        try:
            result = diff_versions(store, url, old=old, new=new, aliases=_aliases(app))
        except NothingToCompare as exc:
            click.echo(str(exc), err=True)
            ctx.exit(EXIT_NOTHING)
    for line in result.render().splitlines():
        color = ("green" if line.startswith("+") and not line.startswith("+++") else
                 "red" if line.startswith("-") and not line.startswith("---") else None)
        click.secho(line, fg=color)


def _aliases(app: App) -> dict[str, str]:
    from crawler.urls import host_of

    aliases: dict[str, str] = {}
    for source in app.config.sources:
        for alias in source.aliases:
            aliases[alias] = host_of(source.url)
    return aliases


def module_installed(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


@click.command()
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH",
              help="Also write a PNG of flagged articles per week by label (needs the "
                   "chart extra; from a clone: pip install -e '.[chart]').")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@pass_app
def stats(app: App, chart: Path | None, as_json: bool) -> None:
    """Counts per label per month and per source."""
    from crawler.archive.stats import ChartError, collect, write_chart

    if chart is not None and not module_installed("matplotlib"):
        from crawler.hints import install_hint

        raise ChartError(f"the chart needs matplotlib: {install_hint('chart')}")
    with app.open_store(reading=True) as store:
        figures = collect(store)
    if as_json:
        click.echo(json.dumps(figures.to_dict(), ensure_ascii=False))
    else:
        click.echo(figures.render())
    if chart is not None:
        write_chart(figures, chart)
        click.echo(f"wrote {chart}", err=True)


@click.command()
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--no-open", is_flag=True, help="Do not open a web browser.")
@pass_app
def browse(app: App, port: int, no_open: bool) -> None:
    """Open the store in Datasette, read-only, with facets and canned queries.

    Needs the optional extra browse (from a clone: pip install -e '.[browse]').
    """
    from crawler.archive.browse import BrowseError, datasette_installed, install_hint
    from crawler.archive.browse import browse as run_browse

    if not datasette_installed():
        raise BrowseError(install_hint())
    path = app.config.store.path
    if path.is_file():
        from crawler.archive.search import catch_up

        # An older schema is brought up to date first (when this user may write the store)
        with app.open_store(reading=True) as store:
            catch_up(store)  # and index what waits, so Datasette's search sees it
    run_browse(path, port=port, open_browser=not no_open)
