"""Backups: the whole store written as Parquet files with a manifest, and a store rebuilt from them.

    export(out, db)          every table of the store (found in DuckDB's catalogue, views left out:
                             the migrations recreate them), one Parquet file each, and manifest.json
    restore(folder, db)      a NEW store at ``db``: migrated, then every table loaded in one
                             transaction through lib.store.write, after every file has been checked
                             against the manifest; derived data is then brought up to date as on
                             any write

The manifest says, per table, its file, row count, the exact sum (a string) of each DECIMAL column
and the file's SHA-256; the store's migrations; each sequence's last value (so new ids carry on
after the restored ones); and when it was written. A restore refuses (BackupError) any file whose
hash, rows or sums differ, and a backup whose migrations differ from the code's.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from lib import filehash, store

MANIFEST = "manifest.json"
FORMAT = 1
# A table or sequence name as the migrations write them; anything else in a manifest is refused, so
# no text read from a backup ever reaches SQL unchecked (names are also looked up in the catalogue).
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


class BackupError(ValueError):
    """The folder cannot be written to, or the backup in it cannot be restored: the message says why."""


def _check_name(name: str) -> None:
    """A backup's table or sequence name is a plain identifier (read_manifest, before any use)."""
    if not _NAME.fullmatch(name):
        raise BackupError(f"{name!r} is not a table name this store uses")


def _own_table(name: str, present: set[str]) -> str:
    """The quoted identifier of ``name``, taken only from ``present``: the store's own tables as
    DuckDB's catalogue lists them (:func:`tables`). DELETE and INSERT take no table name as a bound
    value, so this fixed list is what a statement's table name may come from."""
    if name not in present:
        raise BackupError(f"{name!r} is not a table name this store uses")
    _check_name(name)
    return '"' + name + '"'


def tables(cur) -> list[str]:
    """Every base table of the store's main schema, from DuckDB's catalogue (views excluded)."""
    return [r[0] for r in cur.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND NOT temporary ORDER BY table_name").fetchall()]


def _decimal_columns(cur, table: str) -> list[str]:
    return [r[0] for r in cur.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = ? AND data_type LIKE 'DECIMAL%' ORDER BY column_index",
        [table]).fetchall()]


# What _figures reads: a table of the store by its name, or a Parquet file by its path (each bound).
_TABLE, _PARQUET = "query_table(?)", "read_parquet(?)"


def _figures(cur, source: str, where: str, decimals: list[str]) -> tuple[int, dict[str, str]]:
    """Row count and the exact sum (as text; '0' when no row has a value) of each DECIMAL column of
    ``source`` (_TABLE or _PARQUET) at ``where`` (the table's name, the file's path); the columns'
    names are bound too, and each sum is matched to its column by the name DuckDB gives it."""
    if not decimals:
        return int(cur.execute("SELECT count(*) FROM " + source, [where]).fetchone()[0]), {}
    res = cur.execute("SELECT count(*), sum(COLUMNS(lambda c: list_contains(?::VARCHAR[], c))) FROM " + source,
                      [decimals, where])
    row = res.fetchone()
    got = {d[0]: v for d, v in zip(res.description[1:], row[1:])}
    return int(row[0]), {c: str(got[c] if got[c] is not None else 0) for c in decimals}


def _migrations(cur) -> list[str]:
    return [r[0] for r in cur.execute("SELECT name FROM _migrations ORDER BY name").fetchall()]


def _code_migrations() -> list[str]:
    return sorted(p.stem for p in store.MIGRATIONS.glob("m[0-9][0-9][0-9]_*.sql"))


def _ready_folder(out: Path) -> None:
    """``out`` must be new or an empty folder: nothing already there is ever replaced or deleted."""
    if out.exists():
        if not out.is_dir():
            raise BackupError(f"{out} is not a folder")
        if any(out.iterdir()):
            raise BackupError(f"{out} is not empty: choose a new or empty folder (nothing in it was touched)")
    out.mkdir(parents=True, exist_ok=True)


