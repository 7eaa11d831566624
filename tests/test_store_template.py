"""A new store is a copy of one migrated ahead (lib.store._template) rather than migrated where it
is: the copy holds exactly what migrating in place gives (every table, view, macro and seeded row,
the record of migrations), its seeded rows stamped with the time the store was made, and nothing
derived is refreshed on opening a store made just now."""
from __future__ import annotations

import os
import tempfile

import duckdb

from lib import derived, store

# Everything a store's schema is, each object by its definition.
SCHEMA = {
    "tables": "SELECT table_name, sql FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1",
    "views": "SELECT view_name, sql FROM duckdb_views() WHERE database_name = current_database() AND NOT internal "
             "ORDER BY 1",
    "macros": "SELECT function_name, parameters::VARCHAR, macro_definition FROM duckdb_functions() "
              "WHERE database_name = current_database() AND function_type LIKE '%macro%' AND NOT internal ORDER BY ALL",
    "sequences": "SELECT sequence_name, start_value, last_value FROM duckdb_sequences() "
                 "WHERE database_name = current_database() ORDER BY 1",
    "migrations": "SELECT name FROM _migrations ORDER BY 1",
}
_STAMPED = ("SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() "
            "AND column_default ILIKE '%current_timestamp%'")


def contents(cur) -> dict:
    """The schema and every table's rows, the columns stamped with the time left out."""
    got = {name: cur.execute(sql).fetchall() for name, sql in SCHEMA.items()}
    stamped = {}
    for table, column in cur.execute(_STAMPED).fetchall():
        stamped.setdefault(table, []).append(column)
    for (table,) in cur.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
                                ).fetchall():
        exclude = ", ".join(f'"{c}"' for c in stamped.get(table, []))
        cols = f"* EXCLUDE ({exclude})" if exclude else "*"
        got["rows " + table] = cur.execute(f'SELECT {cols} FROM "{table}" ORDER BY ALL').fetchall()
    return got


def test_a_store_copied_from_the_template_is_the_store_migrated_in_place(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # a template of this test's own
    template = store._template()
    assert template is not None and template.parent.parent == tmp_path
    assert template.parent.stat().st_mode & 0o077 == 0  # a folder only this user can reach
    con = duckdb.connect(str(template))  # made long ago
    for table, column in con.execute(_STAMPED).fetchall():
        con.execute(f'UPDATE "{table}" SET "{column}" = TIMESTAMP \'2000-01-01\' WHERE "{column}" IS NOT NULL')
    con.close()
    copied, in_place = tmp_path / "copied.duckdb", tmp_path / "in_place.duckdb"
    cur = store.cursor(copied)
    got = contents(cur)
    # seeded rows and the record say the store was made now, not when the template was
    assert cur.execute("SELECT min(applied_at) > TIMESTAMP '2001-01-01' FROM _migrations").fetchone()[0]
    assert cur.execute("SELECT min(set_at) > TIMESTAMP '2001-01-01' FROM targets").fetchone()[0]
    assert derived.stale(cur) == list(derived.PARTS)  # nothing derived yet: the first write does it
    cur.close()
    store.close(copied)

    monkeypatch.setattr(store, "_template", lambda: None)  # no template: migrated where it is
    cur = store.cursor(in_place)
    assert contents(cur) == got
    cur.close()
    store.close(in_place)


def test_a_new_store_is_brought_up_to_date_by_its_first_write(fresh_db, tmp_path):
    (tmp_path / "spend_2019-05.csv").write_text("Date,Supplier Name,Amount\n01/05/2019,Acme Ltd,10.00\n")
    from lib.ingest import load_file

    load_file(tmp_path / "spend_2019-05.csv", db=fresh_db)
    cur = store.cursor(fresh_db)
    try:
        assert derived.stale(cur) == []
    finally:
        cur.close()


def test_a_template_folder_others_can_write_to_is_not_used(tmp_path, monkeypatch):
    """Anyone may write to the system's temporary folder: a template folder there that others can
    write to (made by someone else, or opened up) could hold a store of theirs, so it is not used and a
    new store is migrated where it is, the same as ever."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = tmp_path / f"spend-insight-{os.getuid()}"
    folder.mkdir()
    folder.chmod(0o777)
    assert store._template() is None
    assert not list(folder.iterdir())
    cur = store.cursor(tmp_path / "new.duckdb")
    try:
        assert cur.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(store._files())
    finally:
        cur.close()
        store.close(tmp_path / "new.duckdb")
    folder.chmod(0o700)
    made = store._template()
    assert made is not None and made.parent == folder
    assert store._template() == made  # built once, then found


def test_every_column_stamped_with_the_time_written_is_in_the_fixed_list(fresh_db):
    """_stamp_now writes only the identifiers of store.STAMPED into its statements: every column the
    migrations give the current time as default is in it, so none keeps the template's time."""
    cur = store.cursor(fresh_db)
    try:
        assert set(cur.execute(store.STAMPED_SQL).fetchall()) == set(store.STAMPED)
    finally:
        cur.close()
