"""``raqib import FILE...``: WARC / WARC.gz archives ingested like crawled pages."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from crawler.cli import EXIT_FAILURE, App, pass_app
from crawler.errors import UsageError

if TYPE_CHECKING:
    from crawler.warc_import.importer import ImportStats

# Broken records and failed pages listed one line each after the summary; the rest counted.
SHOW_PROBLEMS = 10


def register(cli: click.Group) -> None:
    cli.add_command(import_)


@click.command(name="import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path))
@click.option("--source", metavar="NAME",
              help="The source the pages belong to (default: the configured source of each "
                   "page's host, else a source named after the host).")
@click.option("--alert", is_flag=True,
              help="Queue and send alerts for imported articles, as a crawl does (default: "
                   "none).")
@click.option("--workers", type=click.IntRange(0), metavar="N",
              help="Worker processes for extraction and classification (default: one per "
                   "core; 0: all in this process).")
@pass_app
def import_(app: App, files: tuple[Path, ...], source: str | None, alert: bool,
            workers: int | None) -> None:
    """Import WARC / WARC.gz files: extract, dedupe, classify and store their HTML pages."""
    from crawler.warc_import.importer import import_files

    if source is not None and not source.strip():
        raise UsageError("--source needs a name; leave it out to file pages by their host")
    app.require_write("import")
    bar = ProgressBar(sys.stderr)
    with app.open_store() as store:
        stats = import_files(list(files), store=store, config=app.config, source=source,
                             alert=alert, workers=workers, progress=bar.update)
    bar.close()
    if alert:
        from crawler.cli.crawl import _dispatch_alerts

        _dispatch_alerts(app)
    click.echo(f"imported: {stats.summary()}")
    for line in (stats.broken + stats.errors)[:SHOW_PROBLEMS]:
        click.secho(f"  {line}", err=True, fg="yellow")
    hidden = len(stats.broken) + len(stats.errors) - SHOW_PROBLEMS
    if hidden > 0:
        click.echo(f"  … and {hidden} more", err=True)
    if stats.errors:
        click.secho(f"error: {len(stats.errors)} page(s) could not be stored (see above); "
                    "run the import again to retry them", err=True, fg="red")
        click.get_current_context().exit(EXIT_FAILURE)


class ProgressBar:
    """One line on a terminal, rewritten in place: share of the bytes read, pages, rate."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = _is_terminal(stream)
        self._last = 0.0
        self._drawn = False

    def update(self, stats: ImportStats) -> None:
        now = time.monotonic()
        if not self.enabled or now - self._last < 0.2:
            return
        self._last = now
        share = stats.bytes_done / stats.bytes_total if stats.bytes_total else 1.0
        filled = int(self.WIDTH * min(share, 1.0))
        rate = stats.stored / max(stats.seconds, 0.001)
        line = (f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%}  "
                f"{stats.stored} pages stored, {stats.already} already, "
                f"{len(stats.broken)} broken, {rate:.1f} pages/s\x1b[K")
        try:
            self.stream.write(line)
            self.stream.flush()
            self._drawn = True
        except (OSError, ValueError):
            self.enabled = False

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
