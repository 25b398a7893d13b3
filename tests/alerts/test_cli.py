"""`raqib digest`, `raqib alerts flush` and `raqib alerts test` through click."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from support.webhook import WebhookServer

from crawler.archive.store import Store
from crawler.cli import cli
from crawler.config import load_config

RAQIB = str(Path(sys.executable).parent / "raqib")
ARREST = "Security forces arrested a teacher at a checkpoint near Hama and took him away."


def write_config(tmp_path: Path, channels: str) -> Path:
    path = tmp_path / "raqib.toml"
    path.write_text(f"""
[store]
path = "raqib.db"

[[sources]]
name = "snhr-en"
spider = "feed"
url = "https://news.example.org/feed"
lang = "en"
{channels}
""", encoding="utf-8")
    return path


def test_flush_sends_pending_and_reports_failures(tmp_path, add_to):
    with WebhookServer() as hook:
        hook.status = 500
        path = write_config(tmp_path, f"""
[[channels]]
name = "hook"
url = "{hook.url()}"
""")
        config = load_config(path)
        with Store.open(config.store.path) as store:
            add_to(store, config, title="Teacher arrested", sentence=ARREST,
                   labels=("arbitrary_arrest",))
        runner = CliRunner()
        failed = runner.invoke(cli, ["--config", str(path), "alerts", "flush"])
        assert failed.exit_code == 1
        assert "1 will be retried" in failed.output
        assert "HTTP 500" in failed.output
        hook.status = 200
        ok = runner.invoke(cli, ["--config", str(path), "alerts", "flush"])  # due now
        assert ok.exit_code == 0, ok.output
        assert "1 alert(s) sent" in ok.output
        again = runner.invoke(cli, ["--config", str(path), "alerts", "flush"])
        assert again.exit_code == 0
        assert "no pending alerts" in again.output
        assert hook.count == 2
        assert len(hook.accepted) == 1


def test_digest_prints_then_sends_to_console(tmp_path, add_to):
    path = write_config(tmp_path, """
[[channels]]
name = "daily"
url = "console://"
mode = "digest"
""")
    config = load_config(path)
    with Store.open(config.store.path) as store:
        add_to(store, config, title="Teacher arrested", sentence=ARREST,
               labels=("arbitrary_arrest",))
    runner = CliRunner()
    shown = runner.invoke(cli, ["--config", str(path), "digest"])
    assert shown.exit_code == 0, shown.output
    assert "1 arrest" in shown.output
    assert "Teacher arrested" in shown.output
    html = runner.invoke(cli, ["--config", str(path), "digest", "--format", "html"])
    assert '<p class="counts"' in html.output
    sent = runner.invoke(cli, ["--config", str(path), "digest", "--send"])
    assert sent.exit_code == 0, sent.output
    assert "Teacher arrested" in sent.output
    assert "1 alert(s) sent in 1 message(s)" in sent.output
    nothing = runner.invoke(cli, ["--config", str(path), "digest"])
    assert nothing.exit_code == 3


def test_alerts_test_unknown_channel_is_a_usage_error(tmp_path):
    path = write_config(tmp_path, """
[[channels]]
name = "console"
url = "console://"
""")
    result = CliRunner().invoke(cli, ["--config", str(path), "alerts", "test", "nope"])
    assert result.exit_code == 2
    assert "no channel named 'nope'" in result.output
    ok = CliRunner().invoke(cli, ["--config", str(path), "alerts", "test"])
    assert ok.exit_code == 0
    assert "test message from raqib" in ok.output


def test_html_digest_on_stdout_is_a_clean_document(tmp_path, add_to):
    path = write_config(tmp_path, """
[[channels]]
name = "morning"
url = "console://"
mode = "digest"
""")
    config = load_config(path)
    with Store.open(config.store.path) as store:
        add_to(store, config, title="Baker arrested in Jableh", sentence=ARREST,
               labels=("arbitrary_arrest",))
    for fmt, start in (("html", "<!DOCTYPE html>"), ("markdown", "**raqib digest")):
        done = subprocess.run([RAQIB, "--config", str(path), "digest", "--format", fmt],
                              capture_output=True, text=True, timeout=60, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(start), done.stdout[:80]
        assert "# channel morning" not in done.stdout
        assert "# channel morning" in done.stderr
    text = subprocess.run([RAQIB, "--config", str(path), "digest"], capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)
    assert text.stdout.startswith("# channel morning\n")
