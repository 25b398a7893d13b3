"""Issue 12: ``raqib demo --serve`` keeps the sample sites running and prints the config, so
``crawl``, ``crawl --recheck`` (an edit and a removal to find) and ``diff`` work on it."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path


def raqib(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("raqib")
    return subprocess.run([str(script), *args], capture_output=True, text=True, timeout=300,
                          check=False)


def test_demo_serve_keeps_the_sites_up_for_crawl_recheck_and_diff(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("raqib")
    demo = subprocess.Popen([str(script), "demo", "--serve", "--dir", str(tmp_path / "demo")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert demo.stdout is not None
        for line in demo.stdout:
            lines.append(line.rstrip("\n"))
            if "  raqib --config" in line and "browse" in line:
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(timeout=300), "\n".join(lines[-40:])
        config = next(line.split(": ", 1)[1] for line in lines if line.startswith("config: "))
        diff_line = next(line for line in lines if " diff " in line)
        edited_url = diff_line.split(" diff ", 1)[1].split()[0]

        crawl = raqib("--config", config, "crawl", "--source", "snhr-reports-en")
        assert crawl.returncode == 0, crawl.stderr
        assert "1 new" in crawl.stdout

        recheck = raqib("--config", config, "crawl", "--recheck", "--source", "snhr-en",
                        "--source", "sohr-en")
        assert recheck.returncode == 0, recheck.stderr
        summary = {line.split(":", 1)[0]: line for line in recheck.stdout.splitlines()
                   if line.startswith(("snhr-en:", "sohr-en:"))}
        assert "1 updated" in summary["snhr-en"]
        assert "rechecked (0 removed)" in summary["snhr-en"]
        assert "rechecked (1 removed)" in summary["sohr-en"]

        diff = raqib("--config", config, "diff", edited_url)
        assert diff.returncode == 0, diff.stderr
        assert "version 1 → 2" in diff.stdout
    finally:
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=30)
    reader.join(timeout=5)
    assert "sample sites stopped" in lines
    assert demo.returncode == 0
