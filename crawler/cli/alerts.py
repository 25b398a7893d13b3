"""``raqib digest [--send]``, ``raqib alerts test [CHANNEL]`` and ``raqib alerts flush``."""

from __future__ import annotations

import click

from crawler.cli import EXIT_FAILURE, EXIT_NOTHING, App, pass_app


def register(cli: click.Group) -> None:
    cli.add_command(digest)
    cli.add_command(alerts)


@click.command()
@click.option("--send", "send_", is_flag=True,
              help="Send each digest channel its digest (default: print the digests).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html"]),
              default="text", show_default=True, help="What to print (without --send).")
@pass_app
def digest(app: App, send_: bool, fmt: str) -> None:
    """Build the digest of what is new since the last one; print it, or send it."""
    from alerts.digest import build_digests, send_digests
    from alerts.dispatch import dispatch_pending

    config = app.config
    with app.open_store() as store:
        if send_:
            report = send_digests(store, config)
            report.merge(dispatch_pending(store, config))
            click.echo(report.summary())
            _fail_on_errors(report.errors)
            if report.messages == 0:
                raise SystemExit(EXIT_NOTHING)
            return
        digests = build_digests(store, config)
        if not digests:
            channels = [c.name for c in config.channels if c.mode == "digest"]
            where = ", ".join(channels) if channels else "none configured (set mode = \"digest\")"
            click.echo(f"nothing new for the digest channels ({where})", err=True)
            raise SystemExit(EXIT_NOTHING)
        for number, item in enumerate(digests):
            # Only plain text carries the channel heading on standard output, so
            # `--format html > digest.html` writes a clean document; otherwise it goes to stderr.
            if fmt == "text":
                if number:
                    click.echo()
                click.echo(f"# channel {item.channel}")
            else:
                click.echo(f"# channel {item.channel}", err=True)
            rendered = {"text": item.render_text, "markdown": item.render_markdown,
                        "html": item.render_html}[fmt]()
            click.echo(rendered.rstrip())


@click.group()
def alerts() -> None:
    """Test channels and retry pending alerts."""


@alerts.command()
@click.argument("channel", required=False)
@pass_app
def test(app: App, channel: str | None) -> None:
    """Send a test message to CHANNEL (default: every channel) and report the result."""
    from alerts.render import render_test
    from alerts.transport import describe, send
    from crawler.archive.store import iso, utcnow

    config = app.config
    targets = [config.channel(channel)] if channel else list(config.channels)
    failures = 0
    for target in targets:
        message = render_test(target.name, iso(utcnow()))
        result = send(target, message.title, message.text, message.html, message.markdown)
        if result.ok:
            click.echo(f"{target.name}: ok ({describe(target)})")
        else:
            failures += 1
            kind = "permanent" if result.permanent else "temporary"
            click.secho(f"{target.name}: FAILED ({kind}): {result.error}", err=True, fg="red")
    if failures:
        raise SystemExit(EXIT_FAILURE)


@alerts.command()
@pass_app
def flush(app: App) -> None:
    """Retry every pending alert now (failed digests included)."""
    from alerts.dispatch import dispatch_pending

    config = app.config
    app.require_write("alerts flush")
    with app.open_store() as store:
        made_due = store.retry_now()
        report = dispatch_pending(store, config)
        report.merge(dispatch_pending(store, config, mode="digest"))
    if not made_due and not report.sent and not report.errors and not report.released:
        click.echo("no pending alerts")
        return
    click.echo(report.summary())
    _fail_on_errors(report.errors)


def _fail_on_errors(errors: list[str]) -> None:
    if errors:
        for line in dict.fromkeys(errors):
            click.secho(f"error: {line}", err=True, fg="red")
        raise SystemExit(EXIT_FAILURE)
