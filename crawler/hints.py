"""How to name raqib's own commands to the user, as they will work from where they are.

raqib is usually installed into a virtual environment from a clone (README: ``pip install -e
'.[test]'``), so neither ``raqib`` nor ``pip`` need be on the user's PATH, and an extra is
installed from the clone (``-e '.[chart]'``), not as ``raqib[chart]`` from an index.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit


def shown_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies under it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(Path.cwd())
    except ValueError:
        return str(absolute)
    text = str(relative)
    return "." if text == "." else text


def program(name: str) -> str:
    """How to call ``name`` from the running environment's bin directory: the bare name when
    the shell finds that same file on PATH, else its path (``.venv/bin/raqib``)."""
    beside = Path(sys.executable).parent / name
    found = shutil.which(name)
    if found and Path(found).resolve() == beside.resolve():
        return name
    if not beside.exists():
        return name
    shown = shown_path(beside)
    return shown if "/" in shown else f"./{shown}"


def raqib_command() -> str:
    """The command that runs this raqib: ``raqib``, or ``.venv/bin/raqib`` when the
    environment is not activated."""
    launched = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if launched is not None and launched.name == "raqib" and launched.exists():
        found = shutil.which("raqib")
        if found and Path(found).resolve() == launched.resolve():
            return "raqib"
        shown = shown_path(launched)
        return shown if "/" in shown else f"./{shown}"
    return program("raqib")


def editable_source() -> Path | None:
    """The clone raqib was installed from with ``pip install -e``, if it was."""
    # Every "raqib" found, not just the first: run from the clone, its raqib.egg-info (which
    # has no direct_url.json) can come before the installed metadata.
    recorded = next((text for dist in metadata.distributions(name="raqib")
                     if (text := dist.read_text("direct_url.json"))), None)
    if not recorded:
        return None
    try:
        info = json.loads(recorded)
    except json.JSONDecodeError:
        return None
    if not (info.get("dir_info") or {}).get("editable"):
        return None
    url = urlsplit(str(info.get("url") or ""))
    return Path(unquote(url.path)) if url.scheme == "file" else None


def install_hint(extra: str) -> str:
    """The command that adds an optional extra (``browse``, ``chart``) to this installation."""
    pip = program("pip")
    source = editable_source()
    if source is not None:
        return f"{pip} install -e '{shown_path(source)}[{extra}]'"
    return f"{pip} install 'raqib[{extra}]'"
