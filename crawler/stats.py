"""``raqib stats``: counts per label per month and per source, and an optional chart of
flagged articles per week by label (matplotlib, the optional ``raqib[chart]`` extra)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from crawler.errors import RaqibError
from crawler.models import LABELS
from crawler.store import Store


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
        lines += ["", "Articles per source"]
        columns = ["source", "articles", "flagged", "edited", "removed", "duplicates"]
        lines += _table(columns, [[str(row[c] or 0) if c != "source" else row[c]
                                   for c in columns] for row in self.sources])
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"by_month": self.by_month, "sources": self.sources, "weeks": self.weeks}


def collect(store: Store) -> Stats:
    by_month: dict[str, dict[str, int]] = {}
    for row in store.label_month_counts():
        by_month.setdefault(row["month"], {})[row["label"]] = int(row["n"])
    return Stats(months=sorted(by_month), by_month=by_month, sources=store.source_counts(),
                 weeks=store.label_week_counts())


def write_chart(stats: Stats, path: Path) -> None:
    """A PNG line chart of flagged articles per week, one line per label."""
    if not path.expanduser().resolve().parent.is_dir():
        raise ChartError(f"{path}: the folder {path.parent} does not exist; create it first")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ChartError("the chart needs matplotlib: pip install 'raqib[chart]'") from None
    weeks = sorted({row["week"] for row in stats.weeks})
    series: dict[str, dict[str, int]] = {}
    for row in stats.weeks:
        series.setdefault(row["label"], {})[row["week"]] = int(row["n"])
    figure, axes = plt.subplots(figsize=(10, 4.5), dpi=100)
    try:
        x = [date.fromisoformat(week) for week in weeks]
        for label in [label for label in LABELS if label in series]:
            axes.plot(x, [series[label].get(week, 0) for week in weeks], marker="o",
                      markersize=3, label=label.replace("_", " "))
        axes.set_title("Flagged articles per week")
        axes.set_ylabel("articles")
        axes.grid(alpha=0.3)
        if series:
            axes.legend(loc="upper left")
        else:
            axes.text(0.5, 0.5, "no flagged articles yet", ha="center", va="center",
                      transform=axes.transAxes)
        figure.autofmt_xdate()
        figure.tight_layout()
        figure.savefig(path, format="png")
    finally:
        plt.close(figure)


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    out = ["  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    out += ["  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in rows]
    return out
