"""The watchlist end to end with real processes: loopback mirror sites, `raqib crawl`,
`raqib watch`, and real webhook servers; then every other surface is searched for the name."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.webhook import WebhookServer

from crawler.archive.browse import metadata_for
from crawler.archive.store import Store
from crawler.demo import write_demo_config
from crawler.mirror import Mirrors
from crawler.samples import parse_sample

# The family types the name in Latin script; one report spells it otherwise, the other
# writes it in Arabic. The typed spelling itself is in no report.
TYPED = "Nizar Fayez al-Qudsi"
NOTE = "our son, taken in 2019"

EN_PARAGRAPHS = [
    "Security personnel arrested Nizar Fayiz el-Koudsi, a 34-year-old teacher from Hama city, "
    "at a checkpoint at the entrance to Masyaf on April 28, 2025, and took him to an unknown "
    "place.",
    "His family has asked every security branch in the city about him and has received no "
    "answer; no charge has been announced and no lawyer has been allowed to see him.",
    "The network calls on the authorities to reveal where he is held and to release everyone "
    "detained without a warrant.",
]
AR_PARAGRAPHS = [
    "محافظة حماة - المرصد السوري لحقوق الإنسان: لا يزال مصير المعلم نزار فايز القدسي مجهولاً "
    "بعد أكثر من شهرين على اعتقاله عند حاجز على مدخل مدينة مصياف.",
    "وقالت مصادر المرصد إن عائلته طرقت أبواب الأفرع الأمنية كلها دون أن تحصل على أي معلومة عن "
    "مكان احتجازه أو التهمة الموجهة إليه.",
    "ويطالب المرصد السوري بالكشف عن مصير المعتقلين وإطلاق سراح كل من اعتقل دون مذكرة قضائية.",
]


def sample_toml(site: str, lang: str, number: int, slug: str, published: str, title: str,
                paragraphs: list[str], label: str, victim: str) -> str:
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    return "\n".join([
        f"site = {q(site)}", f"lang = {q(lang)}", f"id = {number}", f"slug = {q(slug)}",
        f"published = {q(published)}", f"title = {q(title)}", 'categories = ["Detainees"]',
        f"paragraphs = [{', '.join(q(p) for p in paragraphs)}]",
        f"expected_labels = [{q(label)}]", "[expected_facts]", f"victims = [{q(victim)}]", ""])


ENGLISH = sample_toml("snhr", "en", 990101, "teacher-from-hama-arrested-at-checkpoint",
                      "2025-05-02T10:00:00+03:00",
                      "Teacher from Hama arrested at a checkpoint near Masyaf", EN_PARAGRAPHS,
                      "arbitrary_arrest", "Nizar Fayiz el-Koudsi")
ARABIC = sample_toml("sohr", "ar", 990202, "مصير-مجهول-لمعلم-من-حماة",
                     "2025-07-10T12:00:00+03:00", "مصير مجهول لمعلم من حماة بعد شهرين على اعتقاله",
                     AR_PARAGRAPHS, "enforced_disappearance", "نزار فايز القدسي")


def raqib(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("raqib")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "crawler.cli"]
    return subprocess.run([*command, "--config", str(config), *args], capture_output=True,
                          text=True, timeout=600, check=False)


@pytest.fixture
def world(tmp_path):
    samples = [parse_sample("snhr-en-91.toml", ENGLISH), parse_sample("sohr-ar-91.toml", ARABIC)]
    with Mirrors(samples, hidden={"sohr-ar-91"}) as mirrors, WebhookServer() as family, \
            WebhookServer(token="desk-token-0000") as desk:
        wanted = [s for s in mirrors.sources() if s["name"] in ("snhr-en", "sohr-ar")]
        config = write_demo_config(tmp_path, wanted)
        text = config.read_text(encoding="utf-8").split("[[channels]]", 1)[0]
        text += f"""
[[channels]]
name = "family"
url = "{family.url()}"
mode = "immediate"
labels = ["release"]
sources = ["snhr-en"]

