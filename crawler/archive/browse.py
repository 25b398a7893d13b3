"""``raqib browse``: the store in Datasette, read-only, with the project's metadata.

Datasette is an optional extra (from a clone: ``pip install -e '.[browse]'``). The store is
served in Datasette's normal file mode, which reads through ``mode=ro`` connections: a crawl or the
daemon can keep writing meanwhile (WAL). Immutable mode would be wrong here, since it
tells SQLite the file never changes while raqib is appending to it.

Datasette answers only requests addressed to a loopback host name (the plugin in
``crawler/archive/datasette_plugins``: DNS rebinding), and it never outlives ``raqib browse``:
SIGTERM or SIGINT stops it, and on Linux it gets SIGTERM if ``raqib browse`` is killed.
"""

from __future__ import annotations

import importlib.util
import json
import signal
import subprocess
import sys
import tempfile
from importlib.resources import files
from pathlib import Path
from types import FrameType
from typing import Any

from crawler.errors import RaqibError

METADATA_FILE = "datasette_metadata.json"
# Datasette plugins shipped with raqib: loopback host names only, a search box that folds
# like `raqib search`.
PLUGINS_DIR = Path(__file__).parent / "datasette_plugins"
STOP_WAIT_SECONDS = 10


def install_hint() -> str:
    from crawler.hints import install_hint as hint

    return f"raqib browse needs Datasette: {hint('browse')}"


class BrowseError(RaqibError):
    """Datasette is missing or cannot serve the store."""


def datasette_installed() -> bool:
    return importlib.util.find_spec("datasette") is not None


def metadata_for(store_path: Path) -> dict[str, Any]:
    """The shipped metadata, keyed by the database name Datasette derives from the file."""
    shipped_text = files("crawler.archive").joinpath(METADATA_FILE).read_text(encoding="utf-8")
    shipped = json.loads(shipped_text)
    databases = shipped.get("databases", {})
    if databases:
        shipped["databases"] = {store_path.stem: next(iter(databases.values()))}
    from crawler.archive.browse_view import present

    return present(dict(shipped), store_path.stem)


def write_metadata(store_path: Path, folder: Path) -> Path:
    path = folder / "metadata.json"
    path.write_text(json.dumps(metadata_for(store_path), ensure_ascii=False), encoding="utf-8")
    return path


def plugins_dir() -> Path:
    """The folder of raqib's Datasette plugins, inside the installed package."""
    return PLUGINS_DIR


def datasette_command(store_path: Path, metadata_path: Path, *, port: int,
                      host: str = "127.0.0.1", open_browser: bool = True) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(store_path),
               "--metadata", str(metadata_path), "--host", host, "--port", str(port),
               "--plugins-dir", str(plugins_dir()),
               "--setting", "sql_time_limit_ms", "5000",
               "--setting", "max_returned_rows", "2000"]
    if open_browser:
        command.append("--open")
    return command


def browse(store_path: Path, *, port: int = 8001, host: str = "127.0.0.1",
           open_browser: bool = True) -> int:
    """Serve the store until interrupted. Returns Datasette's exit status."""
    if not datasette_installed():
        raise BrowseError(install_hint())
    if not store_path.is_file():
        raise BrowseError(f"{store_path}: no store there yet; run `raqib crawl` (or `raqib "
                          "demo`) first, or point [store].path at an existing store")
    with tempfile.TemporaryDirectory(prefix="raqib-browse-") as folder:
        metadata = write_metadata(store_path, Path(folder))
        command = datasette_command(store_path, metadata, port=port, host=host,
                                    open_browser=open_browser)
        from crawler.lifeline import die_with_parent

        process = subprocess.Popen(command, preexec_fn=die_with_parent)
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        try:
            return process.wait()
        except KeyboardInterrupt:
            _stop(process)
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
