"""Backups: export → restore gives back the same store (every table, the scorecard), and a backup
that was changed, or a folder that is not empty, is refused."""
from __future__ import annotations

import json

import pytest

from lib import backup, cli, store
from lib.scorecard.card import kpis


def _export(db, out) -> dict:
    manifest = backup.export(out, db=db)
    store.close(db)
    return manifest


def test_round_trip_gives_back_every_table_and_the_scorecard(demo_db, tmp_path, capsys):
    cur = store.cursor(demo_db)
    before = {fy: json.dumps(kpis(cur, fy), sort_keys=True, default=str) for fy in ("2019/20", "2024/25")}
    names = backup.tables(cur)
    cur.close()
    # The registers and the staff's decisions are among what is backed up (found in the catalogue).
    assert {"_migrations", "supplier_register", "supplier_edits", "contracts", "contract_edits", "savings", "targets", "target_changes",
            "redaction_decisions", "column_mappings", "match_decisions"} <= set(names), names

    out = tmp_path / "backup"
    assert cli.main(["export", "--out", str(out), "--db", str(demo_db)]) == 0
    said = json.loads(capsys.readouterr().out)
    manifest = json.loads((out / "manifest.json").read_text())
    assert said["tables"] == len(names) == len(manifest["tables"])
    assert manifest["migrations"] == sorted(p.stem for p in store.MIGRATIONS.glob("m*.sql"))
    spend = next(t for t in manifest["tables"] if t["table"] == "transactions")
    assert spend["rows"] > 1000 and "amount" in spend["sums"]

    new = tmp_path / "restored.duckdb"
    assert cli.main(["restore", str(out), "--db", str(new)]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == sum(t["rows"] for t in manifest["tables"])

    store.close(demo_db)
    cur = store.cursor(new)
    try:
        after = {fy: json.dumps(kpis(cur, fy), sort_keys=True, default=str) for fy in before}
        assert after == before
        assert backup.tables(cur) == names
        cur.execute("ATTACH ? AS old (READ_ONLY)", [str(demo_db)])
        for name in names:
            q = f'"{name}"'
            for a, b in ((f"main.{q}", f"old.{q}"), (f"old.{q}", f"main.{q}")):
                extra = cur.execute(f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})").fetchone()[0]
                assert extra == 0, (name, a)
            n = cur.execute(f"SELECT count(*) FROM main.{q}").fetchone()[0]
            assert n == cur.execute(f"SELECT count(*) FROM old.{q}").fetchone()[0], name
        # New ids follow on after the restored ones (sequences carried over).
        for seq, last in manifest["sequences"].items():
            if last is not None:
                assert cur.execute("SELECT nextval(?)", [seq]).fetchone()[0] == last + 1, seq
        cur.execute("DETACH old")
    finally:
        cur.close()
        store.close(new)


def test_a_changed_file_is_refused_and_nothing_is_left(small_store, tmp_path, capsys):
    out = tmp_path / "backup"
    _export(small_store, out)
    victim = out / "transactions.parquet"
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    new = tmp_path / "restored.duckdb"
    assert cli.main(["restore", str(out), "--db", str(new)]) == 2
    err = capsys.readouterr().err
    assert "transactions.parquet" in err and "SHA-256" in err
    assert not new.exists()


def test_rows_that_disagree_with_the_manifest_are_refused(small_store, tmp_path):
    """A file swapped for another and its hash rewritten still fails on its rows and money sums."""
    out = tmp_path / "backup"
    manifest = _export(small_store, out)
    entry = next(t for t in manifest["tables"] if t["table"] == "transactions")
    entry["sums"]["amount"] = "1.00"
    (out / "manifest.json").write_text(json.dumps(manifest))
    new = tmp_path / "restored.duckdb"
    with pytest.raises(backup.BackupError, match="transactions.parquet"):
        backup.restore(out, new)
    assert not new.exists()


def test_a_backup_from_a_newer_release_is_refused(small_store, tmp_path, capsys):
    out = tmp_path / "backup"
    manifest = _export(small_store, out)
    manifest["migrations"].append("m999_from_the_future")
    (out / "manifest.json").write_text(json.dumps(manifest))
    assert cli.main(["restore", str(out), "--db", str(tmp_path / "r.duckdb")]) == 2
    assert "m999_from_the_future" in capsys.readouterr().err


def test_a_manifest_naming_a_file_outside_its_table_is_refused(small_store, tmp_path):
    out = tmp_path / "backup"
    manifest = _export(small_store, out)
    manifest["tables"][0]["file"] = "../elsewhere.parquet"
    (out / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupError, match="expected"):
        backup.restore(out, tmp_path / "r.duckdb")


def test_export_into_a_folder_holding_files_is_refused(small_store, tmp_path, capsys):
    out = tmp_path / "full"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert cli.main(["export", "--out", str(out), "--db", str(small_store)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_restore_over_an_existing_store_is_refused(small_store, tmp_path):
    out = tmp_path / "backup"
    _export(small_store, out)
    with pytest.raises(backup.BackupError, match="already exists"):
        backup.restore(out, small_store)
