"""A user who may only read the store can search, export, verify and see the status; a
command that writes says plainly that it needs write access.

The "user" is a real process without write access: raqib runs under ``setpriv`` with the
capabilities that let root ignore file permissions dropped, on a store owned by another
user (mode 0644, in a folder it cannot write to)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NOBODY = 65534
CAPS = "-dac_override,-dac_read_search,-fowner,-chown"
SETPRIV = shutil.which("setpriv")

pytestmark = pytest.mark.skipif(
    SETPRIV is None or os.geteuid() != 0 or not sys.platform.startswith("linux"),
    reason="needs root and setpriv to run raqib as a process without write access",
)


def _readonly_copy(archive, write_config: Path, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy2(archive.path, folder / "raqib.db")
    config = folder / "raqib.toml"
    text = write_config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(archive.path.as_posix(), (folder / "raqib.db").as_posix()), encoding="utf-8"
    )
    for path in (folder, *folder.iterdir()):
        os.chown(path, NOBODY, NOBODY)
        path.chmod(0o755 if path.is_dir() else 0o644)
    return config


def _raqib(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        str(SETPRIV),
        "--bounding-set",
        CAPS,
        "--inh-caps",
        CAPS,
        sys.executable,
        "-c",
        "from crawler.cli import main; main()",
        "--config",
        str(config),
        *args,
    ]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_reading_commands_work_on_a_store_the_user_cannot_write(
    archive, write_config, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    config = _readonly_copy(archive, write_config, tmp_path)
    probe = _raqib(config, "alerts", "flush")
    assert probe.returncode == 1

    for args in (
        ("status",),
        ("sources",),
        ("search", "detention"),
        ("stats",),
        ("export", "--format", "jsonl"),
        ("verify",),
    ):
        result = _raqib(config, *args)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        assert "readonly" not in result.stderr
    assert "all intact" in _raqib(config, "verify").stdout
    assert archive.death_url in _raqib(config, "export", "--format", "jsonl").stdout

    flush = _raqib(config, "alerts", "flush")
    assert flush.returncode == 1
    assert "needs write access" in flush.stderr
    assert len([line for line in flush.stderr.splitlines() if line.strip()]) == 1
