"""Digests: counts, grouping by label then source, each flagged report once, RTL, sending."""

from __future__ import annotations

import re
from datetime import timedelta

from support.smtp import SmtpServer

from alerts.digest import build_digests, send_digests
from alerts.dispatch import dispatch_pending
from crawler.archive.store import utcnow

DEATH = "A detainee died under torture in a prison in Homs, a relative said on Sunday."
ARREST = "Security forces arrested a teacher at a checkpoint near Hama and took him away."
GONE = "His family says his fate has been unknown since he was taken to a security branch."
AR_ARREST = "اعتقلت قوات الأمن شاباً من مدينة درعا على حاجز عسكري واقتادته إلى جهة مجهولة."


def fill(config, add):
    add(config, title="Detainee dies in Homs prison", sentence=DEATH, labels=("torture_death",),
        published="2025-03-01")
    add(config, title="Second death in custody", sentence=DEATH, labels=("torture_death",),
        source="sohr-en", published="2025-03-03")
    add(config, title="Teacher arrested near Hama", sentence=ARREST,
        labels=("arbitrary_arrest",), published="2025-03-02")
    add(config, title="Teacher missing after arrest", sentence=GONE,
        labels=("enforced_disappearance", "arbitrary_arrest"), published="2025-03-04")
    add(config, title="اعتقال شاب في درعا", sentence=AR_ARREST, labels=("arbitrary_arrest",),
        source="snhr-ar", lang="ar", published="2025-03-05")
    add(config, title="Shelling damages shops in Ariha", sentence="Shells hit a street.",
        labels=())


def test_digest_files_each_report_under_every_label_and_counts_agree(store, make_config, add):
    config = make_config([{"name": "daily", "url": "console://", "mode": "digest"}])
    fill(config, add)
    [digest] = build_digests(store, config)
    assert digest.counts() == {"torture_death": 2, "enforced_disappearance": 1,
                               "arbitrary_arrest": 3}
    assert digest.counts_line() == "2 deaths under torture, 1 enforced disappearance, 3 arrests"

    text = digest.render_text()
    html = digest.render_html()
    markdown = digest.render_markdown()
    for rendered in (text, html, markdown):
        assert rendered.count("Detainee dies in Homs prison") == 1
        # two labels, so listed under both: in full once, then as a reference
        assert rendered.count("Teacher missing after arrest") == 2
        assert re.sub(r"<[^>]+>", "", rendered).count("in full under Enforced disappearances") == 1
        assert rendered.count("اعتقال شاب في درعا") == 1
        assert "Shelling" not in rendered
        assert "5 reports: 2 deaths under torture" in rendered
        assert "listed under each" in rendered
    assert text.index("2 deaths under torture") < text.index("== Deaths under torture (2) ==")
    sections = re.findall(r"== (.+?) \((\d+)\) ==", text)
    assert sections == [("Deaths under torture", "2"), ("Enforced disappearances", "1"),
                        ("Arrests", "3")]
    # every section holds as many reports as its heading (and the headline) says
    for title, count in sections:
        body = text.split(f"== {title} ({count}) ==")[1].split("\n== ")[0]
        assert body.count("Link:") == int(count), title
    deaths = text.split("== Enforced")[0]
    assert deaths.index("-- snhr-en --") < deaths.index("-- sohr-en --")
    arrests = text.split("== Arrests")[1]
    assert arrests.index("-- snhr-ar --") < arrests.index("-- snhr-en --")
    assert "## Arrests (3)" in markdown
    assert "### snhr\\-ar" in markdown
    arabic = re.search(r'<div dir="(\w+)" lang="ar"[^>]*><a href="[^"]+">اعتقال شاب', html)
    assert arabic
    assert arabic.group(1) == "rtl"
    assert html.count('href="https://') == 6
    assert "\u200fاعتقال شاب في درعا" in text
    assert "Content note" in text


def test_release_after_arrest_is_listed_under_releases(store, make_config, add):
    config = make_config([{"name": "daily", "url": "console://", "mode": "digest"}])
    add(config, title="Lawyer set free from Adra prison",
        sentence="The lawyer was released on Tuesday, eight months after his arrest.",
        labels=("arbitrary_arrest", "release"))
    add(config, title="Engineer detained in Homs", sentence=ARREST, labels=("arbitrary_arrest",))
    [digest] = build_digests(store, config)
    text = digest.render_text()
    assert "2 reports: 2 arrests, 1 release" in text
    releases = text.split("== Releases (1) ==")[1]
    assert "Lawyer set free from Adra prison" in releases
    assert "  > The lawyer was *released*" in releases  # in full where the news is
    assert "Engineer detained" not in releases
    arrests = text.split("== Arrests (2) ==")[1].split("== Releases")[0]
    assert "Lawyer set free from Adra prison\nsnhr-en | 2025-03-04 | in full under Releases" \
        in arrests
    assert "Engineer detained" in arrests
    html = digest.render_html()
    ref = re.search(r'in full under <a href="#(report-\d+)">Releases</a>', html)
    assert ref
    assert html.count(f'id="{ref.group(1)}"') == 1


