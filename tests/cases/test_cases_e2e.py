"""Cases end to end: `raqib crawl` as real processes against the loopback mirrors, a real
webhook channel with ``cases = true``, then `raqib cases`, `show`, `split`, `merge` and
`relink` on the store they left.

The invented detainee of the samples is arrested per SNHR (English), disappeared per SOHR
(Arabic) and dies in detention per Alkarama (French); the French notice is published only
after the first crawl, as a new report that changes the case's status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.webhook import WebhookServer

from crawler.demo import write_demo_config
from crawler.mirror import Mirrors

PERSON = {"Hazem Nabil Qanbar", "حازم نبيل قنبر", "Hazem Nabil Kanbar"}
SOURCES = ("snhr-en", "sohr-ar", "alkarama-fr")


def raqib(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("raqib")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "crawler.cli"]
    return subprocess.run([*command, "--config", str(config), *args], capture_output=True,
                          text=True, timeout=600, check=False)


def cases_json(config: Path, *args: str) -> list[dict[str, Any]]:
    done = raqib(config, "cases", *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def the_case(config: Path) -> dict[str, Any]:
    [found] = [c for c in cases_json(config, "Hazem Qanbar") if set(c["names"]) & PERSON]
    return found


@pytest.fixture
def world(tmp_path: Path):
    with Mirrors(hidden={"alkarama-fr-04"}) as mirrors, WebhookServer() as hook:
        wanted = [s for s in mirrors.sources() if s["name"] in SOURCES]
        assert len(wanted) == 3
        path = write_demo_config(tmp_path, wanted)
        text = path.read_text(encoding="utf-8").split("[[channels]]", 1)[0]
        text += f"""
[[channels]]
name = "families-desk"
url = "{hook.url()}"
mode = "immediate"
labels = ["release"]
cases = true
"""
        path.write_text(text, encoding="utf-8")
        yield mirrors, hook, path


def case_messages(hook: WebhookServer) -> list[str]:
    return [b["message"] for b in hook.accepted if "Case #" in b.get("message", "")]


def test_a_person_across_three_sources_and_two_scripts(world) -> None:
    mirrors, hook, config = world
    for source in ("snhr-en", "sohr-ar"):
        done = raqib(config, "crawl", "--source", source)
        assert done.returncode == 0, done.stderr

    case = the_case(config)
    assert set(case["names"]) == {"Hazem Nabil Qanbar", "حازم نبيل قنبر"}
    assert case["status"] == "disappeared"
    assert case["reports"] == 2
    assert len(case["articles"]) == 2
    # The SOHR report changed the status the SNHR report gave: one case alert, although the
    # channel's label filter wants only releases.
    [update] = case_messages(hook)
    assert "Status: disappeared (was arrested)" in update
    assert mirrors.url_of("sohr-ar-04").split("/")[2] in update

    # The death notice, published later in French.
    mirrors.publish("alkarama-fr-04")
    done = raqib(config, "crawl", "--source", "alkarama-fr")
    assert done.returncode == 0, done.stderr
    case = the_case(config)
    assert set(case["names"]) == PERSON
    assert case["status"] == "died"
    assert [(e["status"], e["source"]) for e in case["timeline"]][-1] == ("died", "alkarama-fr")
    statuses = {e["status"] for e in case["timeline"]}
    assert statuses == {"arrested", "disappeared", "died"}
    updates = case_messages(hook)
    assert len(updates) == 2
    death = updates[-1]
    assert "Status: died (was disappeared)" in death
    for line in ("arrested  (snhr-en, sohr-ar, alkarama-fr)", "died  (alkarama-fr)"):
        assert line in death, death
    for name in PERSON:
        assert name in death

    # Crawling again changes nothing and alerts nothing.
    sent = hook.count
    for source in SOURCES:
        assert raqib(config, "crawl", "--source", source).returncode == 0
    assert hook.count == sent
    assert the_case(config)["id"] == case["id"]

    # show: the names, the grouped timeline, the reports.
    shown = raqib(config, "cases", "show", str(case["id"]))
    assert shown.returncode == 0, shown.stderr
    assert "Status: died (2024-10-17)" in shown.stdout
    assert "died         alkarama-fr" in shown.stdout
    assert "Reports (3):" in shown.stdout

    # Exports name each report's cases.
    exported = raqib(config, "export", "--format", "jsonl")
    assert exported.returncode == 0, exported.stderr
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    holding = [r for r in records if any(c["id"] == case["id"] for c in r["cases"])]
    assert {r["source"] for r in holding} == set(SOURCES)
    assert all(c["status"] == "died" for r in holding for c in r["cases"]
               if c["id"] == case["id"])

    # Review: the French report is split off; relinking from scratch keeps it apart.
    french = next(u for u in case["articles"] if "kanbar" in u)
    arabic = next(u for u in case["articles"] if "735214" in u)
    # The address as `show` prints it (the Arabic path decoded) names the report too.
    assert "تلكلخ" in shown.stdout
    decoded = next(line.strip() for line in shown.stdout.splitlines() if "735214" in line
                   and line.strip().startswith("http"))
    assert decoded != arabic
    split = raqib(config, "cases", "split", str(case["id"]), french)
    assert split.returncode == 0, split.stderr
    after = {c["id"]: c for c in cases_json(config, "Hazem Qanbar")}
    assert len(after) == 2
    remaining = after[case["id"]]
    assert set(remaining["names"]) == {"Hazem Nabil Qanbar", "حازم نبيل قنبر"}
    assert remaining["status"] == "disappeared"
    assert raqib(config, "cases", "relink").returncode == 0
    assert len(cases_json(config, "Hazem Qanbar")) == 2

    wrong = raqib(config, "cases", "split", str(case["id"]), decoded)
    assert wrong.returncode == 0, wrong.stderr  # the Arabic report leaves the case too
    merged = raqib(config, "cases", "merge", str(case["id"]),
                   str(next(c["id"] for c in cases_json(config, "حازم قنبر")
                            if c["id"] != case["id"] and "حازم نبيل قنبر" in c["names"])))
    assert merged.returncode == 0, merged.stderr

    # ...and merged back: one case again, which a relinking keeps.
    other = next(i for i in after if i != case["id"])
    merged = raqib(config, "cases", "merge", str(case["id"]), str(other))
    assert merged.returncode == 0, merged.stderr
    assert raqib(config, "cases", "relink").returncode == 0
    [again] = cases_json(config, "Hazem Qanbar")
    assert set(again["names"]) == PERSON
    assert again["status"] == "died"


def test_review_commands_say_what_is_wrong_in_one_line(world) -> None:
    _, _, config = world
    assert raqib(config, "crawl", "--source", "snhr-en").returncode == 0
    case = the_case(config)
    for args, words in (
        (("show", "999"), "no case 999"),
        (("merge", "999", str(case["id"])), "no case 999"),
        (("merge", str(case["id"]), str(case["id"])), "two different case ids"),
        (("split", str(case["id"]), "https://example.org/nowhere"), "not in the store"),
        (("split", str(case["id"]), case["articles"][0]), "only report"),
    ):
        done = raqib(config, "cases", *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert words in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    empty = raqib(config, "cases", "nobody by this name")
    assert empty.returncode == 3
