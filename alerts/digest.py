"""Digests: one message per digest channel per period, grouped by label then source.

A report is listed under every label it carries (a release that follows an arrest is under
Arrests and under Releases), so each section's count is the headline count for that label;
the headline also gives the number of distinct reports. It is shown in full once, under its
most telling label (``FULL_UNDER``: a death before a disappearance, a release before the
arrest it ends), and as a one-line reference with its link in the other sections.

``build_digests`` only reads (``raqib digest`` prints it); ``send_digests`` claims the rows,
sends one message per channel and marks the rows sent with the digest's id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from alerts.outbox import DispatchReport, owner_id, record_result, release_stale
from alerts.render import (
    CONTENT_NOTE,
    Item,
    Message,
    label_name,
    make_item,
    one_line,
    render_article,
    render_case,
    render_health,
    safe_url,
    templates,
)
from alerts.transport import send
from crawler.archive.store import Store, utcnow
from crawler.config import ChannelConfig, Config
from crawler.models import LABELS

DIGEST_BATCH = 2000
# Where a report with several labels is shown in full (the other sections refer to it).
FULL_UNDER = ("torture_death", "enforced_disappearance", "release", "arbitrary_arrest")


@dataclass(frozen=True)
class Entry:
    """A report in one section: in full, or a reference to the section that shows it."""

    item: Item
    see: str = ""  # the title of the section holding the full entry; empty = this one
    see_anchor: str = ""


@dataclass(frozen=True)
class SourceGroup:
    source: str
    entries: tuple[Entry, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(entry.item for entry in self.entries)


@dataclass(frozen=True)
class LabelGroup:
    label: str
    title: str
    count: int
    sources: tuple[SourceGroup, ...]

    @property
    def anchor(self) -> str:
        return f"label-{self.label or 'other'}"

    @property
    def per_source(self) -> str:
        """``snhr-en 2, sohr-en 1``: the summary table's breakdown."""
        return ", ".join(f"{group.source} {len(group.items)}" for group in self.sources)


@dataclass(frozen=True)
class Notice:
    """A line under Notices (a removal, a source-health change), with its link if any."""

    text: str
    url: str | None = None


@dataclass
class Digest:
    """The reports a digest channel has not been told about yet."""

    channel: str
    items: list[Item]
    period_start: datetime | None
    period_end: datetime
    timezone: str = "UTC"
    content_note: bool = True
    notices: list[Notice] = field(default_factory=list)
    alert_ids: list[int] = field(default_factory=list)
    heading: str | None = None  # set for an immediate channel's "and N more" summary

    @property
    def empty(self) -> bool:
        return not self.items and not self.notices

    def counts(self) -> dict[str, int]:
        """Reports per label (a report with two labels counts in both)."""
        counts = {label: 0 for label in LABELS}
        for item in self.items:
            for label in item.labels:
                counts[label] = counts.get(label, 0) + 1
        return {label: n for label, n in counts.items() if n}

    def counts_line(self) -> str:
        return ", ".join(f"{n} {label_name(label, n)}" for label, n in self.counts().items())

    @property
    def multi_labelled(self) -> int:
        """How many reports carry more than one label (each is listed once per label)."""
        return sum(1 for item in self.items if len(item.labels) > 1)

    def groups(self) -> list[LabelGroup]:
        """A section per label (LABELS order) holding every report with that label, then by
        source; reports without a label under "Other". Each report is in full under its
        ``full_label`` and a reference elsewhere."""
        groups: list[LabelGroup] = []
        for label in [*LABELS, ""]:
            under = [item for item in self.items
                     if (label in item.labels if label else not item.labels)]
            if not under:
                continue
            sources = sorted({item.source for item in under})
            groups.append(LabelGroup(
                label=label,
                title=_section_title(label),
                count=len(under),
                sources=tuple(SourceGroup(s, tuple(_entry(i, label) for i in under
                                                   if i.source == s))
                              for s in sources)))
        return groups

    def message(self) -> Message:
        zone = ZoneInfo(self.timezone)
        end = self.period_end.astimezone(zone)
        start = self.period_start.astimezone(zone) if self.period_start else None
        period = (f"{start:%d %b %Y %H:%M} – {end:%d %b %Y %H:%M}" if start
                  else f"until {end:%d %b %Y %H:%M}") + f" ({self.timezone})"
        counts = self.counts_line()
        heading = self.heading or f"raqib digest, {end:%d %b %Y}"
        subject = f"{heading}: {counts}" if counts else f"{heading}: nothing new"
        context = {
            "subject": one_line(subject, 200),
            "heading": heading,
            "period": period,
            "counts_line": counts,
            "total": len(self.items),
            "multi_labelled": self.multi_labelled,
            "groups": self.groups(),
            "notices": self.notices,
            "note": CONTENT_NOTE if self.content_note and any(
                "torture_death" in item.labels for item in self.items) else "",
            "summary": self.heading is not None,
        }
        return templates().render("digest", context)

    def render_text(self) -> str:
        return self.message().text

    def render_html(self) -> str:
        return self.message().html or ""

    def render_markdown(self) -> str:
        return self.message().markdown or ""


