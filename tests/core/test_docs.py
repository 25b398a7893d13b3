"""The README documents every setting and every command, and its Quick start is what CI runs."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli import cli
from crawler.config import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_names(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        names.append(f"{prefix}{name}")
        if isinstance(command, click.Group):
            names.extend(command_names(command, f"{prefix}{name} "))
    return names


def test_every_setting_is_documented():
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in README]
    assert missing == []


def test_every_command_is_documented_and_has_help():
    names = command_names(cli)
    assert {"init", "sources", "crawl", "run", "classify", "eval", "search", "export", "digest",
            "alerts test", "alerts flush", "status", "verify", "diff", "stats", "browse",
            "demo"} <= set(names)
    missing = [name for name in names if f"raqib {name}" not in README]
    assert missing == []
    for name in names:
        command = cli
        for part in name.split():
            command = command.commands[part]
        assert command.help, name


def test_ci_runs_the_readme_test_command():
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [line for line in quick_start.splitlines() if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    assert "raqib demo" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_module_imports():
    import importlib
    import pkgutil

    for package in ("crawler", "spiders", "classifiers", "alerts"):
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            importlib.import_module(info.name)
    importlib.import_module("scheduler")


def test_installed_entry_point_runs():
    import subprocess
    import sys

    script = Path(sys.executable).with_name("raqib")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "crawler.cli"]
    result = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "raqib" in result.stdout