def test_html_digest_has_a_summary_table_and_rtl_layout(store, make_config, add):
    config = make_config([{"name": "daily", "url": "console://", "mode": "digest"}])
    fill(config, add)
    add(config, title="Student released in Daraa", sentence=AR_ARREST,
        labels=("release",), source="snhr-ar", lang="ar",
        facts={"victims": ["محمد الحوراني"], "governorate": "Daraa"})
    html = build_digests(store, config)[0].render_html()
    table = html[html.index('<table class="summary"'):html.index("</table>")]
    assert html.index('<table class="summary"') < html.index('<h2 class="label"')
    rows = re.findall(r'<a href="#(label-\w+)">([^<]+)</a></td><td[^>]*>(\d+)</td>', table)
    assert rows == [("label-torture_death", "Deaths under torture", "2"),
                    ("label-enforced_disappearance", "Enforced disappearances", "1"),
                    ("label-arbitrary_arrest", "Arrests", "3"),
                    ("label-release", "Releases", "1")]
    for anchor, _, _ in rows:
        assert f'id="{anchor}"' in html
    # the quote bar stands on the right of a right-to-left quote, on the left otherwise
    rtl_quote = re.search(r'<blockquote dir="rtl"[^>]*style="([^"]+)"', html).group(1)
    assert "border-right:3px" in rtl_quote
    assert "border-inline-start:3px" in rtl_quote
    ltr_quote = re.search(r'<blockquote dir="ltr"[^>]*style="([^"]+)"', html).group(1)
    assert "border-left:3px" in ltr_quote
    # an Arabic name sits in a left-to-right row, right next to its label
    assert re.search(r'>Victims</td><td style="text-align:left"><bdi dir="rtl" lang="ar">'
                     r"محمد الحوراني</bdi></td>", html)


def test_newest_first_within_a_source(store, make_config, add):
    config = make_config([{"name": "daily", "url": "console://", "mode": "digest"}])
    add(config, title="Older arrest report", sentence=ARREST, labels=("arbitrary_arrest",),
        published="2025-01-01")
    add(config, title="Newer arrest report", sentence=ARREST, labels=("arbitrary_arrest",),
        published="2025-02-01")
    text = build_digests(store, config)[0].render_text()
    assert text.index("Newer arrest report") < text.index("Older arrest report")


def test_send_digest_marks_rows_and_nothing_new_sends_nothing(store, make_config, add):
    with SmtpServer() as smtp:
        config = make_config([{"name": "daily", "url": smtp.url(), "mode": "digest"}])
        fill(config, add)
        report = send_digests(store, config)
        assert report.sent == 5
        assert report.messages == 1
        assert smtp.count == 1
        message = smtp.messages[0]
        assert "2 deaths under torture" in str(message["Subject"])
        html = message.get_body(("html",)).get_content()
        plain = message.get_body(("plain",)).get_content()
        assert 'dir="rtl"' in html
        assert "Teacher arrested near Hama" in plain
        assert_plain_is_raqibs_own_text(plain, html)
        digest_ids = {row["digest_id"] for row in store.query("SELECT digest_id FROM alerts")}
        assert digest_ids == {store.last_digest("daily")["id"]}
        assert send_digests(store, config).messages == 0
        assert smtp.count == 1

        config = make_config([{"name": "daily", "url": smtp.url(), "mode": "digest"}],
                             digest={"send_empty": True})
        assert send_digests(store, config).messages == 1
        assert "nothing new" in str(smtp.messages[-1]["Subject"])


def test_failed_digest_is_retried_by_dispatch(store, make_config, add):
    smtp = SmtpServer()
    config = make_config([{"name": "daily", "url": smtp.url(), "mode": "digest"}])
    fill(config, add)
    report = send_digests(store, config)
    assert report.retrying == 5
    with smtp:
        assert dispatch_pending(store, config, mode="digest").messages == 0  # back-off
        later = utcnow() + timedelta(hours=1)
        assert dispatch_pending(store, config, now=later, mode="digest").sent == 5
        assert smtp.count == 1
    assert store.alert_states() == {"sent": 5}


def assert_plain_is_raqibs_own_text(plain: str, html: str) -> None:
    """The text/plain part is raqib's .txt rendering: every link the HTML part has, quotes on
    lines of their own, facts one per line."""
    links = set(re.findall(r'href="(https://[^"#]+)"', html))
    assert links
    for link in links:
        assert f"Link:           {link}" in plain
    assert "== Arrests (3) ==" in plain
    quotes = [line for line in plain.splitlines() if line.lstrip("\u200f ").startswith("> ")]
    assert len(quotes) == 5  # one per report: a report is in full once


def test_immediate_email_plain_part_is_raqibs_text(store, make_config, add):
    with SmtpServer() as smtp:
        config = make_config([{"name": "desk", "url": smtp.url()}])
        add(config, title="Pharmacist detained in Idlib", sentence=ARREST,
            labels=("arbitrary_arrest",), facts={"governorate": "Idlib"},
            url="https://snhr-en.example.org/news/pharmacist")
        assert dispatch_pending(store, config).sent == 1
        [message] = smtp.messages
        plain = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert "Link:           https://snhr-en.example.org/news/pharmacist" in plain
        assert "Place:          Idlib" in plain
        assert "  > Security forces *arrested* a teacher" in plain
        assert "<" not in plain
        assert 'href="https://snhr-en.example.org/news/pharmacist"' in html