def full_label(item: Item) -> str:
    """The section where a report is shown in full."""
    return next((label for label in FULL_UNDER if label in item.labels), item.primary)


def _section_title(label: str) -> str:
    return label_name(label, 2).capitalize() if label else "Other"


def _entry(item: Item, label: str) -> Entry:
    home = full_label(item)
    if not label or home == label:
        return Entry(item)
    return Entry(item, see=_section_title(home), see_anchor=f"label-{home}")


def digest_from_rows(store: Store, config: Config, channel: str, rows: Sequence[dict[str, Any]],
                     *, now: datetime, heading: str | None = None) -> Digest:
    """A digest (or summary) of these outbox rows: one entry per article, newest first."""
    articles = store.alert_articles(rows)
    labels_of: dict[int, set[str]] = {}
    notices: list[Notice] = []
    for row in rows:
        labels = _json_list(row["labels"])
        article_id = row.get("article_id")
        if row["kind"] in ("article", "update") and article_id in articles:
            labels_of.setdefault(article_id, set()).update(labels)
        elif row["kind"] == "health":
            notices.append(Notice(render_health(_json_dict(row.get("payload"))).title))
        elif row["kind"] == "case":
            article = articles.get(article_id) if article_id is not None else None
            notices.append(Notice(render_case(_json_dict(row.get("payload")), article).title,
                                  safe_url((article or {}).get("link")
                                           or (article or {}).get("url"))))
        else:
            article = articles.get(article_id) if article_id is not None else None
            title = render_article(article, labels, kind=row["kind"], content_note=False,
                                   payload=_json_dict(row.get("payload"))).title
            notices.append(Notice(title, safe_url((article or {}).get("url"))))

    def newest(article_id: int) -> str:
        article = articles[article_id]
        return str(article.get("published") or article.get("first_seen") or "")

    ordered = sorted(labels_of, key=newest, reverse=True)
    last = store.last_digest(channel)
    return Digest(
        channel=channel,
        items=[make_item(articles[a], sorted(labels_of[a]), max_evidence=1,
                         evidence_first=FULL_UNDER) for a in ordered],
        period_start=datetime.fromisoformat(last["sent_at"]) if last and heading is None
        else None,
        period_end=now,
        timezone=config.digest.timezone,
        content_note=config.alerts.content_note,
        notices=notices,
        alert_ids=[row["id"] for row in rows],
        heading=heading,
    )


def build_digests(store: Store, config: Config, *, now: datetime | None = None) -> list[Digest]:
    """One digest per digest channel that has pending digest alerts (nothing is claimed)."""
    moment = now or utcnow()
    digests = []
    for channel in _digest_channels(config):
        rows = store.pending_alerts(channel=channel.name, mode="digest")
        if rows:
            digests.append(digest_from_rows(store, config, channel.name, rows, now=moment))
    return digests


def send_digests(store: Store, config: Config, *, now: datetime | None = None) -> DispatchReport:
    """Send each digest channel its digest; nothing new → nothing sent, unless
    ``[digest].send_empty``."""
    moment = now or utcnow()
    report = DispatchReport(released=release_stale(store, moment))
    for channel in _digest_channels(config):
        send_channel_digest(store, config, channel, report, now=moment,
                            send_empty=config.digest.send_empty)
    return report


def send_channel_digest(store: Store, config: Config, channel: ChannelConfig,
                        report: DispatchReport, *, now: datetime, send_empty: bool) -> None:
    rows = store.claim_alerts(owner=owner_id(), mode="digest", channel=channel.name, now=now,
                              limit=DIGEST_BATCH, due_only=False)
    if not rows and not send_empty:
        return
    try:
        digest = digest_from_rows(store, config, channel.name, rows, now=now)
        message = digest.message()
        digest_id = store.start_digest(channel.name, len(digest.items))
        result = send(channel, message.title, message.text, message.html, message.markdown)
    except BaseException:
        store.unclaim_alerts([row["id"] for row in rows])
        raise
    record_result(store, config, channel.name, rows, result, report, now=now,
                  digest_id=digest_id)
    if result.ok:
        store.finish_digest(digest_id)


def _digest_channels(config: Config) -> list[ChannelConfig]:
    return [channel for channel in config.channels if channel.mode == "digest"]


def _json_list(value: Any) -> list[str]:
    import json

    decoded = json.loads(value) if isinstance(value, str) else value
    return list(decoded or [])


def _json_dict(value: Any) -> dict[str, Any]:
    import json

    decoded = json.loads(value) if isinstance(value, str) else value
    return dict(decoded or {})
