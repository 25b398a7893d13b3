"""The ``raqib`` command line.

Library code raises typed errors (crawler.errors); this module alone turns them into
one-line messages and exit codes. Commands of other areas live in this package's modules
(``crawler.cli.crawl``, ``crawler.cli.archive``, ...) and are attached by their
``register(cli)`` function (see ``_COMMAND_MODULES``) once ``App`` and ``pass_app``, which
they import from here, are defined.

Exit codes: 0 success, 1 failure (a source or a delivery failed, a check found a problem),
2 usage or configuration error, 3 nothing to do.
"""

from __future__ import annotations

import importlib
import json
import logging
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from crawler import __version__
from crawler.archive.store import Store
from crawler.config import Config, load_config
from crawler.errors import ConfigError, RaqibError, StoreError, UsageError

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_NOTHING = 0, 1, 2, 3

_COMMAND_MODULES = (
    "crawler.cli.crawl",
    "crawler.cli.alerts",
    "crawler.cli.archive",
    "crawler.cli.import_",
    "crawler.cli.daemon",
    "crawler.cli.cases",
    "crawler.demo",
    "crawler.cli.catalog",
    "crawler.cli.watch",
)


class RaqibGroup(click.Group):
    """Turns raqib's errors into one clear line on stderr instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ConfigError, UsageError) as exc:
            click.secho(f"error: {exc}", err=True, fg="red")
            ctx.exit(EXIT_USAGE)
        except RaqibError as exc:
            click.secho(f"error: {exc}", err=True, fg="red")
            ctx.exit(EXIT_FAILURE)
        except sqlite3.DatabaseError as exc:  # the store failed under a command
            from crawler.archive.store_errors import store_error

            app = ctx.obj if isinstance(ctx.obj, App) else None
            where = app.store_path if app is not None else None
            message = str(store_error(where, exc)) if where else f"the store failed: {exc}"
            click.secho(f"error: {message}", err=True, fg="red")
            ctx.exit(EXIT_FAILURE)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


class App:
    """What every command needs: the config (loaded on first use) and the store."""

    def __init__(self, config_path: str | None, verbose: int) -> None:
        self.config_path = config_path
        self.verbose = verbose
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            from alerts.transport import is_valid_url

            self._config = load_config(self.config_path, url_validator=is_valid_url)
            _install_redaction(self._config)
        return self._config

    @property
    def store_path(self) -> Path | None:
        """The store's path once the config is loaded (None before, or if it failed)."""
        return self._config.store.path if self._config is not None else None

    def open_store(self, *, reading: bool = False) -> Store:
        """The store; ``reading=True`` for commands that only read it: a user who may read
        but not write the file then gets it opened read-only instead of an error."""
        path = self.config.store.path
        readonly = reading and path.is_file() and not Store.writable(path)
        return Store.open(path, readonly=readonly)

    def require_write(self, command: str) -> None:
        """Refuse, in one line, a command that writes when the store is read-only here."""
        path = self.config.store.path
        if path.is_file() and not Store.writable(path):
            raise StoreError(f"{path}: `raqib {command}` needs write access to the store (it "
                             "records what it does there); run it as the store's owner")


pass_app = click.make_pass_decorator(App)


def _install_redaction(config: Config) -> None:
    from alerts.redact import install_redaction

    install_redaction(config.secrets())


