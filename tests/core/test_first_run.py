"""What a new user meets first: `raqib init`, the commands raqib suggests, install hints."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.demo import DemoResult, print_summary
from crawler.hints import install_hint, raqib_command

BIN = Path(sys.executable).parent
RAQIB = str(BIN / "raqib")
ROOT = Path(__file__).resolve().parents[2]
# A shell whose PATH does not hold the virtual environment (it was never activated)
BARE_ENV = {**os.environ, "PATH": "/usr/bin:/bin"}


def test_init_twice_is_a_one_line_usage_error(tmp_path):
    first = subprocess.run([RAQIB, "init"], cwd=tmp_path, env=BARE_ENV, capture_output=True,
                           text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    # the next step names a raqib that runs from here
    suggested = first.stdout.split("run `", 1)[1].split(" crawl`")[0]
    assert Path(tmp_path, suggested).resolve() == Path(RAQIB).resolve()
    again = subprocess.run([RAQIB, "init"], cwd=tmp_path, env=BARE_ENV, capture_output=True,
                           text=True, timeout=60)
    assert again.returncode == 2
    assert again.stderr == "error: raqib.toml exists; use --force to overwrite it\n"
    forced = subprocess.run([RAQIB, "init", "--force"], cwd=tmp_path, env=BARE_ENV,
                            capture_output=True, text=True, timeout=60)
    assert forced.returncode == 0


def test_raqib_command_is_the_path_that_works(monkeypatch):
    monkeypatch.setattr(sys, "argv", [RAQIB, "demo"])
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert Path(raqib_command()).resolve() == Path(RAQIB).resolve()
    monkeypatch.setenv("PATH", f"{BIN}:/usr/bin:/bin")
    assert raqib_command() == "raqib"


def test_demo_closing_hints_run_as_printed(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", [RAQIB, "demo"])
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "demo" / "raqib.toml"
    config.parent.mkdir()
    config.write_text('[store]\npath = "raqib.db"\n', encoding="utf-8")
    print_summary(DemoResult(folder=config.parent, config_path=config, seconds=1.0,
                             articles=0, duplicates=0, flagged=0, alerts_sent=0,
                             failed_sources=()))
    hints = [line.strip() for line in capsys.readouterr().out.splitlines()
             if "--config" in line]
    assert hints
    status = next(h for h in hints if h.endswith(" status"))
    done = subprocess.run(shlex.split(status), cwd=tmp_path, env=BARE_ENV,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("extra", ["browse", "chart"])
def test_install_hint_installs_from_the_clone(extra, monkeypatch):
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.chdir(ROOT)
    hint = shlex.split(install_hint(extra))
    # raqib is installed here with `pip install -e`, so the extra comes from the clone
    pip, verb, flag, target = hint
    assert Path(pip).resolve() == (BIN / "pip").resolve()
    assert (verb, flag) == ("install", "-e")
    assert target.endswith(f"[{extra}]")
    assert (Path(target.removesuffix(f"[{extra}]")).resolve() / "pyproject.toml").is_file()


def test_crawl_with_dates_the_wrong_way_round_is_a_one_line_usage_error(tmp_path):
    done = subprocess.run([RAQIB, "crawl", "--since", "2025-03-01", "--until", "2025-01-01"],
                          cwd=tmp_path, env=BARE_ENV, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert done.stderr == ("error: --since is after --until; give the earlier date to "
                           "--since\n")


def test_demo_ends_each_crawl_with_a_line_per_source_and_hints_that_run(tmp_path):
    demo = subprocess.run([RAQIB, "demo", "--dir", "store"], cwd=tmp_path, env=BARE_ENV,
                          capture_output=True, text=True, timeout=240)
    assert demo.returncode == 0, demo.stderr
    crawled = demo.stdout.split("== Immediate alerts ==")[0]
    assert "\x1b[" not in crawled  # no live lines off a terminal
    summaries = [line for line in crawled.splitlines() if ": ok, " in line]
    names = [line.split(":")[0] for line in summaries]
    assert len(names) == len(set(names)) >= 8
    hints = [line.strip() for line in demo.stdout.split("== Done ==")[1].splitlines()
             if "--config" in line]
    for hint in hints:
        if hint.endswith((" status", " sources")):
            done = subprocess.run(shlex.split(hint), cwd=tmp_path, env=BARE_ENV,
                                  capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, (hint, done.stderr)