def export(out: str | Path, db=None) -> dict:
    """Write every table of the store at ``db`` to ``out`` (a new or empty folder) as Parquet, and
    manifest.json last (a folder without one is an unfinished backup). Returns the manifest.

    Read in one transaction, so the files agree with each other even while another writer waits."""
    out = Path(out).resolve()
    _ready_folder(out)
    cur = store.cursor(db)
    try:
        cur.execute("BEGIN TRANSACTION")
        try:
            entries = []
            for name in tables(cur):
                path = out / f"{name}.parquet"
                cur.execute("COPY (SELECT * FROM query_table(?)) TO ? (FORMAT parquet, COMPRESSION zstd)",
                            [name, str(path)])
                decimals = _decimal_columns(cur, name)
                rows, sums = _figures(cur, _TABLE, name, decimals)
                entries.append({"table": name, "file": path.name, "rows": rows, "sums": sums,
                                "sha256": filehash.sha256_of(path)})
            sequences = {r[0]: r[1] for r in cur.execute(
                "SELECT sequence_name, last_value FROM duckdb_sequences() "
                "WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary "
                "ORDER BY sequence_name").fetchall()}
            migrations = _migrations(cur)
        finally:
            cur.execute("ROLLBACK")
    finally:
        cur.close()
    manifest = {"format": FORMAT, "written_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "migrations": migrations, "sequences": sequences, "tables": entries}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def read_manifest(folder: str | Path) -> dict:
    """The manifest of the backup in ``folder``, checked: its migrations are the code's, every file
    it names is there, and each file's SHA-256 matches. BackupError says what is wrong."""
    folder = Path(folder).resolve()
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{folder} holds no {MANIFEST}: not a backup, or an unfinished one") from None
    except (ValueError, UnicodeDecodeError) as e:
        raise BackupError(f"{folder / MANIFEST} cannot be read: {e}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{folder / MANIFEST}: not a backup manifest this release can read")
    known = _code_migrations()
    theirs = list(manifest.get("migrations") or [])
    newer = sorted(set(theirs) - set(known))
    if newer:
        raise BackupError(f"the backup was written by a newer release (migrations {', '.join(newer)} "
                          f"are unknown here): restore it with that release or a later one")
    older = sorted(set(known) - set(theirs))
    if older:
        raise BackupError(f"the backup predates migrations {', '.join(older)}: restore it with the "
                          f"release that wrote it, then open the store with this one to migrate it")
    for t in manifest.get("tables") or []:
        name, file = str(t.get("table")), str(t.get("file"))
        _check_name(name)
        if file != f"{name}.parquet":
            raise BackupError(f"manifest: table {name} names file {file!r}, expected {name}.parquet")
        path = folder / file
        if not path.is_file():
            raise BackupError(f"{file}: missing from the backup")
        if filehash.sha256_of(path) != t.get("sha256"):
            raise BackupError(f"{file}: its SHA-256 differs from the manifest's (changed or damaged since export)")
    return manifest


def restore(folder: str | Path, db) -> dict:
    """Rebuild the store of the backup in ``folder`` at ``db``, which must not exist yet.

    Every file is checked first (hash; then, read back, its rows and DECIMAL sums) and the tables
    are loaded in one transaction: a mismatch anywhere leaves nothing loaded (the new file holds
    only the migrated, empty schema, and is removed). Returns {"tables", "rows", "db"}."""
    folder = Path(folder).resolve()
    target = store.db_path(db)
    if target.exists() or Path(str(target) + ".wal").exists():
        raise BackupError(f"--db {target}: already exists; restore builds a new store (give a new path)")
    manifest = read_manifest(folder)
    try:
        con = store.connect(target)
        cur = con.cursor()
        try:
            present = set(tables(cur))
        finally:
            cur.close()
        entries = manifest["tables"]
        unknown = sorted({t["table"] for t in entries} - present)
        if unknown:
            raise BackupError(f"the backup holds tables this store does not have: {', '.join(unknown)}")
        total = 0
        with store.write(target) as cur:
            for t in entries:
                name, path = t["table"], str(folder / t["file"])
                table = _own_table(name, present)
                decimals = _decimal_columns(cur, name)
                if sorted(t.get("sums", {})) != sorted(decimals):
                    raise BackupError(f"{t['file']}: the manifest's money columns differ from table {name}'s")
                rows, sums = _figures(cur, _PARQUET, path, decimals)
                if rows != t["rows"] or sums != t["sums"]:
                    raise BackupError(f"{t['file']}: holds {rows} rows and sums {sums}; the manifest says "
                                      f"{t['rows']} rows and {t['sums']}")
                # Rows the migrations seeded (targets, settings, …) give way to the backup's own.
                cur.execute("DELETE FROM " + table)
                cur.execute("INSERT INTO " + table + " BY NAME SELECT * FROM read_parquet(?)", [path])
                total += rows
            for seq, last in (manifest.get("sequences") or {}).items():
                if last is None:
                    continue
                _check_name(seq)
                known = cur.execute("SELECT count(*) FROM duckdb_sequences() WHERE database_name = current_database() "
                                    "AND schema_name = 'main' AND sequence_name = ?", [seq]).fetchone()[0]
                if not known:
                    raise BackupError(f"the backup's sequence {seq} is not in this store")
                # Advance the new sequence to the backup's last value: the next id follows on.
                cur.execute("SELECT max(nextval(?)) FROM range(?)", [seq, int(last)])
    except BaseException:
        store.close(target)
        for p in (target, Path(str(target) + ".wal")):
            p.unlink(missing_ok=True)
        raise
    store.close(target)
    return {"db": str(target), "tables": len(manifest["tables"]), "rows": total}
