"""A store written before runs had unchanged / skipped / details keeps its runs and records
the new summary after the upgrade."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from crawler.archive.schema import migrations
from crawler.archive.store import RunStats, Store


def test_runs_of_an_older_store_gain_the_summary_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    migrations.apply(old, stop_before="m012_runs_summary")
    old.execute(
        "INSERT INTO runs (source, started_at, finished_at, status, new_articles, "
        "message) VALUES ('snhr', '2024-06-01T00:00:00+00:00', "
        "'2024-06-01T00:01:00+00:00', 'degraded', 4, '1 spider exception(s)')"
    )
    old.conn.commit()
    old.close()

    with Store.open(path) as store:
        before = store.last_run("snhr")
        assert (before["status"], before["new_articles"], before["message"]) == (
            "degraded",
            4,
            "1 spider exception(s)",
        )
        assert (before["unchanged"], before["skipped"], before["details"]) == (0, 0, None)
        run_id = store.start_run("snhr")
        store.finish_run(
            run_id,
            "ok",
            RunStats(new_articles=1, unchanged=3, skipped=2),
            "2 item(s) skipped (invalid port: 2)",
            details={"skipped": {"invalid port": 2}},
        )
        after = store.run(run_id)
        assert (after["unchanged"], after["skipped"]) == (3, 2)
        assert json.loads(after["details"]) == {"skipped": {"invalid port": 2}}
