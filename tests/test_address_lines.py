"""A supplier register that writes each supplier's address over several columns, a line each, as a
finance system's supplier master exports it ("Address 1" | "Address 2" | "Address 3" | "Address 4"),
the postcode on whichever line is the last one filled. Only "Address 1" was read, so no supplier had a
postcode and none could be placed on the map or in a ring. Now the lines are read together
(lib.ingest.columns.add_spread_lines), and the postcode is found in them as in a one-cell address."""
from __future__ import annotations

from conftest import rows_of as q
from lib.ingest import columns as colmod
from lib.ingest import load_file
from test_register_layouts import _fields, _write

SUPPLIERS = [("Acme Ltd", "Unit 1", "Moss Lane", "Preston", "PR1 2AB"),
             ("Fylde Coast YMCA", "Church Street", "Blackpool", "FY1 3PR", ""),
             ("Capita Business Services Ltd", "65 Gresham Street", "London", "EC2V 7NQ", ""),
             ("J Smith Plumbing", "3 High St", "Chorley", "", "")]


def test_an_address_over_four_columns_gives_each_supplier_its_postcode(tmp_path, db):
    head = ["Vendor", "Address 1", "Address 2", "Address 3", "Address 4", "Email Address"]
    rows = [list(s) + [f"accounts{i}@example.com"] for i, s in enumerate(SUPPLIERS)]
    res = load_file(_write(tmp_path / "vendors.csv", head, rows), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0), res.problems[:3]
    # the lines are the address, in order; an email address is no line of it, and is left unused
    assert _fields(res) == {"name": "Vendor", "address": "Address 1, Address 2, Address 3, Address 4"}
    assert res.as_json()["columns_unused"] == ["Email Address"]
    assert q(db, "SELECT name, postcode FROM supplier_register ORDER BY row_number") == [
        ("Acme Ltd", "PR1 2AB"), ("Fylde Coast YMCA", "FY1 3PR"), ("Capita Business Services Ltd", "EC2V 7NQ"),
        ("J Smith Plumbing", None)]


def test_a_postcode_column_still_gives_the_postcode_and_other_lines_join_the_address():
    headers = ["Supplier Name", "Address Line 1", "Address Line 2", "Town", "Post Code", "Web Address"]
    profiles = [colmod.Profile(n=10, words=1.0, distinct=1.0, legal=0.5)] + [colmod.Profile(n=10, words=1.0, distinct=1.0)] * 5
    m = colmod.plan_columns(headers, profiles, colmod.SUPPLIERS)
    colmod.add_spread_lines(m, colmod.SUPPLIERS)
    assert m.columns["postcode"] == 4 and m.columns["address"] == 1
    # "Town" is a line of the address named by what it holds; the postcode is its own field's
    assert m.joined == {"address": [1, 2, 3]}
    assert not {2, 3} & set(m.unused) and 5 in m.unused


def test_town_and_county_columns_are_lines_of_the_address(tmp_path, db):
    """"Address Line 1" | "Town" | "County", the postcode in the last line filled and no column of its
    own: the town and county are read as lines of the address, so the postcode is found there; a
    "Supplier Town" is the supplier's own town. A town beside no address is no address."""
    head = ["Supplier Name", "Address Line 1", "Supplier Town", "County"]
    rows = [["Acme Ltd", "Unit 1 Moss Lane", "Preston", "Lancashire PR1 2AB"],
            ["Fylde Coast YMCA", "Church Street", "Blackpool FY1 3PR", ""],
            ["J Smith Plumbing", "3 High St", "Chorley", "Lancashire"]]
    res = load_file(_write(tmp_path / "vendors.csv", head, rows), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (3, 0), res.problems[:3]
    assert _fields(res) == {"name": "Supplier Name", "address": "Address Line 1, Supplier Town, County"}
    assert q(db, "SELECT name, postcode FROM supplier_register ORDER BY row_number") == [
        ("Acme Ltd", "PR1 2AB"), ("Fylde Coast YMCA", "FY1 3PR"), ("J Smith Plumbing", None)]
    m = colmod.plan_columns(["Supplier", "Town", "Post Code"],
                            [colmod.Profile(n=10, words=1.0, distinct=1.0, legal=0.5)] * 3, colmod.SUPPLIERS)
    colmod.add_spread_lines(m, colmod.SUPPLIERS)
    assert m.joined == {} and "address" not in m.columns


def test_another_address_beside_it_is_not_a_line_of_it():
    """"Invoice Address" beside "Registered Address" is another address of the supplier's, and "Contact
    Address 1" in a notice export is the buyer's: neither is a line of the address mapped."""
    for headers in (["Supplier", "Registered Address", "Invoice Address"],
                    ["Supplier Name", "Contact Address 1", "Supplier Address"]):
        profiles = [colmod.Profile(n=10, words=1.0, distinct=1.0, legal=0.5)] * len(headers)
        m = colmod.plan_columns(headers, profiles, colmod.SUPPLIERS)
        colmod.add_spread_lines(m, colmod.SUPPLIERS)
        assert m.joined == {}, headers


def test_the_preview_shows_the_postcodes_as_they_will_be_stored(tmp_path, db):
    """The Upload page's preview reads the rows as the load stores them (registers.stored_sql): the
    postcode found in the address is shown, not a blank the load then fills."""
    from lib.ingest.load import preview_file

    head = ["Vendor", "Address 1", "Address 2", "Address 3", "Address 4"]
    res, rows, problems = preview_file(_write(tmp_path / "vendors.csv", head, [list(s) for s in SUPPLIERS]), db=db,
                                       kind="suppliers")
    shown = [None if v != v else v for v in rows["postcode"]]  # (pandas shows a missing value as NaN)
    assert shown == ["PR1 2AB", "FY1 3PR", "EC2V 7NQ", None]
    load_file(tmp_path / "vendors.csv", db=db, kind="suppliers")
    assert [r[0] for r in q(db, "SELECT postcode FROM supplier_register ORDER BY row_number")] == shown
