"""The import's progress bar: drawn on a terminal only."""

from __future__ import annotations

import io
import time

from crawler.cli.import_ import ProgressBar
from crawler.warc_import.importer import ImportStats


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_is_drawn_on_a_terminal_and_ends_its_line() -> None:
    screen = Terminal()
    bar = ProgressBar(screen)
    stats = ImportStats(files=1, bytes_total=1000, bytes_done=500, stored=40, already=2)
    stats.started = time.monotonic() - 2

    bar.update(stats)
    bar.close()

    drawn = screen.getvalue()
    assert drawn.startswith("\r[###############...............]  50%")
    assert "40 pages stored, 2 already, 0 broken, 20.0 pages/s" in drawn
    assert drawn.endswith("\n")


def test_nothing_is_drawn_into_a_pipe_or_file() -> None:
    output = io.StringIO()
    bar = ProgressBar(output)

    bar.update(ImportStats(files=1, bytes_total=10, bytes_done=5, stored=1))
    bar.close()

    assert output.getvalue() == ""
