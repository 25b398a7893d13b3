"""``raqib demo``: the whole pipeline offline, against the project's own sample sites.

Starts the loopback mirrors of SNHR, SOHR, Alkarama, Horrya Press and a plain RSS site,
writes a config pointing the built-in spiders at them, crawls every source (each in its
own child process, as always), prints the immediate alerts on the console and a digest,
and leaves a store and a config behind to explore.

``raqib demo --serve`` then keeps the sample sites running (until Ctrl-C or SIGTERM) and
changes them the way real sites change — one article edited, one taken down, one newly
published — and prints the config to use, so a newcomer can try ``crawl``, ``crawl
--recheck``, ``diff`` and ``browse`` on sites that still answer.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from crawler.config import Config, load_config

DEMO_CHANNELS = (
    {"name": "console", "url": "console://", "mode": "immediate", "cases": True},
    {"name": "daily-digest", "url": "console://", "mode": "digest"},
)


@dataclass(frozen=True)
class DemoResult:
    folder: Path
    config_path: Path
    seconds: float
    articles: int
    duplicates: int
    flagged: int
    alerts_sent: int
    failed_sources: tuple[str, ...]


def write_demo_config(folder: Path, sources: list[dict[str, Any]]) -> Path:
    """A raqib.toml for the demo: the mirrors as sources, console channels, no delay."""
    lines = [
        "# Written by `raqib demo`: the built-in spiders pointed at loopback sample mirrors.",
        "[store]", 'path = "raqib.db"', "",
        "[crawl]", 'user_agent = "raqib-demo (+https://example.org/contact)"',
        "download_delay = 0.0", 'run_timeout = "5m"', "",
    ]
    for source in sources:
        lines.append("[[sources]]")
        lines.extend(f"{key} = {_toml_value(value)}" for key, value in source.items())
        lines.append("")
    for channel in DEMO_CHANNELS:
        lines.append("[[channels]]")
        lines.extend(f"{key} = {_toml_value(value)}" for key, value in channel.items())
        lines.append("")
    path = folder / "raqib.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# What --serve changes after the first cycle, for the newcomer to find.
SERVE_EDIT = "snhr-en-01"  # corrected: a new version for `crawl --recheck` and `diff`
SERVE_REMOVE = "sohr-en-02"  # taken down: `crawl --recheck` marks it removed
SERVE_PUBLISH = "snhr-en-06"  # held back, then published: `crawl` finds it


def run_demo(folder: Path, *, progress: bool, mirrors: Any = None) -> DemoResult:
    """Run one full cycle into ``folder`` and print what a monitor would receive. With
    ``mirrors`` (already started), crawl those and leave them running."""
    from alerts.digest import send_digests
    from alerts.dispatch import dispatch_pending
    from alerts.transport import is_valid_url
    from crawler.archive.store import Store
    from crawler.crawl import run_crawls
    from crawler.mirror import Mirrors

    started = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if mirrors is None:
            mirrors = stack.enter_context(Mirrors())
        config_path = write_demo_config(folder, mirrors.sources())
        config: Config = load_config(config_path, url_validator=is_valid_url)
        _heading(f"Crawling {len(config.sources)} sources served on 127.0.0.1")
        outcomes = run_crawls(config, progress=progress, parallel=2)
        for outcome in outcomes:  # the record of the crawl, terminal or not
            click.echo(outcome.summary())
    failed = tuple(o.source for o in outcomes if o.failed)
    with Store.open(config.store.path) as store:
        _heading("Immediate alerts")
        immediate = dispatch_pending(store, config)
        _heading("Daily digest")
        digest = send_digests(store, config)
        counts = store.counts()
    return DemoResult(
        folder=folder, config_path=config_path, seconds=time.monotonic() - started,
        articles=counts["articles"], duplicates=counts["duplicates"], flagged=counts["flagged"],
        alerts_sent=immediate.messages + digest.messages, failed_sources=failed)


def print_summary(result: DemoResult) -> None:
    _heading("Done")
    click.echo(f"{result.articles} articles stored ({result.flagged} flagged), "
               f"{result.duplicates} duplicate URLs or copies folded in, "
               f"{result.alerts_sent} messages sent, in {result.seconds:.1f} s.")
    if result.failed_sources:
        click.echo(f"sources that failed: {', '.join(result.failed_sources)}")
    from crawler.hints import raqib_command, shown_path

    config = shown_path(result.config_path)
    raqib = raqib_command()  # `.venv/bin/raqib` when the venv is not activated
    click.echo(f"Store and config are in {shown_path(result.folder)}. Explore them with:")
    for command in ("search torture", "cases", "export --format jsonl", "status", "sources"):
        click.echo(f"  {raqib} --config {config} {command}")


def serve_demo(folder: Path, *, progress: bool) -> int:
    """The demo cycle, then the sample sites kept running and changed (one article edited,
    one removed, one published) until Ctrl-C or SIGTERM. Returns the exit status."""
    from crawler.mirror import Mirrors

    mirrors = Mirrors(hidden={SERVE_PUBLISH}).start()
    try:
        result = run_demo(folder, progress=progress, mirrors=mirrors)
        print_summary(result)
        mirrors.edit(SERVE_EDIT)
        mirrors.remove(SERVE_REMOVE)
        mirrors.publish(SERVE_PUBLISH)
        print_serving(result.config_path, mirrors.url_of(SERVE_EDIT))
        _wait_for_stop()
    finally:
        mirrors.stop()
    click.echo("sample sites stopped")
    return 1 if result.failed_sources else 0


def print_serving(config: Path, edited_url: str) -> None:
    _heading("Serving the sample sites")
    click.echo("The sample sites keep running on 127.0.0.1 until you press Ctrl-C. Since the "
               "crawl above, one article was corrected, one taken down and one published.")
    click.echo(f"config: {config}")
    click.echo("Try, in another terminal:")
    for command, what in (
            ("crawl", "finds the newly published article"),
            ("crawl --recheck", "re-fetches what is stored: the correction and the removal"),
            (f"diff {edited_url}", "what the correction changed"),
            ("browse", "the store in Datasette (pip install 'raqib[browse]')")):
        click.echo(f"  raqib --config {config} {command}    # {what}")
    sys.stdout.flush()


def _wait_for_stop() -> None:
    """Block until Ctrl-C or SIGTERM."""
    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)


def _heading(text: str) -> None:
    click.secho(f"\n== {text} ==", bold=True)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def register(cli: click.Group) -> None:
    @cli.command()
    @click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
                  help="Folder for the demo store and config (default: a new temporary "
                       "folder).")
    @click.option("--serve", is_flag=True,
                  help="Then keep the sample sites running (until Ctrl-C), change them, and "
                       "print the config to try crawl, crawl --recheck, diff and browse.")
    def demo(folder: Path | None, serve: bool) -> None:
        """Run the whole pipeline offline on the project's sample sites (127.0.0.1 only)."""
        import tempfile

        target = folder or Path(tempfile.mkdtemp(prefix="raqib-demo-"))
        if serve:
            raise SystemExit(serve_demo(target, progress=sys.stdout.isatty()))
        result = run_demo(target, progress=sys.stdout.isatty())
        print_summary(result)
        if result.failed_sources:
            raise SystemExit(1)
