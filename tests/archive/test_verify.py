"""`raqib verify` re-hashes every archived page and catches a changed byte."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

from click.testing import CliRunner

from crawler.archive.store import Store, compress, decompress
from crawler.archive.verify import verify
from crawler.cli import cli


def _tamper(path: Path, capture_id: int, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite one stored blob the way an attacker with file access would: around raqib,
    dropping the trigger that protects it."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("DROP TRIGGER IF EXISTS captures_no_update")
        blob = conn.execute("SELECT raw FROM captures WHERE id = ?", [capture_id]).fetchone()[0]
        conn.execute("UPDATE captures SET raw = ? WHERE id = ?", [change(blob), capture_id])
    finally:
        conn.close()


def _flip_one_byte(blob: bytes) -> bytes:
    raw = bytearray(decompress(blob))
    raw[len(raw) // 2] ^= 0x01
    return compress(bytes(raw))


def test_intact_store_passes(archive, raqib) -> None:  # type: ignore[no-untyped-def]
    with Store.open(archive.path) as store:
        report = verify(store)
        assert report.ok
        assert report.checked == store.scalar("SELECT count(*) FROM captures") > 0
    result = raqib("verify")
    assert result.exit_code == 0, result.output
    assert "all intact" in result.output


def test_a_flipped_byte_is_reported(archive, raqib) -> None:  # type: ignore[no-untyped-def]
    _tamper(archive.path, 3, _flip_one_byte)
    with Store.open(archive.path) as store:
        report = verify(store)
    assert [m.capture_id for m in report.mismatches] == [3]
    assert "SHA-256 mismatch" in report.mismatches[0].problem
    result = raqib("verify")
    assert result.exit_code == 1
    assert "capture 3 " in result.output
    assert "1 do not match" in result.output


def test_a_corrupt_blob_is_reported(archive) -> None:  # type: ignore[no-untyped-def]
    _tamper(archive.path, 1, lambda blob: blob[:10] + b"\x00garbage" + blob[18:])
    with Store.open(archive.path) as store:
        report = verify(store)
    assert [m.capture_id for m in report.mismatches] == [1]
    assert "corrupt" in report.mismatches[0].problem


def test_captures_written_with_zlib_still_verify(archive, raqib) -> None:  # type: ignore[no-untyped-def]
    """Stores from before Zstandard keep zlib blobs: they read back and verify as before."""
    _tamper(archive.path, 2, lambda blob: zlib.compress(decompress(blob), 6))
    with Store.open(archive.path) as store:
        assert bytes(store.scalar("SELECT raw FROM captures WHERE id = 2"))[:1] == b"\x78"
        assert verify(store).ok
    _tamper(archive.path, 2, lambda blob: zlib.compress(_flip(decompress(blob))))
    with Store.open(archive.path) as store:
        report = verify(store)
    assert [m.capture_id for m in report.mismatches] == [2]
    assert "SHA-256 mismatch" in report.mismatches[0].problem


def _flip(raw: bytes) -> bytes:
    changed = bytearray(raw)
    changed[0] ^= 0x01
    return bytes(changed)


def _damage_pages(path: Path, names: tuple[str, ...]) -> None:
    """600 random bytes over the first page of each named index: the blobs stay intact,
    the database does not."""
    import random

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [name])
             .fetchone()[0] for name in names]
    conn.close()
    rng = random.Random(13)
    with path.open("r+b") as file:
        for page in pages:
            file.seek((page - 1) * size)
            file.write(rng.randbytes(600))


DAMAGED = ("idx_runs_source", "idx_alerts_due", "idx_duplicates_article")


def test_a_damaged_database_fails_verify_and_every_command_says_so_in_one_line(
        archive, raqib, write_config) -> None:  # type: ignore[no-untyped-def]
    _damage_pages(archive.path, DAMAGED)

    result = raqib("verify")

    assert result.exit_code == 1, result.output
    assert "all intact" not in result.output
    assert "the database is damaged" in result.output
    failed = []
    for args in (("status",), ("sources",), ("search", "detention"), ("stats",),
                 ("export", "--format", "jsonl"), ("alerts", "flush")):
        result = CliRunner().invoke(cli, ["--config", str(write_config), *args])
        assert not isinstance(result.exception, sqlite3.DatabaseError), (args, result.output)
        assert "Traceback" not in result.output
        if result.exit_code == 0:  # a command that never reads a damaged page still works
            continue
        failed.append(args[0])
        assert result.exit_code == 1, (args, result.output)
        errors = [line for line in result.output.splitlines() if line.startswith("error:")]
        assert len(errors) == 1, (args, result.output)
        assert "damaged" in errors[0]
        assert "raqib verify" in errors[0]
        assert "move" not in errors[0]
    assert "status" in failed
