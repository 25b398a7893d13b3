"""Fixtures of the import tests (helpers in ``importkit``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from importkit import Importer, run_import, write_config  # noqa: E402


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return write_config(tmp_path)


@pytest.fixture(name="run_import")
def run_import_fixture() -> Importer:
    return run_import
