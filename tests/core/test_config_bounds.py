"""Size and memory limits outside their range are config errors naming the range."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config import load_config
from crawler.errors import ConfigError


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("max_page_mb = inf", "between 0.01 and 1024"),
        ("max_page_mb = nan", "between 0.01 and 1024"),
        ("max_page_mb = 1e308", "between 0.01 and 1024"),
        ("max_page_mb = 0", "between 0.01 and 1024"),
        ("max_memory_mb = 256", "between 512 and 65536"),
    ],
)
def test_limits_out_of_range_are_refused(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "raqib.toml"
    path.write_text(f"[crawl]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_limits_in_range_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "raqib.toml"
    path.write_text("[crawl]\nmax_page_mb = 0.5\nmax_memory_mb = 2048\n", encoding="utf-8")
    config = load_config(path)
    assert (config.crawl.max_page_mb, config.crawl.max_memory_mb) == (0.5, 2048)


@pytest.mark.parametrize(
    ("section", "line", "message"),
    [
        ("crawl", 'timeout = "99999999999999w"', "at most 3650d"),
        ("crawl", 'timeout = "2h"', "between 1s and 1h"),
        ("crawl", "max_pages = 0", "between 1 and 1e\\+06"),
        ("alerts", "max_attempts = 0", "between 1 and 1000"),
    ],
)
def test_absurd_durations_and_counts_are_config_errors(
    tmp_path: Path, section: str, line: str, message: str
) -> None:
    path = tmp_path / "raqib.toml"
    path.write_text(f"[{section}]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_an_absurd_value_is_one_line_and_exit_2_on_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from crawler.cli import cli

    path = tmp_path / "raqib.toml"
    path.write_text('[crawl]\ntimeout = "99999999999999w"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(path), "status"])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert len(result.output.strip().splitlines()) == 1
