"""The one refresh step (lib/derived.py): every write brings derived data up to date, recomputing only
the parts whose inputs moved, and a store written outside lib.store.write is seen to be stale."""
from __future__ import annotations

from decimal import Decimal as D

from lib import derived, store
from lib.geo.postcodes import build_reference
from lib.ingest import load_file, remove_batch
from conftest import rows_of as rows

REGISTER = "Supplier ID,Supplier Name,Postcode\nS1,Ribble Vans Ltd,PR1 2HE\nS2,Wigan Fuel Ltd,WN5 0AA\n"
SPEND = "Date,Supplier Name,Supplier ID,Amount\n01/05/2019,Ribble Vans Ltd,S1,100.00\n02/05/2019,Wigan Fuel,,50.00\n"


def what_a_write_does(db, sql: str, params=None) -> dict:
    """Run ``sql`` in a write and return what the refresh did for it (the write's own closing refresh
    then finds nothing left to do)."""
    with store.write(db) as cur:
        cur.execute(sql, params)
        return derived.refresh(cur)


def test_reference_built_after_the_register_places_its_suppliers(fresh_db, tmp_path, codepoint_subset):
    (tmp_path / "suppliers.csv").write_text(REGISTER)
    load_file(tmp_path / "suppliers.csv", db=fresh_db, kind="suppliers")
    assert rows(fresh_db, "SELECT ring, reason FROM supplier_locations ORDER BY 1") == [
        ("Unknown", "postcode reference not built yet (python -m lib.cli postcode --build)")] * 2
    build_reference(fresh_db, source=codepoint_subset)
    assert rows(fresh_db, "SELECT supplier_ref, ring, district_code FROM supplier_locations ORDER BY 1") == [
        ("ID:S1", "Lancashire", "E07000123"), ("ID:S2", "North West", "E08000010")]
    assert rows(fresh_db, "SELECT part, inputs IS NOT NULL FROM derived_state ORDER BY 1") == [
        ("links", True), ("locations", True), ("register", True), ("shapes", True)]


def test_each_write_recomputes_only_what_moved(fresh_db, tmp_path, codepoint_subset):
    (tmp_path / "suppliers.csv").write_text(REGISTER)
    (tmp_path / "spend_2019-05.csv").write_text(SPEND)
    build_reference(fresh_db, source=codepoint_subset)
    load_file(tmp_path / "suppliers.csv", db=fresh_db, kind="suppliers")
    load_file(tmp_path / "spend_2019-05.csv", db=fresh_db)
    # A target, a setting: nothing derived depends on them.
    assert what_a_write_does(fresh_db, "UPDATE targets SET value = value") == {
        "links": "none", "locations": "none", "register": "none", "cover": "none", "summary": "none", "facts": "none",
        "review": "none", "redaction": "none",
        "fuzzy": "none", "shapes": "none"}
    # A spend line: the links (and the lines to cover), never where suppliers are.
    done = what_a_write_does(fresh_db, """INSERT INTO transactions (batch_id, sheet, row_number, payment_date,
        period_start, fy, fy_start, amount, supplier_name, supplier_key, is_redacted)
        SELECT batch_id, sheet, 99, payment_date, period_start, fy, fy_start, 1.00, 'Wigan Fuel Ltd',
               'WIGAN FUEL', FALSE FROM transactions LIMIT 1""")
    assert (done["links"], done["locations"], done["shapes"]) == ("computed", "none", "none")
    assert ("WIGAN FUEL", "ID:S2") in rows(fresh_db, "SELECT spend_key, supplier_ref FROM supplier_links")
    # A staff answer to where a supplier is: the locations.
    done = what_a_write_does(fresh_db, "INSERT INTO supplier_edits (supplier_ref, field, new_value, edited_by) "
                                       "VALUES ('ID:S2', 'postcode', 'SW1A 1AA', 'tester')")
    assert done["locations"] == "computed"
    assert rows(fresh_db, "SELECT ring FROM supplier_locations WHERE supplier_ref = 'ID:S2'") == [("Rest of UK",)]


def test_removing_the_register_unlinks_and_unplaces(fresh_db, tmp_path, codepoint_subset):
    (tmp_path / "suppliers.csv").write_text(REGISTER)
    (tmp_path / "spend_2019-05.csv").write_text(SPEND)
    build_reference(fresh_db, source=codepoint_subset)
    reg = load_file(tmp_path / "suppliers.csv", db=fresh_db, kind="suppliers").batch_id
    load_file(tmp_path / "spend_2019-05.csv", db=fresh_db)
    by_ring = "SELECT ring, sum(amount) FROM spend_located GROUP BY ALL ORDER BY 1"
    assert rows(fresh_db, by_ring) == [("Lancashire", D("100.00")), ("North West", D("50.00"))]
    remove_batch(reg, db=fresh_db)
    assert rows(fresh_db, "SELECT count(*) FROM supplier_links") == [(0,)]
    assert rows(fresh_db, "SELECT count(*) FROM supplier_locations") == [(0,)]
    assert rows(fresh_db, by_ring) == [("Unknown", D("150.00"))]


def test_a_store_written_outside_the_write_path_is_seen_stale_then_refreshed(fresh_db, tmp_path,
                                                                              codepoint_subset):
    (tmp_path / "suppliers.csv").write_text(REGISTER)
    load_file(tmp_path / "suppliers.csv", db=fresh_db, kind="suppliers")
    cur = store.cursor(fresh_db)
    try:
        assert derived.stale(cur) == []
        # written behind the write path's back (another tool, an older release)
        cur.execute("INSERT INTO supplier_register (batch_id, sheet, row_number, supplier_id, name, supplier_key, "
                    "postcode) SELECT batch_id, sheet, 9, 'S9', 'Leeds Print Ltd', 'LEEDS PRINT', 'LS1 4AP' "
                    "FROM supplier_register LIMIT 1")
        assert derived.stale(cur) == ["links", "locations", "register", "redaction", "fuzzy"]
        store.refresh(fresh_db)
        assert derived.stale(cur) == []
        assert cur.execute("SELECT count(*) FROM supplier_locations").fetchone()[0] == 3
        assert cur.execute("SELECT count(*) FROM register_kept").fetchone()[0] == 3
        # a store opened by a later process is brought up to date on opening
        cur.execute("UPDATE derived_state SET inputs = NULL WHERE part = 'locations'")
        cur.execute("DELETE FROM supplier_locations")
    finally:
        cur.close()
    store.close(fresh_db)
    assert rows(fresh_db, "SELECT count(*) FROM supplier_locations") == [(3,)]


def test_district_shapes_are_redrawn_when_the_reference_changes(fresh_db, tmp_path, codepoint_subset):
    import zipfile

    from lib.geo import shapes

    build_reference(fresh_db, source=codepoint_subset)
    assert shapes.build_shapes(fresh_db)["built"]
    cur = store.cursor(fresh_db)
    try:
        drawn_from = shapes.built_stamp(cur)
        # Another edition of Code-Point Open (here: the same without Leeds), built over it.
        other = tmp_path / "codepo_other.zip"
        with zipfile.ZipFile(codepoint_subset) as src, zipfile.ZipFile(other, "w") as dst:
            for name in src.namelist():
                if not name.endswith("/ls.csv"):
                    dst.writestr(name, src.read(name))
        build_reference(fresh_db, source=other, force=True)
        assert shapes.built_stamp(cur) != drawn_from and shapes.shapes_built(cur=cur)  # redrawn, not stale
        assert derived.stale(cur) == []
    finally:
        cur.close()
