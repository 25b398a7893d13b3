"""Every shipped rule file loads; a broken one gives a RuleError naming file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from classifiers.errors import RuleError
from classifiers.rules import RULES_DIR, iter_rule_files, load_rules
from crawler.models import LABELS, LANGS


def test_every_shipped_rule_file_loads() -> None:
    rules = load_rules()
    for lang in LANGS:
        assert {r.label for r in rules.labels[lang]} == set(LABELS)
    assert len(list(iter_rule_files())) >= 19


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(RULES_DIR, root)
    return root


def test_broken_toml_names_file_and_line(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "en" / "release.toml"
    lines = path.read_text().splitlines()
    lines.insert(5, 'threshold = [2.5')
    path.write_text("\n".join(lines))
    with pytest.raises(RuleError) as info:
        load_rules(root)
    assert re.search(r"release\.toml:\d+: not valid TOML", str(info.value))


def test_unknown_key_names_file_line_and_fix(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "fr" / "torture_death.toml"
    path.write_text(path.read_text().replace("window = 10", "windw = 10", 1))
    with pytest.raises(RuleError) as info:
        load_rules(root)
    message = str(info.value)
    assert "torture_death.toml:" in message
    assert "unknown key 'windw'" in message
    assert "allowed keys" in message


def test_bad_governorate_is_reported(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "shared" / "gazetteer.toml"
    path.write_text(path.read_text() + '\n[Atlantis]\nplaces = ["Nowhere"]\n')
    with pytest.raises(RuleError, match=r"gazetteer.toml:\d+: 'Atlantis' is not one of"):
        load_rules(root)


def test_a_number_word_without_a_whole_number_is_reported(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "shared" / "number_words.toml"
    path.write_text(path.read_text().replace("two = 2,", 'two = "2",', 1))
    with pytest.raises(RuleError, match=r"number_words.toml:\d+: \[en\] .* 'numbers' must map"):
        load_rules(root)
