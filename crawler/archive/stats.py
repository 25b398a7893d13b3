"""``raqib stats``: counts per label per month and per source, and an optional chart of
flagged articles per week by label (matplotlib, the optional ``raqib[chart]`` extra).

The chart is meant for a monitor's report: stacked bars per week (a week without a flagged
article is an empty bar, not a line drawn across it), whole-number counts on the y axis,
the legend outside the plot, and a title naming the period covered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from crawler.archive.store import Store
from crawler.errors import RaqibError
from crawler.models import LABELS


class ChartError(RaqibError):
    """The chart cannot be drawn (matplotlib missing, or nowhere to write it)."""


@dataclass(frozen=True)
class Stats:
    months: list[str]
    by_month: dict[str, dict[str, int]]  # month → label → articles
    sources: list[dict[str, Any]]
    weeks: list[dict[str, Any]]  # {"week", "label", "n"}

    def render(self) -> str:
        labels = [label for label in LABELS
                  if any(label in counts for counts in self.by_month.values())]
        lines = ["Flagged articles per label per month (by publication date, else first seen)"]
        if not self.months:
            lines.append("  (none yet)")
        else:
            lines += _table(["month", *labels],
                            [[month, *(str(self.by_month[month].get(label, 0))
                                       for label in labels)] for month in self.months])
        lines += ["", "Articles per source (duplicates: copies found at the source and folded "
                      "into an article)"]
        columns = ["source", "articles", "flagged", "edited", "removed", "duplicates"]
        rows = [[str(row[c] or 0) if c != "source" else row[c] for c in columns]
                for row in self.sources]
        if len(self.sources) > 1:
            rows.append(["total", *(str(sum(int(row[c] or 0) for row in self.sources))
                                    for c in columns[1:])])
        lines += _table(columns, rows)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"by_month": self.by_month, "sources": self.sources, "weeks": self.weeks}


def collect(store: Store) -> Stats:
    by_month: dict[str, dict[str, int]] = {}
    for row in store.label_month_counts():
        by_month.setdefault(row["month"], {})[row["label"]] = int(row["n"])
    return Stats(months=sorted(by_month), by_month=by_month, sources=store.source_counts(),
                 weeks=store.label_week_counts())


def week_series(stats: Stats) -> tuple[list[date], dict[str, list[int]]]:
    """Every week (its Monday) from the first flagged week to the last, empty weeks
    included, and per label (in LABELS order) its count for each of them."""
    counts: dict[str, dict[date, int]] = {}
    for row in stats.weeks:
        counts.setdefault(row["label"], {})[date.fromisoformat(row["week"])] = int(row["n"])
    found = sorted({week for by_week in counts.values() for week in by_week})
    if not found:
        return [], {}
    weeks = [found[0] + timedelta(weeks=n) for n in range((found[-1] - found[0]).days // 7 + 1)]
    return weeks, {label: [counts[label].get(week, 0) for week in weeks]
                   for label in LABELS if label in counts}


def chart_title(weeks: list[date]) -> str:
    if not weeks:
        return "Flagged articles per week"
    end = weeks[-1] + timedelta(days=6)
    return (f"Flagged articles per week, {_day(weeks[0])} – {_day(end)} "
            f"({len(weeks)} week{'s' if len(weeks) != 1 else ''})")


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


def draw_chart(stats: Stats) -> Any:
    """The weekly chart as a matplotlib Figure (the caller closes it)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        raise ChartError("the chart needs matplotlib: pip install 'raqib[chart]'") from None
    weeks, series = week_series(stats)
    figure, axes = plt.subplots(figsize=(11, 4.8), dpi=100)
    colours = {"torture_death": "#8c1c13", "enforced_disappearance": "#1f4e79",
               "arbitrary_arrest": "#d08c00", "release": "#2e7d32"}
    bottom = [0] * len(weeks)
    for label, values in series.items():
        axes.bar(weeks, values, width=5.5, bottom=bottom, align="edge",
                 label=label.replace("_", " "), color=colours.get(label), edgecolor="white",
                 linewidth=0.5)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_title(chart_title(weeks), loc="left")
    axes.set_ylabel("articles per label")
    axes.set_xlabel("week starting (Monday)")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    axes.set_ylim(0, max([*bottom, 1]) * 1.1)
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    if series:
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y"))
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                    title="label")
    else:
        axes.text(0.5, 0.5, "no flagged articles yet", ha="center", va="center",
                  transform=axes.transAxes)
    figure.tight_layout()
    return figure


def write_chart(stats: Stats, path: Path) -> None:
    """A PNG of flagged articles per week, stacked by label (see the module docstring)."""
    if not path.expanduser().resolve().parent.is_dir():
        raise ChartError(f"{path}: the folder {path.parent} does not exist; create it first")
    figure = draw_chart(stats)
    try:
        figure.savefig(path, format="png", bbox_inches="tight")
    finally:
        import matplotlib.pyplot as plt

        plt.close(figure)


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    out = ["  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    out += ["  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in rows]
    return out