@click.group(cls=RaqibGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", metavar="PATH", envvar=None,
              help="Config file (default: $RAQIB_CONFIG, else ./raqib.toml, else built-in "
                   "defaults).")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(__version__, prog_name="raqib")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """raqib (رقيب): watch Syrian human-rights sources, archive every report, alert monitors."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ctx.obj = App(config_path, verbose)


@cli.command()
@click.option("--path", "target", default="raqib.toml", show_default=True,
              type=click.Path(dir_okay=False), help="Where to write the file.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(target: str, force: bool) -> None:
    """Write a commented starter raqib.toml."""
    from importlib.resources import files

    from crawler.hints import raqib_command

    path = Path(target)
    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    path.write_text(files("crawler").joinpath("starter.toml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    click.echo(f"wrote {path}; edit the [[sources]] and [[channels]], then run "
               f"`{raqib_command()} crawl`")


@cli.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False,
                                                        allow_dash=True))
@click.option("--lang", type=click.Choice(["en", "ar", "fr"]),
              help="Language of a .txt/.html file (default: detected).")
def classify(file: str | None, lang: str | None) -> None:
    """Classify without storing.

    FILE is JSONL of {"id", "title", "text", "lang"?} (or stdin); one JSONL line is written
    per input with the same id. A .html or .txt FILE is one article.
    """
    from classifiers import classify as run_classifier

    if file and file != "-" and Path(file).suffix.lower() in (".html", ".htm", ".txt"):
        title, text, detected = _read_single_article(Path(file))
        result = run_classifier(title, text, lang or detected)
        _write_json({"id": Path(file).name, **result.to_dict()})
        return
    stream = sys.stdin if not file or file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
    with stream:
        for number, item in _jsonl(stream, file or "stdin"):
            result = run_classifier(item.get("title") or "", item.get("text") or "",
                                    item.get("lang"), item.get("published"))
            _write_json({"id": item.get("id", number), **result.to_dict()})


@cli.command(name="eval")
@click.argument("files", nargs=-1, required=True, metavar="FILE [FILE]...")
@click.option(
    "--folds",
    metavar="source|corpus|N",
    help="Score out of fold, holding out whole sources: one source at a time, one corpus at "
    "a time, or N folds balanced by item count.",
)
@click.option(
    "--split",
    type=click.Choice(["tune", "heldout", "heldout-a", "heldout-b"]),
    help="Score only one fixed part of the sources (by a hash of the source name): a half, "
    "or one of the two halves of the held-out half.",
)
@click.option("--hide-items", is_flag=True, help="Print the scores without the wrong items' ids.")
@click.option(
    "--seal",
    "sealed",
    multiple=True,
    type=click.Choice(["tune", "heldout", "heldout-a", "heldout-b"]),
    help="Score every item but never list the wrong ones of this part of the sources "
    "(repeatable): a part kept for measuring only stays unread.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_(
    ctx: click.Context,
    files: tuple[str, ...],
    folds: str | None,
    split: str | None,
    hide_items: bool,
    sealed: tuple[str, ...],
    as_json: bool,
) -> None:
    """Precision / recall / F1 per label and per language against gold `labels` in the
    FILEs (JSONL corpora, scored together), and fact scores.

    With --folds, the scores are out of fold, with F1 per label per source and the lowest F1
    over folds (see README, "Evaluation").
    """
    from classifiers.eval_folds import (
        assign_folds,
        evaluate_folds,
        in_split,
        parse_folds,
        select_split,
        source_of,
    )
    from classifiers.evaluate import EvalError, evaluate, load_corpora

    try:
        mode = parse_folds(folds) if folds else None
        items = load_corpora(files)
        if split:
            items = select_split(items, split)
        if mode is None:
            report = evaluate(items)
        else:
            report = evaluate_folds(items, assign_folds(items, mode), mode=mode)
    except EvalError as exc:
        click.secho(f"error: {exc}", err=True, fg="red")
        ctx.exit(EXIT_USAGE)
    if sealed:
        hidden = {
            (item.get("corpus"), item.get("id"))
            for item in items
            if any(in_split(source_of(item), part) for part in sealed)
        }
        pooled = report if mode is None else report.pooled
        pooled.seal(lambda wrong: (wrong.get("corpus"), wrong.get("id")) in hidden)
    corpora = dict(Counter(item["corpus"] for item in items))
    if as_json:
        _write_json({"corpora": corpora, "split": split, **report.to_dict(hide_items)})
        return
    half = f" ({split} half of the sources)" if split else ""
    click.echo(", ".join(f"{name}: {n} items" for name, n in corpora.items()) + half)
    click.echo(report.render(hide_items))


@cli.command()
@click.option("--check", is_flag=True,
              help="Probe each source live, the way its spider starts (robots.txt, API, "
                   "feed, listing, taxonomy): one line per source, ok or what is wrong.")
@click.option("--source", "names", multiple=True, metavar="NAME",
              help="With --check: probe only this source (repeatable).")
@pass_app
def sources(app: App, check: bool, names: tuple[str, ...]) -> None:
    """List sources: spider, url, schedule, last run, articles, health."""
    from crawler.config import format_duration

    config = app.config
    if check:
        _check_sources(config, list(names))
        return
    if names:
        raise click.UsageError("--source goes with --check")
    with app.open_store(reading=True) as store:
        rows = []
        for source in config.sources:
            last = store.last_run(source.name)
            health = store.health(source.name)
            schedule = f"cron {source.cron}" if source.cron else (
                f"every {format_duration(source.every)}" if source.every else "-")
            rows.append([
                source.name + ("" if source.enabled else " (disabled)"), source.spider,
                source.url, schedule,
                f"{last['started_at']} {last['status']}" if last else "never",
                str(store.articles_of_source(source.name)),
                health["state"] if health else "new",
            ])
    _table(["source", "spider", "url", "schedule", "last run", "articles", "health"], rows)
    from spiders.catalog import SOURCE_NOTES

    for source in config.sources:
        note = SOURCE_NOTES.get(source.spider)
        if note:
            quiet = format_duration(source.expect_every) if source.expect_every else "never"
            click.echo(f"note: {source.name} {note} (expect_every {quiet})")


def _check_sources(config: Config, names: list[str]) -> None:
    """Print one probe line per source; exit 1 when any is broken."""
    from crawler.probe import check_sources

    results = check_sources(config, names or None)
    for result in results:
        click.echo(result.line())
    broken = [r.source for r in results if not r.ok]
    if broken:
        click.secho(f"error: {len(broken)} of {len(results)} source(s) broken: "
                    f"{', '.join(broken)}", err=True, fg="red")
        click.get_current_context().exit(EXIT_FAILURE)


def _read_single_article(path: Path) -> tuple[str, str, str | None]:
    raw = path.read_bytes()
    if path.suffix.lower() == ".txt":
        text = raw.decode("utf-8", errors="replace")
        title, _, body = text.strip().partition("\n")
        return title.strip(), body.strip() or title, None
    from crawler.errors import ExtractionError
    from crawler.extract import extract

    try:
        extracted = extract(raw, url=path.resolve().as_uri())
    except ExtractionError as exc:
        raise ExtractionError(f"{path}: {exc}") from None
    return extracted.title, extracted.text, extracted.lang


def _jsonl(stream: TextIO, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{name}:{number}: not a JSON object ({exc.msg}); each "
                             "line must be one JSON object") from None
        if not isinstance(item, dict):
            raise UsageError(f"{name}:{number}: not a JSON object")
        yield number, item


def _write_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def _table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


for _module in _COMMAND_MODULES:
    importlib.import_module(_module).register(cli)


def main() -> None:
    cli(prog_name="raqib")
