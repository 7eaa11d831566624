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




def test_the_store_connection_draws_no_progress_bar(tmp_path):
    """DuckDB draws a progress bar on stdout for a statement longer than two seconds on a connection
    (a migration over tens of millions of lines runs on the store's own): the CLI's stdout is its JSON
    lines alone, so the store's connection has the bar turned off (its cursors have none). Asked of a
    process of its own, whose stdout is a pipe, as the CLI's is when a job reads it."""
    import subprocess
    import sys
    from pathlib import Path

    script = ("import sys; from lib import store; con = store.connect(sys.argv[1]); "
              "print(con.execute(\"SELECT current_setting('enable_progress_bar')\").fetchone()[0]); store.close(sys.argv[1])")
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "s.duckdb")], capture_output=True, text=True,
                         cwd=Path(store.__file__).resolve().parent.parent, check=True).stdout
    assert out.strip() == "False"


def test_rows_are_written_in_row_groups_of_the_stores_size(tmp_path):
    """The store's file is attached with ROW_GROUP_SIZE (lib.store.ROW_GROUP_SIZE), so a load's
    summaries are written as they are inserted, not all at the commit. Every cursor writes to the
    file (not to DuckDB's in-memory database), and what one wrote is there after the store is closed
    and opened again, in row groups of that size."""
    db = tmp_path / "rg.duckdb"
    n = store.ROW_GROUP_SIZE * 3 + 5
    try:
        with store.write(db, refresh=False) as cur:
            cur.execute("CREATE TABLE rg_probe AS SELECT range AS i FROM range(?)", [n])
        cur = store.cursor(db)
        assert cur.execute("SELECT database_name FROM duckdb_tables() WHERE table_name = 'rg_probe'").fetchall() == [("store",)]
        cur.close()
    finally:
        store.close(db)
    con = duckdb.connect(str(db), read_only=True)  # the file as another process reads it
    try:
        groups = con.execute("SELECT row_group_id, max(count) FROM pragma_storage_info('rg_probe') "
                             "WHERE column_name = 'i' GROUP BY ALL ORDER BY 1").fetchall()
        assert con.execute("SELECT count(*), sum(i) FROM rg_probe").fetchone() == (n, n * (n - 1) // 2)
    finally:
        con.close()
    assert [c for _, c in groups] == [store.ROW_GROUP_SIZE] * 3 + [5]
