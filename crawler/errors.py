"""The exceptions raqib raises.

Library code raises these; only the CLI turns them into one-line messages and
exit codes. Every message says what went wrong and what to do about it.

    RaqibError
    ├── UsageError           the command line asks for what raqib will not do or does not
    │                        know (an existing file without --force, an unknown filter value)
    ├── ConfigError          a configuration file or value is wrong
    ├── StoreError           the SQLite store cannot be opened or written
    │   └── StoreLockedError another daemon holds the store
    ├── CrawlError           a source could not be crawled
    ├── ExtractionError      a page yielded no article text
    ├── ClassifierError      a rule file is malformed (see classifiers.errors)
    ├── AlertError           a channel could not be reached or is misconfigured
    └── ExportError          an export could not be written
"""

from __future__ import annotations


class RaqibError(Exception):
    """Base class: every error raqib raises on purpose."""


class UsageError(RaqibError):
    """The command line asks for something the command will not do, or names something raqib
    does not know (exit status 2): ``raqib init`` over an existing file without ``--force``,
    an unknown filter value, a URL not in the store. The message names the valid values or
    says where to find them."""


class ConfigError(RaqibError):
    """A configuration file or value is wrong.

    The message names the file, the key and the fix, e.g.
    ``raqib.toml: sources[2].every: '5 minutes' is not a duration; use 30s, 15m, 1h or 1d``.
    """

    def __init__(self, message: str, *, path: str | None = None, key: str | None = None) -> None:
        self.path = path
        self.key = key
        where = ": ".join(part for part in (path, key) if part)
        super().__init__(f"{where}: {message}" if where else message)


class StoreError(RaqibError):
    """The SQLite store cannot be opened, migrated or written."""


class StoreDamagedError(StoreError):
    """The store file is malformed: SQLite cannot read part of it."""


class StoreLockedError(StoreError):
    """Another daemon process holds the store's lock."""


class CrawlError(RaqibError):
    """A source could not be crawled (the run is recorded as failed)."""


class ExtractionError(RaqibError):
    """A fetched page yielded no usable article text."""


class AlertError(RaqibError):
    """A channel is misconfigured or could not be reached."""


class ExportError(RaqibError):
    """An export could not be written."""
