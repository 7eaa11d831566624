"""The store is opened with a memory limit (a share of the machine's, capped; or SPEND_MEMORY_LIMIT)
and spills past it to a folder beside the file, so a refresh over tens of millions of lines stays
within what the machine allows (issue 13: memory under 8 GB)."""
from __future__ import annotations

import duckdb

from lib import store


def setting(db, name: str) -> str:
    cur = store.cursor(db)
    try:
        return cur.execute("SELECT current_setting(?)", [name]).fetchone()[0]
    finally:
        cur.close()


def duckdb_reads(limit: str) -> str:
    """How DuckDB itself shows ``limit`` once set."""
    con = duckdb.connect(config={"memory_limit": limit})
    try:
        return con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    finally:
        con.close()


def test_default_limit_is_a_capped_share_of_memory(fresh_db, monkeypatch):
    monkeypatch.delenv("SPEND_MEMORY_LIMIT", raising=False)
    limit = store.memory_limit()
    assert limit.endswith("MB") and 256 <= int(limit[:-2]) <= store.MEMORY_CAP_GB * 1024
    assert setting(fresh_db, "memory_limit") == duckdb_reads(limit)
    assert setting(fresh_db, "temp_directory") == str(store.db_path(fresh_db)) + ".tmp"


def test_the_limit_can_be_set(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEND_MEMORY_LIMIT", "512MB")
    db = tmp_path / "limited.duckdb"
    try:
        assert setting(db, "memory_limit") == duckdb_reads("512MB")
    finally:
        store.close(db)
