"""``raqib browse``: the store in Datasette, read-only, with the project's metadata.

Datasette is an optional extra (``pip install 'raqib[browse]'``). The store is served in
Datasette's normal file mode, which reads through ``mode=ro`` connections: a crawl or the
daemon can keep writing meanwhile (WAL). Immutable mode would be wrong here, since it
tells SQLite the file never changes while raqib is appending to it.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from importlib.resources import files
from pathlib import Path
from typing import Any

from crawler.errors import RaqibError

METADATA_FILE = "datasette_metadata.json"
# Datasette plugins shipped with raqib (the search box folds like `raqib search`).
PLUGINS_DIR = "datasette_plugins"
INSTALL_HINT = "raqib browse needs Datasette: pip install 'raqib[browse]'"


class BrowseError(RaqibError):
    """Datasette is missing or cannot serve the store."""


def datasette_installed() -> bool:
    return importlib.util.find_spec("datasette") is not None


def metadata_for(store_path: Path) -> dict[str, Any]:
    """The shipped metadata, keyed by the database name Datasette derives from the file."""
    shipped = json.loads(files("crawler").joinpath(METADATA_FILE).read_text(encoding="utf-8"))
    databases = shipped.get("databases", {})
    if databases:
        shipped["databases"] = {store_path.stem: next(iter(databases.values()))}
    return dict(shipped)


def write_metadata(store_path: Path, folder: Path) -> Path:
    path = folder / "metadata.json"
    path.write_text(json.dumps(metadata_for(store_path), ensure_ascii=False), encoding="utf-8")
    return path


def plugins_dir() -> Path:
    """The folder of raqib's Datasette plugins, inside the installed package."""
    return Path(str(files("crawler").joinpath(PLUGINS_DIR)))


def datasette_command(store_path: Path, metadata_path: Path, *, port: int,
                      host: str = "127.0.0.1", open_browser: bool = True) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(store_path),
               "--metadata", str(metadata_path), "--host", host, "--port", str(port),
               "--setting", "sql_time_limit_ms", "5000",
               "--setting", "max_returned_rows", "2000",
               "--plugins-dir", str(plugins_dir())]
    if open_browser:
        command.append("--open")
    return command


def browse(store_path: Path, *, port: int = 8001, host: str = "127.0.0.1",
           open_browser: bool = True) -> int:
    """Serve the store until interrupted. Returns Datasette's exit status."""
    if not datasette_installed():
        raise BrowseError(INSTALL_HINT)
    if not store_path.is_file():
        raise BrowseError(f"{store_path}: no store there yet; run `raqib crawl` (or `raqib "
                          "demo`) first, or point [store].path at an existing store")
    with tempfile.TemporaryDirectory(prefix="raqib-browse-") as folder:
        metadata = write_metadata(store_path, Path(folder))
        command = datasette_command(store_path, metadata, port=port, host=host,
                                    open_browser=open_browser)
        process = subprocess.Popen(command)
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.terminate()
            process.wait(timeout=10)
            return 0
