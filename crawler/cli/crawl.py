"""``raqib crawl``: one crawl cycle now, then the immediate alerts it produced are sent."""

from __future__ import annotations

import sys
from datetime import date, datetime

import click

from alerts.redact import mask
from crawler.cli import EXIT_FAILURE, App, pass_app
from crawler.crawl import run_crawls
from crawler.errors import UsageError


def register(cli: click.Group) -> None:
    cli.add_command(crawl)


@click.command()
@click.option("--source", "sources", multiple=True, metavar="NAME",
              help="Crawl only this source (repeatable). Default: every enabled source.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Backfill: articles published on or after this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Backfill: articles published on or before this date.")
@click.option("--recheck", is_flag=True,
              help="Also re-fetch known articles of the recheck window (edits, removals).")
@pass_app
def crawl(app: App, sources: tuple[str, ...], since: datetime | None, until: datetime | None,
          recheck: bool) -> None:
    """One cycle now: fetch, extract, dedupe, classify, store, send immediate alerts."""
    config = app.config
    since_day, until_day = _day(since), _day(until)
    if since_day and until_day and since_day > until_day:
        raise UsageError("--since is after --until; give the earlier date to --since")
    outcomes = run_crawls(config, list(sources) or None, since=since_day, until=until_day,
                          recheck=recheck, progress=sys.stdout.isatty(), parallel=2)
    _dispatch_alerts(app)
    secrets = config.secrets()
    for outcome in outcomes:
        click.echo(mask(outcome.summary(), secrets))
    failed = [o for o in outcomes if o.failed or o.status == "interrupted"]
    if failed:
        names = ", ".join(f"{o.source} ({o.status}: {o.message})" for o in failed)
        click.secho(f"error: {len(failed)} of {len(outcomes)} source(s) did not finish: "
                    f"{names}", err=True, fg="red")
        click.get_current_context().exit(EXIT_FAILURE)


def _dispatch_alerts(app: App) -> None:
    """Send the immediate alerts the crawl queued, and retry earlier ones that are due."""
    from alerts.dispatch import dispatch_pending

    with app.open_store() as store:
        report = dispatch_pending(store, app.config)
    if report.failed or report.retrying:
        click.echo(report.summary(), err=True)


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None

