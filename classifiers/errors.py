"""Errors raised while loading the classifier's rule files."""

from __future__ import annotations

from crawler.errors import RaqibError


class RuleError(RaqibError):
    """A rule file is malformed; the message names the file, the line and the fix."""

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
