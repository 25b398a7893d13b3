"""The language identifier read from raqib's cached copy of its model is the one
py3langid builds from its own file: same arrays, same answers."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from crawler import langmodel
from crawler.models import LANGS
from crawler.samples import load_samples


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def texts() -> list[str]:
    samples = load_samples()
    out = [s.title + "\n" + "\n".join(s.paragraphs) for s in samples]
    out += [paragraph for s in samples for paragraph in s.paragraphs]
    # short and mixed texts, where a small difference in the model would show first
    out += ["Arrested at a checkpoint.", "Arrêté à un point de contrôle.", "اعتقل عند حاجز",
            "SNHR: 12 killed in Idlib, تقرير", "le rapport du mois", "report 2024 - 17"]
    return out


def _not_again(*args: object, **kwargs: object) -> LanguageIdentifier:
    raise AssertionError("py3langid's model file was inflated although the cache is there")


@pytest.fixture(scope="module")
def built_cache(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a real cache file, built once for the damage tests."""
    home = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home))
        langmodel.identifier(LANGS)
        path = langmodel.cache_path(LANGS)
    assert path is not None
    return path.read_bytes()


def _flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]


@pytest.mark.parametrize("damage", [
    pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
    pytest.param(lambda data: b"", id="empty"),
    pytest.param(_flip, id="bit-flipped"),
    pytest.param(lambda data: data[:100], id="header-only"),
])
def test_a_damaged_cache_is_passed_by_and_written_again(
        cache_home: Path, built_cache: bytes, damage: Callable[[bytes], bytes]) -> None:
    path = langmodel.cache_path(LANGS)
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(damage(built_cache))

    model = langmodel.identifier(LANGS)  # falls back to py3langid's file and repairs
    assert model.classify("Arrested at a checkpoint in Homs.")[0] == "en"
    assert path.read_bytes() == built_cache
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LanguageIdentifier, "from_model_file", _not_again)
        again = langmodel.identifier(LANGS)
    assert again.classify("اعتقلت قوات النظام شاباً عند حاجز في حمص")[0] == "ar"
    assert list(path.parent.glob("*.part")) == []


def test_a_relative_cache_home_is_ignored(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    path = langmodel.cache_path(LANGS)
    assert path is not None
    assert path.is_relative_to(tmp_path / ".cache" / "raqib")


def test_the_cached_model_answers_as_the_shipped_one(cache_home: Path) -> None:
    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    shipped.set_languages(list(LANGS))

    first = langmodel.identifier(LANGS)  # loads the shipped file and writes the cache
    path = langmodel.cache_path(LANGS)
    assert path is not None
    assert path.exists()
    assert path.is_relative_to(cache_home / "raqib")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LanguageIdentifier, "from_model_file", _not_again)
        cached = langmodel.identifier(LANGS)  # read from the cache, not inflated again

    for model in (first, cached):
        assert model.nb_classes == shipped.nb_classes
        assert np.array_equal(model.nb_ptc, shipped.nb_ptc)
        assert model.nb_ptc.dtype == shipped.nb_ptc.dtype
        assert np.array_equal(model.nb_pc, shipped.nb_pc)
        assert model.tk_nextmove == shipped.tk_nextmove
        assert model.tk_row == shipped.tk_row
        assert model.tk_output == shipped.tk_output
    sample = texts()
    assert len(sample) > 100
    assert [cached.classify(t) for t in sample] == [shipped.classify(t) for t in sample]


def test_an_unreadable_cache_is_passed_by(cache_home: Path) -> None:
    path = langmodel.cache_path(LANGS)
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a model")
    model = langmodel.identifier(LANGS)
    assert model.classify("Arrested at a checkpoint in Homs.")[0] == "en"


def test_a_cache_that_cannot_be_written_is_passed_by(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache directory would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    model = langmodel.identifier(LANGS)
    assert model.classify("اعتقلت قوات النظام شاباً عند حاجز في حمص")[0] == "ar"


def _aged(path: Path, days: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_bytes(b"an older cached model")
    stamp = path.stat().st_mtime - days * 86_400
    os.utime(path, (stamp, stamp))
    return path


def test_a_copy_no_install_reads_any_more_is_deleted(cache_home: Path) -> None:
    """An upgrade leaves the old copy behind (40 MB each); it goes once unused for 30 days,
    while a copy another install still reads, and our own, stay."""
    folder = cache_home / "raqib"
    abandoned = _aged(folder / "langid-0000000000000000.npz", langmodel.UNUSED_DAYS + 1)
    in_use = _aged(folder / "langid-1111111111111111.npz", 2)
    half_written = _aged(folder / "tmpabc.part", 2)
    model = langmodel.identifier(LANGS)
    assert model.classify("Arrested at a checkpoint in Homs.")[0] == "en"
    path = langmodel.cache_path(LANGS)
    assert path is not None
    assert path.exists()
    assert not abandoned.exists()
    assert not half_written.exists()
    assert in_use.exists()


def test_reading_the_cache_marks_it_used(cache_home: Path) -> None:
    langmodel.identifier(LANGS)
    path = langmodel.cache_path(LANGS)
    assert path is not None
    _aged(path, langmodel.UNUSED_DAYS + 5)
    langmodel.identifier(LANGS)
    assert time.time() - path.stat().st_mtime < 3_600
    assert langmodel.prune(path.with_name("langid-ffffffffffffffff.npz")) == []


def test_every_install_of_the_same_model_shares_one_copy(
        cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second virtual environment has its own copy of py3langid's file, with its own
    modification time; the cache is named by the content, so it is not made again."""
    first = langmodel.cache_path(LANGS)
    copy_dir = tmp_path / "other-venv"
    copied = copy_dir / MODEL_FILE
    copied.parent.mkdir(parents=True)
    copied.write_bytes((langmodel.MODEL_DIR / MODEL_FILE).read_bytes())
    os.utime(copied, (1_000_000_000, 1_000_000_000))
    monkeypatch.setattr(langmodel, "MODEL_DIR", copy_dir)
    assert langmodel.cache_path(LANGS) == first
    copied.write_bytes(copied.read_bytes()[:-1] + b"\x00")
    assert langmodel.cache_path(LANGS) != first
