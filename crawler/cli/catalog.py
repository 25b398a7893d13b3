"""``raqib catalog`` and ``raqib catalog show NAME``: Syrian sources beyond the built-ins."""

from __future__ import annotations

import textwrap

import click

from crawler.catalog import entries, find, source_block
from crawler.cli import _table


def register(cli: click.Group) -> None:
    cli.add_command(catalog)


@click.group(invoke_without_command=True)
@click.pass_context
def catalog(ctx: click.Context) -> None:
    """Syrian sources beyond the built-ins: site, languages, spider, what they cover."""
    if ctx.invoked_subcommand is not None:
        return
    rows = [[e.name, e.spider, ",".join(e.languages), e.url] for e in entries()]
    _table(["name", "spider", "langs", "url"], rows)
    click.echo("\n`raqib catalog show NAME` describes one and prints its [[sources]] block; "
               "entry points marked unverified are confirmed live by `raqib sources --check`.")


@catalog.command()
@click.argument("name")
@click.option("--block-only", is_flag=True, help="Print only the [[sources]] block.")
def show(name: str, block_only: bool) -> None:
    """Describe catalogue entry NAME and print its [[sources]] block for raqib.toml."""
    entry = find(name)
    if not block_only:
        wrap = textwrap.TextWrapper(width=92, initial_indent="  ", subsequent_indent="  ")
        click.echo(f"{entry.title} ({entry.site}; languages: {', '.join(entry.languages)})")
        for heading, text in (("covers", entry.covers), ("known", entry.known),
                              ("unverified", entry.unverified)):
            click.echo(f"{heading}:")
            click.echo(wrap.fill(text))
        click.echo("")
    click.echo(source_block(entry), nl=False)
