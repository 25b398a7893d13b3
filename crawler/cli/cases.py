"""``raqib cases``: one record per person across reports; review by merge and split."""

from __future__ import annotations

import json
from typing import Any

import click

from crawler.cli import EXIT_NOTHING, App, pass_app
from crawler.errors import UsageError

_STATUSES = ("arrested", "disappeared", "released", "died")


class _CasesGroup(click.Group):
    """``raqib cases [QUERY]`` lists; ``raqib cases show|merge|split|relink ...`` act. A
    first word that is no subcommand is the query."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


def register(cli: click.Group) -> None:
    cli.add_command(cases)


@click.group(cls=_CasesGroup)
def cases() -> None:
    """Cases: one record per person across sources, languages and scripts.

    \b
    raqib cases [QUERY] [--json]   list cases (QUERY: a name in any script or spelling)
    raqib cases show ID            names, status timeline and reports of one case
    raqib cases merge A B          record that two cases are one person
    raqib cases split ID URL       record that the report at URL is someone else
    raqib cases relink             rebuild every case from the stored articles
    """


@cases.command(name="list", hidden=True)
@click.argument("query", required=False, default="")
@click.option("--status", type=click.Choice(_STATUSES), help="Only cases with this status.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000),
              help="Most cases shown.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of cases.")
@click.pass_context
@pass_app
def list_(app: App, ctx: click.Context, query: str, status: str | None, limit: int,
          as_json: bool) -> None:
    """List cases, most reports first; QUERY is a name in any script or spelling, part of
    one, or a case id."""
    from crawler.cases.query import find_cases, to_json

    with app.open_store(reading=True) as store:
        found = find_cases(store, query, status=status, limit=limit)
    if as_json:
        click.echo(json.dumps([to_json(c) for c in found], ensure_ascii=False, indent=1))
        return
    if not found:
        click.echo("no case matches" if query else "no cases yet (cases are built from the "
                   "victims named in stored reports)", err=True)
        ctx.exit(EXIT_NOTHING)
    for case in found:
        click.echo(_line(case))


def _line(case: dict[str, Any]) -> str:
    others = [n for n in case["names"] if n != case["name"]]
    also = f"  (also {'; '.join(others[:3])})" if others else ""
    status = case["status"] or "-"
    since = case["status_date"] or ""
    reports = f"{case['reports']} report{'s' if case['reports'] != 1 else ''}"
    return (f"#{case['id']:<5} {status:<12} {since:<10}  {reports:<10} "
            f"{case['name']}{also}")


@cases.command()
@click.argument("case_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the case as one JSON object.")
@pass_app
def show(app: App, case_id: int, as_json: bool) -> None:
    """Show one case: every name as written, the status timeline and the reports."""
    from crawler.cases.query import case_detail, to_json
    from crawler.cases.timeline import grouped
    from crawler.urls import display_url

    with app.open_store(reading=True) as store:
        case = case_detail(store, case_id)
    if case is None:
        raise UsageError(f"no case {case_id}; list them with `raqib cases`")
    if as_json:
        click.echo(json.dumps({**to_json(case), "reports_list": case["reports_list"]},
                              ensure_ascii=False, indent=1))
        return
    click.echo(f"Case #{case['id']}: {case['name']}")
    click.echo(f"Names as written: {'; '.join(case['names'])}")
    status = case["status"] or "no status reported"
    click.echo(f"Status: {status}" + (f" ({case['status_date']})" if case["status"] else ""))
    if case["governorate"]:
        click.echo(f"Governorate: {case['governorate']}")
    click.echo("")
    click.echo("Timeline:")
    if not case["timeline"]:
        click.echo("  (the reports tell no arrest, disappearance, death or release)")
    for line in grouped(case["timeline"]):
        click.echo(f"  {line.when:<12} {line.status:<12} {', '.join(line.sources)}")
    click.echo("")
    click.echo(f"Reports ({len(case['reports_list'])}):")
    for report in case["reports_list"]:
        names = "; ".join(report["names"])
        click.echo(f"  {(report['published'] or '')[:10]:<10}  {report['source']} "
                   f"({report['lang']}), names {names}: {report['title']}")
        click.echo(f"    {display_url(report['url'])}")


@cases.command()
@click.argument("first", metavar="A", type=int)
@click.argument("second", metavar="B", type=int)
@pass_app
def merge(app: App, first: int, second: int) -> None:
    """Record that cases A and B are one person; every later relinking keeps them together."""
    from crawler.cases.review import merge as do_merge

    app.require_write("cases merge")
    with app.open_store() as store:
        outcome = do_merge(store, first, second)
    if len(outcome.case_ids) > 1:
        raise UsageError(f"cases {first} and {second} share a report, and one report names "
                         "each person once; the merge is recorded but cannot hold")
    click.echo(f"merged into case #{outcome.case_ids[0]}")


@cases.command()
@click.argument("case_id", metavar="ID", type=int)
@click.argument("url")
@pass_app
def split(app: App, case_id: int, url: str) -> None:
    """Record that the report at URL is not about the person of case ID; every later
    relinking keeps it apart."""
    from crawler.cases.review import split as do_split

    app.require_write("cases split")
    with app.open_store() as store:
        outcome = do_split(store, case_id, url)
    moved, *rest = outcome.case_ids
    click.echo(f"the report is now in case #{moved}" +
               (f"; the others stay in case #{rest[0]}" if rest else ""))


@cases.command()
@pass_app
def relink(app: App) -> None:
    """Rebuild every case from the stored articles (after an upgrade), keeping reviewers'
    decisions."""
    from crawler.cases.linker import relink_all

    app.require_write("cases relink")
    with app.open_store() as store:
        count = relink_all(store)
    click.echo(f"{count} case(s)")
