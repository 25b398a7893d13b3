"""The language identifier, loaded from a local copy of the part of its model raqib uses.

py3langid ships its model LZMA-compressed (97 languages); inflating it took about half a
second of CPU in every crawl child that prepared a page — more than a scheduled run's few
new pages cost. raqib asks for three languages, so the first load writes the model's state
machine and those three languages' columns, uncompressed, to the user's cache directory
(``$XDG_CACHE_HOME/raqib``, else ``~/.cache/raqib``; about 40 MB), named by the model
file's content, py3langid's version and the languages, so every install of the same
py3langid shares one copy; later loads read that in milliseconds. Each read marks the copy
as used; a copy no install has used for 30 days (left by an upgrade) is deleted. The
identifier is the same either way (a test compares them). A cache that cannot be written
is passed by; one that cannot be read, whatever the damage (truncated, empty, a flipped
byte), is passed by and written again: the model is then loaded from py3langid's own file,
as before. The file is synced to disk before it is renamed into place.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from array import array
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

log = logging.getLogger(__name__)

_TYPECODES = {2: "H", 4: "I", 8: "L"}
UNUSED_DAYS = 30


def identifier(langs: Sequence[str]) -> LanguageIdentifier:
    """py3langid's identifier with normalised probabilities, restricted to ``langs``."""
    path = cache_path(langs)
    if path is not None:
        prune(path)
    if path is not None and path.exists():
        try:
            model = _read(path, langs)
            _mark_used(path)
            return model
        except Exception as exc:  # truncated, emptied, bit-flipped: any damage is repaired
            log.warning("the language model cache %s is unreadable (%s: %s); loading the "
                        "model and writing it again", path.name, type(exc).__name__, exc)
    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    model.set_languages(list(langs))
    if path is not None:
        try:
            _write(path, model)
        except OSError as exc:
            log.info("could not keep the language model in %s: %s", path, exc)
    return model


def cache_path(langs: Sequence[str]) -> Path | None:
    """Where the reduced model is kept: its name changes with the model file's content,
    py3langid's version and the languages, so a stale copy is never read. None without a
    home or without the model file.

    A relative ``XDG_CACHE_HOME`` is ignored, as the XDG base directory spec asks."""
    try:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
        with (MODEL_DIR / MODEL_FILE).open("rb") as model_file:
            digest = hashlib.file_digest(model_file, "sha256").hexdigest()
    except (OSError, RuntimeError):
        return None
    key = "|".join([version("py3langid"), digest, ",".join(sorted(langs))])
    return base / "raqib" / f"langid-{hashlib.sha256(key.encode()).hexdigest()[:16]}.npz"


def prune(path: Path, now: float | None = None) -> list[Path]:
    """Delete the other cached models no install has read for :data:`UNUSED_DAYS` days,
    and half-written files a day old; return what was deleted. Copies another install
    still reads are kept, since each read marks its copy as used."""
    now = time.time() if now is None else now
    deleted = []
    for pattern, days in (("langid-*.npz", UNUSED_DAYS), ("*.part", 1)):
        for other in path.parent.glob(pattern):
            try:
                if other != path and now - other.stat().st_mtime > days * 86_400:
                    other.unlink()
                    deleted.append(other)
            except OSError:
                continue  # gone already, or not ours to delete
    return deleted


def _mark_used(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache still serves; it is only never pruned


def _write(path: Path, model: LanguageIdentifier) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {
        "ptc": np.asarray(model.nb_ptc), "pc": np.asarray(model.nb_pc),
        "classes": np.array(model.nb_classes),
        "nextmove": _numpy(model.tk_nextmove), "row": _numpy(model.tk_row),
        "output": np.asarray(model.tk_output, dtype=np.int64),
    }
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(out, **arrays)
            out.flush()
            os.fsync(out.fileno())  # on disk before the rename, so a crash leaves no stub
        os.replace(temporary, path)  # whole or not at all: a reader never sees half
        _sync_directory(path.parent)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _sync_directory(directory: Path) -> None:
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some filesystems cannot sync a directory; the file itself is synced
    finally:
        os.close(handle)


def _read(path: Path, langs: Sequence[str]) -> LanguageIdentifier:
    with np.load(path, allow_pickle=False) as data:
        model = LanguageIdentifier(
            data["ptc"], data["pc"], data["classes"].tolist(), _stdlib(data["nextmove"]),
            data["output"].tolist(), norm_probs=True, tk_row=_stdlib(data["row"]))
    model.set_languages(list(langs))
    return model


def _numpy(values: array[int]) -> np.ndarray:
    return np.frombuffer(values, dtype=np.dtype(values.typecode)).copy()


def _stdlib(values: np.ndarray) -> array[int]:
    out: array[int] = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))  # no extra copy
    return out