[[channels]]
name = "desk"
url = "{desk.url()}"
mode = "immediate"
"""
        config.write_text(text, encoding="utf-8")
        yield mirrors, family, desk, config


def test_watched_person_alerts_once_per_report_and_nowhere_else(world, tmp_path):
    mirrors, family, desk, config = world
    outputs: list[str] = []

    def run(*args: str, code: int = 0) -> str:
        done = raqib(config, *args)
        assert done.returncode == code, (args, done.stdout, done.stderr)
        outputs.append(done.stderr)
        return done.stdout

    # 1. The English report is archived before anyone watches the name.
    run("-vv", "crawl", "--source", "snhr-en")
    assert family.accepted == []
    assert len(desk.accepted) == 1

    # 2. `watch add` lists it and queues its alert, whatever the channel's filters.
    added = raqib(config, "watch", "add", TYPED, "--channel", "family", "--note", NOTE)
    assert added.returncode == 0, added.stderr
    assert "watching entry 1" in added.stdout
    assert "1 stored report(s) name this person" in added.stdout
    assert "Teacher from Hama arrested at a checkpoint near Masyaf" in added.stdout
    assert mirrors.url_of("snhr-en-91") in added.stdout
    assert "1 alert(s) queued" in added.stdout

    # 3. The Arabic report appears; the next crawl sends both, one message per report.
    mirrors.publish("sohr-ar-91")
    run("-vv", "crawl")
    assert len(family.accepted) == 2
    bodies = [m["message"] for m in family.accepted]
    assert all(TYPED in body and NOTE in body for body in bodies)
    assert sum("Masyaf" in m["title"] for m in family.accepted) == 1
    assert sum("مصير مجهول لمعلم من حماة" in m["title"] for m in family.accepted) == 1
    assert all(TYPED not in m["title"] for m in family.accepted)

    # 4. Re-crawls send nothing more.
    run("-vv", "crawl")
    run("crawl", "--recheck")
    assert len(family.accepted) == 2

    listed = run("watch", "list")
    assert TYPED in listed
    assert "2 sent" in listed

    # 5. The name is nowhere else: the other channel, the logs, exports, the other commands,
    #    Datasette's metadata and the store's files.
    assert len(desk.accepted) == 2
    seen_elsewhere = [json.dumps(m, ensure_ascii=False) for m in desk.accepted]
    for fmt in ("jsonl", "csv", "warc"):
        out = tmp_path / f"export.{fmt}"
        run("export", "--format", fmt, "--out", str(out))
        seen_elsewhere.append(out.read_bytes().decode("utf-8", "replace"))
    seen_elsewhere += [run("search", "Masyaf"), run("search", "القدسي"), run("status"),
                       run("stats"), run("sources"),
                       run("show", mirrors.url_of("snhr-en-91"))]
    store_path = tmp_path / "raqib.db"
    seen_elsewhere.append(json.dumps(metadata_for(store_path), ensure_ascii=False))
    with Store.open(store_path) as store:
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in tmp_path.iterdir():
        if path.is_file() and path.name.startswith("raqib.db"):
            seen_elsewhere.append(path.read_bytes().decode("utf-8", "replace"))
    seen_elsewhere += outputs  # every crawl's log, at DEBUG
    assert any("DEBUG" in log for log in outputs)
    for seen in seen_elsewhere:
        assert TYPED not in seen
        assert NOTE not in seen
    assert (tmp_path / "raqib.watch.db").stat().st_mode & 0o077 == 0

    # 6. Removed: the record of its alerts goes too, and a new report is not sent.
    removed = run("watch", "remove", "1")
    assert "2 alert record(s) deleted" in removed
    assert "the watchlist is empty" in run("watch", "list")
    with Store.open(store_path) as store:
        assert store.query("SELECT count(*) AS n FROM alerts WHERE kind = 'watch'") == [
            {"n": 0}]


def test_import_keeps_the_good_rows_and_names_the_bad_ones(world, tmp_path):
    mirrors, family, desk, config = world
    raqib(config, "crawl", "--source", "snhr-en")
    sheet = tmp_path / "people.csv"
    sheet.write_text("name,channel,note\n"
                     f"{TYPED},family,{NOTE}\n"
                     "Nizar,family,\n"
                     "Samira Adel Khatib,nowhere,\n"
                     "سامر يوسف الحمصي,desk,\n", encoding="utf-8")
    done = raqib(config, "watch", "import", str(sheet))
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert errors[0].startswith("error: people.csv: row 3:")
    assert errors[1].startswith("error: people.csv: row 4:")
    assert "nowhere" in errors[1]
    assert "imported 2 name(s); 2 bad row(s) skipped" in done.stdout
    assert "1 alert(s) queued" in done.stdout
    listed = raqib(config, "watch", "list").stdout
    assert TYPED in listed
    assert "سامر يوسف الحمصي" in listed
    flushed = raqib(config, "alerts", "flush")
    assert flushed.returncode == 0, flushed.stderr
    assert len(family.accepted) == 1
    assert TYPED in family.accepted[0]["message"]

    # The daemon's path: a scheduled crawl finds the Arabic report, the dispatch sends it.
    mirrors.publish("sohr-ar-91")
    daemon = raqib(config, "run", "--once")
    assert daemon.returncode == 0, daemon.stderr
    assert len(family.accepted) == 2
    assert "مصير مجهول لمعلم من حماة" in family.accepted[1]["title"]
    assert TYPED not in daemon.stderr + daemon.stdout


def test_unknown_channel_and_thin_names_are_refused_in_one_line(world):
    _, _, _, config = world
    for args, says in ((("Nizar Fayez", "--channel", "nowhere"), "no channel named 'nowhere'"),
                       (("Nizar", "--channel", "family"), "single word")):
        done = raqib(config, "watch", "add", *args)
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1
        assert says in done.stderr
    done = raqib(config, "watch", "remove", "7")
    assert done.returncode == 2
    assert "no watch entry 7" in done.stderr


def test_a_name_read_from_standard_input_stays_out_of_the_command_line(world):
    _, _, _, config = world
    script = Path(sys.executable).with_name("raqib")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "crawler.cli"]
    done = subprocess.run([*command, "--config", str(config), "watch", "add", "--channel",
                           "family", "--no-past-alerts"], input=f"{TYPED}\n",
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert TYPED in done.stdout  # echoed to the person who typed it
    listed = raqib(config, "watch", "list")
    assert TYPED in listed.stdout


def test_other_spellings_added_later_find_stored_reports_once(world):
    """`watch add --also` and `watch also ID NAME` give one entry several spellings; the
    stored reports a new spelling finds are listed and alerted once, however many spellings
    match, and never the ones the entry's other spellings had found already."""
    mirrors, family, _, config = world
    assert raqib(config, "crawl", "--source", "snhr-en").returncode == 0
    added = raqib(config, "watch", "add", "Nizar Fayez Khalil", "--channel", "family",
                  "--also", "Nizar Fayez Khalili")
    assert added.returncode == 0, added.stderr
    assert "watching entry 1: Nizar Fayez Khalil (also: Nizar Fayez Khalili)" in added.stdout
    assert "no stored report names this person yet" in added.stdout

    # the family learns the name reports use: the stored report is found and alerted
    also = raqib(config, "-vv", "watch", "also", "1", TYPED)
    assert also.returncode == 0, also.stderr
    assert "1 other stored report(s) name this person" in also.stdout
    assert mirrors.url_of("snhr-en-91") in also.stdout
    assert "1 alert(s) queued" in also.stdout
    assert TYPED not in also.stderr
    # a third spelling, read from standard input, finds only that report: nothing new
    script = Path(sys.executable).with_name("raqib")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "crawler.cli"]
    again = subprocess.run([*command, "--config", str(config), "watch", "also", "1"],
                           input="Nizar Fayiz el-Koudsi\n", capture_output=True, text=True,
                           timeout=600, check=False)
    assert again.returncode == 0, again.stderr
    assert "no other stored report names this person" in again.stdout
    assert "queued" not in again.stdout
    listed = raqib(config, "watch", "list")
    assert f"also: Nizar Fayez Khalili; {TYPED}; Nizar Fayiz el-Koudsi" in listed.stdout
    assert "1 waiting" in listed.stdout

    flushed = raqib(config, "-vv", "alerts", "flush")
    assert flushed.returncode == 0
    assert len(family.accepted) == 1
    assert "Nizar Fayiz el-Koudsi" not in flushed.stderr + flushed.stdout
    assert raqib(config, "watch", "add", "Samira Adel Khatib", "--channel", "family",
                 "--no-past-alerts").returncode == 0
    for args, says in ((("also", "1", "Nizar"), "single word"),
                       (("also", "5", "Nizar Khalil"), "no watch entry 5"),
                       (("also", "1", "nizar fayez KHALILI"), "nothing added"),
                       (("also", "2", "Nizar Fayez Khalili"), "already watched for channel "
                                                             "family (entry 1)")):
        done = raqib(config, "watch", *args)
        assert done.returncode == 2, (args, done.stdout)
        assert done.stderr.count("\n") == 1
        assert says in done.stderr


def test_a_spelling_added_later_leaves_declined_past_reports_alone(world):
    """`watch add --no-past-alerts` declines the stored reports; a later spelling must not
    alert them after all, only those it newly finds."""
    _, family, _, config = world
    assert raqib(config, "crawl", "--source", "snhr-en").returncode == 0
    added = raqib(config, "watch", "add", TYPED, "--channel", "family", "--no-past-alerts")
    assert "1 stored report(s) name this person" in added.stdout
    also = raqib(config, "watch", "also", "1", "Nizar Fayiz el-Koudsi")
    assert also.returncode == 0, also.stderr
    assert "no other stored report names this person" in also.stdout
    assert raqib(config, "alerts", "flush").returncode == 0
    assert family.accepted == []
