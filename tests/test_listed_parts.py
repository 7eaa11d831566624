"""A column whose header lists the parts each cell holds: Contracts Finder's export writes each
awarded supplier as one cell, "Supplier [Name|Address|Ref type|Ref Number|Is SME|Is VCSE]" =
"ACME SERVICES LTD|1 High St, Preston, PR1 1AA|COMPANIES_HOUSE|01234567|Yes|No". As a contracts
register it was refused (its empty "Parent Reference" made the reference unclear) and, with that
settled, each contract's supplier would have been the whole cell. As a supplier register its
suppliers were placed at the buyer's own postcode and called SMEs by the notice's "Suitable for SME".
Now the cell is read as a column a part (lib.ingest.listed), and a supplier register reads the
supplier's own columns before the buyer's (lib.ingest.columns: Kind.subject, Kind.own_facts)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import rows_of as q
from lib.ingest import columns as colmod
from lib.ingest import load_file
from lib.ingest.listed import listed_parts
from test_register_layouts import _fields, _write

D = Decimal
SUPPLIERS = [("ACME SERVICES LTD", "1 High St, Preston, PR1 1AA", "COMPANIES_HOUSE", "01234567", "Yes", "No"),
             ("BLUE LIGHT FLEET LIMITED", "Unit 2, Trafford Park, Manchester, M17 1AA", "COMPANIES_HOUSE", "07654321",
              "No", "No"),
             ("LANCASHIRE MIND", "80-82 Devonshire Road, Chorley, PR7 2DR", "CHARITY_COMMISSION", "1107342", "Yes", "Yes")]
SUPPLIER_HEAD = "Supplier [Name|Address|Ref type|Ref Number|Is SME|Is VCSE]"
# Contracts Finder's columns, as its export writes them (the contact is the buyer's)
HEAD = ["Notice Identifier", "Notice Type", "Organisation Name", "Status", "Published Date", "Title", "Description",
        "Nationwide", "Postcode", "Region", "Cpv Codes", "Contact Name", "Contact Email", "Contact Address 1",
        "Contact Town", "Contact Postcode", "Contact Country", "Start Date", "End Date", "Closing Date",
        "Is sub-contract", "Parent Reference", "Suitable for SME", "Suitable for VCO", "Value Low", "Value High",
        "Awarded Date", "Awarded Value", SUPPLIER_HEAD]


def _rows(n: int = 12, cell=None) -> list[list[str]]:
    rows = []
    for i in range(n):
        start = dt.date(2023, 4, 1) + dt.timedelta(days=30 * i)
        value = 25000 + 5000 * i
        supplier = "|".join(SUPPLIERS[i % 3]) if cell is None else cell(i)
        rows.append([f"tender_{300000 + i}/{1000 + i}", "Awarded Contract", "Lancashire Constabulary", "Awarded",
                     (start - dt.timedelta(days=10)).strftime("%d/%m/%Y"), f"Provision of service {i}",
                     "Long text, with commas", "No", "PR4 5SB", "North West", "50100000", "Procurement Team",
                     "procurement@example.police.uk", "Saunders Lane", "Preston", "PR4 5SB", "England",
                     start.strftime("%d/%m/%Y"), (start + dt.timedelta(days=365 * (1 + i % 3) - 1)).strftime("%d/%m/%Y"),
                     "", "No", "", "Yes", "No", str(value - 1000), str(value + 1000),
                     (start - dt.timedelta(days=5)).strftime("%d/%m/%Y"), str(value), supplier])
    return rows


@pytest.mark.parametrize("header, expected", [
    (SUPPLIER_HEAD, ("Supplier", ["Name", "Address", "Ref type", "Ref Number", "Is SME", "Is VCSE"])),
    ("Payee (Name | Postcode)", ("Payee", ["Name", "Postcode"])),
    ("[Supplier|Town]", ("", ["Supplier", "Town"])),
    ("Amount (£)", None), ("Supplier [Name]", None), ("Name|Address", None), ("Supplier [Name||Town]", None), (None, None)])
def test_a_header_lists_its_parts_only_between_brackets_and_set_apart_by_bars(header, expected):
    assert listed_parts(header) == expected


def test_a_contracts_finder_export_reads_each_supplier_from_its_parts(tmp_path, db):
    res = load_file(_write(tmp_path / "notices.csv", HEAD, _rows()), db=db, kind="contracts")
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (12, 12, 0), res.problems[:3]
    fields = _fields(res)
    # the reference is the one filled column that says so (the empty "Parent Reference" is no rival)
    assert fields["reference"] == "Notice Identifier"
    assert (fields["supplier_name"], fields["supplier_id"]) == ("Supplier Name", "Supplier Ref Number")
    assert (fields["value"], fields["start_date"], fields["end_date"]) == ("Awarded Value", "Start Date", "End Date")
    assert q(db, "SELECT DISTINCT supplier_name, supplier_id FROM contracts ORDER BY 1") == [
        ("ACME SERVICES LTD", "01234567"), ("BLUE LIGHT FLEET LIMITED", "07654321"), ("LANCASHIRE MIND", "1107342")]
    assert q(db, "SELECT sum(value) FROM contracts") == [(D(sum(25000 + 5000 * i for i in range(12))),)]
    # the load says how it read the cell, and the parts it did not use are listed as not used
    assert any("'Supplier [Name|Address|Ref type|Ref Number|Is SME|Is VCSE]' holds 6 parts in each cell, set apart "
               "by '|': read as 6 columns, 'Supplier Name', 'Supplier Address'" in w for w in res.warnings)
    unused = res.as_json()["columns_unused"]
    assert {"Supplier Address", "Supplier Is SME", "Parent Reference"} <= set(unused)
    assert SUPPLIER_HEAD not in unused


def test_as_a_supplier_register_it_gives_each_supplier_its_own_facts_not_the_buyers(tmp_path, db):
    res = load_file(_write(tmp_path / "notices.csv", HEAD, _rows()), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (12, 0), res.problems[:3]
    fields = _fields(res)
    assert (fields["name"], fields["address"]) == ("Supplier Name", "Supplier Address")
    assert (fields["is_sme"], fields["is_vcse"]) == ("Supplier Is SME", "Supplier Is VCSE")
    # the buyer's postcode, on every line beside three suppliers, is not theirs: each one's is in its address
    assert "postcode" not in fields and "Postcode" in res.as_json()["columns_unused"]
    assert q(db, "SELECT DISTINCT name, postcode, is_sme, is_vcse FROM supplier_register ORDER BY 1") == [
        ("ACME SERVICES LTD", "PR1 1AA", True, False), ("BLUE LIGHT FLEET LIMITED", "M17 1AA", False, False),
        ("LANCASHIRE MIND", "PR7 2DR", True, True)]


def test_a_lot_awarded_to_two_suppliers_is_a_contract_with_each(tmp_path, db):
    """Contracts Finder writes each supplier as a block in square brackets, one after another for a lot
    awarded to several: each block is read, and the contract is one with each supplier."""
    joint = "".join("[" + "|".join(s) + "]" for s in SUPPLIERS[:2])
    rows = _rows(cell=lambda i: joint if i == 4 else "[" + "|".join(SUPPLIERS[i % 3]) + "]")
    res = load_file(_write(tmp_path / "notices.csv", HEAD, rows), db=db, kind="contracts")
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (12, 12, 0), res.problems[:3]
    assert q(db, "SELECT supplier_name, supplier_id FROM contracts WHERE row_number = 6 ORDER BY 1") == [
        ("ACME SERVICES LTD", None), ("BLUE LIGHT FLEET LIMITED", None)]
    assert q(db, "SELECT DISTINCT supplier_name, supplier_id FROM contracts WHERE row_number <> 6 ORDER BY 1") == [
        ("ACME SERVICES LTD", "01234567"), ("BLUE LIGHT FLEET LIMITED", "07654321"), ("LANCASHIRE MIND", "1107342")]


def test_a_cell_with_another_number_of_parts_is_left_whole_and_its_row_quarantined(tmp_path, db):
    """A cell that does not hold the parts its header lists is not split into the wrong columns, nor
    read as suppliers part by part: it is left whole, counted, and its row waits for a person."""
    rows = _rows(cell=lambda i: "ACME SERVICES LTD|Preston|01234567" if i == 4 else "|".join(SUPPLIERS[i % 3]))
    res = load_file(_write(tmp_path / "notices.csv", HEAD, rows), db=db, kind="contracts")
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (12, 11, 1)
    assert any("(cells left whole in 'Supplier Name': 1 holding another number of parts)" in w for w in res.warnings)
    assert q(db, "SELECT row_number, reason, column_name FROM quarantine") == [
        (6, f"'{SUPPLIER_HEAD}' holds 3 parts set apart by '|', not the 6 its header lists", SUPPLIER_HEAD)]
    assert q(db, "SELECT count(DISTINCT supplier_name) FROM contracts") == [(3,)]


def test_too_few_cells_holding_the_parts_leaves_the_column_as_it_is(tmp_path, db):
    """A header that lists parts over cells that mostly do not hold them is not split (the cells say
    otherwise): the column is read whole, as any column."""
    rows = _rows(cell=lambda i: SUPPLIERS[i % 3][0] if i % 4 else "|".join(SUPPLIERS[i % 3]))
    res = load_file(_write(tmp_path / "notices.csv", HEAD, rows), db=db, kind="contracts")
    assert not any("parts in each cell" in w for w in res.warnings)
    assert _fields(res)["supplier_name"] == SUPPLIER_HEAD


def test_a_spend_file_with_a_payee_in_parts_loads_its_name(tmp_path, db):
    head = ["Date Paid", "Transaction No", "Payee [Name|Postcode]", "Expense Type", "Amount"]
    rows = [[f"{1 + i % 28:02d}/05/2024", f"T{i}", f"{SUPPLIERS[i % 3][0]}|{SUPPLIERS[i % 3][1][-8:].strip(', ')}",
             "Services", f"{100 + i}.50"] for i in range(30)]
    res = load_file(_write(tmp_path / "spend.csv", head, rows), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (30, 0), res.problems[:3]
    assert _fields(res)["supplier_name"] == "Payee Name"
    assert q(db, "SELECT count(DISTINCT supplier_name), sum(amount) FROM transactions") == [
        (3, D(sum(100 + i for i in range(30))) + D("15.00"))]


def test_an_empty_column_is_no_rival_for_a_required_field():
    """A column empty in every sampled line cannot be a field every entry gives: it does not make a
    filled column under a weaker header unclear (it is still taken when no other column could be)."""
    headers = ["Notice Identifier", "Parent Reference", "Supplier", "Start Date"]
    filled = colmod.Profile(n=12, code=1.0, distinct=1.0)
    names = colmod.Profile(n=12, words=1.0, distinct=0.25, firm=1.0, legal=0.7)
    dates = colmod.Profile(n=12, date=1.0, distinct=1.0)
    m = colmod.plan_columns(headers, [filled, colmod.Profile(), names, dates], colmod.CONTRACTS)
    assert m.columns["reference"] == 0 and "reference" not in m.unclear
    m = colmod.plan_columns(["Ref", "Parent Reference", "Supplier", "Start Date"],
                            [colmod.Profile(n=12, words=1.0, distinct=1.0), colmod.Profile(), names, dates],
                            colmod.CONTRACTS)
    assert m.columns.get("reference") in (0, 1)


def test_a_supplier_registers_own_columns_come_before_anothers():
    """In a supplier register "Supplier" says whose a fact is: "Supplier Address" is the entry's own
    and comes before a "Contact Address"; "Suitable for SME" says nothing of the firm."""
    s = colmod.header_scores
    assert s("Supplier Address", colmod.SUPPLIERS)["address"] > s("Contact Address 1", colmod.SUPPLIERS)["address"]
    assert s("Supplier Postcode", colmod.SUPPLIERS)["postcode"] >= s("Postcode", colmod.SUPPLIERS)["postcode"]
    assert s("Supplier Is SME", colmod.SUPPLIERS)["is_sme"] >= colmod.ACCEPT
    assert s("Suitable for SME", colmod.SUPPLIERS).get("is_sme", 0) < colmod.OPTIONAL_WORDS
    # the name is still the name (the subject's words do not make "Supplier Name" anything else)
    assert max(s("Supplier Name", colmod.SUPPLIERS).items(), key=lambda kv: kv[1])[0] == "name"


def test_a_supplier_register_row_naming_several_suppliers_waits_for_a_person(tmp_path, db):
    """A row of a supplier register is one supplier: a cell of two suppliers' blocks is not read as one
    supplier of both names, at the second one's postcode (it was): it is left whole, and the row is
    quarantined saying why (a contracts register reads a contract with each, above)."""
    joint = "".join("[" + "|".join(s) + "]" for s in SUPPLIERS[:2])
    rows = _rows(cell=lambda i: joint if i == 4 else "[" + "|".join(SUPPLIERS[i % 3]) + "]")
    res = load_file(_write(tmp_path / "notices.csv", HEAD, rows), db=db, kind="suppliers")
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (12, 11, 1)
    assert any("(cells left whole in 'Supplier Name': 1 naming several, a block each (a row here is one entry))" in w
               for w in res.warnings)
    assert q(db, "SELECT row_number, reason FROM quarantine") == [
        (6, f"'{SUPPLIER_HEAD}' names 2 in one cell, a block each: a row of this register is one entry")]
    assert q(db, "SELECT DISTINCT name, postcode FROM supplier_register ORDER BY 1") == [
        ("ACME SERVICES LTD", "PR1 1AA"), ("BLUE LIGHT FLEET LIMITED", "M17 1AA"), ("LANCASHIRE MIND", "PR7 2DR")]


def test_the_preview_shows_a_contract_with_each_supplier_as_stored(tmp_path, db):
    from lib.ingest.load import preview_file

    joint = "".join("[" + "|".join(s) + "]" for s in SUPPLIERS[:2])
    path = _write(tmp_path / "notices.csv", HEAD, _rows(cell=lambda i: joint if i == 4 else "[" + "|".join(SUPPLIERS[i % 3]) + "]"))
    res, rows, problems = preview_file(path, db=db, kind="contracts")
    shown = [[n, None if i != i else i] for n, i in rows[rows["row"] == 6][["supplier_name", "supplier_id"]].values.tolist()]
    assert shown == [["ACME SERVICES LTD", None], ["BLUE LIGHT FLEET LIMITED", None]]
    assert len(rows) == 13
