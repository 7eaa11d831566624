"""The Upload page through AppTest: the columns used and not used, and a choice asked once, then remembered."""
from __future__ import annotations

import datetime as dt
import json

from streamlit.testing.v1 import AppTest

from apptools import open_app
from lib import store
from lib.ingest import load_file
from conftest import rows_of as q


def upload_page() -> AppTest:
    return open_app("pages/upload.py")


def test_preview_lists_the_columns_used_and_not_used(fresh_db):
    at = upload_page()
    at.file_uploader[0].set_value(("spend_2020-04.csv", b"Payment Date,Creditor,Net Amount,Approver\n"
                                   b"01/04/2020,Acme Ltd,10.00,checked\n02/04/2020,Beta,5.00,,stray\n", "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(e.label == "Columns: 3 used, 2 not used" for e in at.expander)
    table = next(df.value for df in at.dataframe if "used for" in df.value.columns)
    assert dict(zip(table["column"], table["used for"])) == {
        "Payment Date": "Payment date", "Creditor": "Supplier name", "Net Amount": "Amount",
        "Approver": "not used", "column E": "not used"}
    assert set(table["found by"]) == {"header", ""}


def test_an_unclear_column_is_asked_once_then_remembered(fresh_db, tmp_path):
    text = b"A,B,C,D\n01/04/2020,Acme,Leeds,10.00\n02/04/2020,Beta,York,5.00\n"
    at = upload_page()
    at.file_uploader[0].set_value(("odd.csv", text, "text/csv"))
    at.run()
    assert any("supplier name" in w.value for w in at.warning)
    # only the unclear field is asked for; the date and amount were recognised by what they hold
    assert [s.key for s in at.selectbox if s.key.startswith("map_")] == ["map_spend_0_supplier_name"]
    assert any("Recognised: Payment date ← A: A; Amount ← D: D" in c.value for c in at.caption)
    at.selectbox(key="map_spend_0_supplier_name").select("B: B").run()
    at.button(key="apply_0").click().run()
    assert not at.warning and not at.exception
    at.button(key="load_btn").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert q(fresh_db, "SELECT count(*), sum(amount) FROM transactions")[0][0] == 2
    saved = q(fresh_db, "SELECT mapping, headers FROM column_mappings")
    assert json.loads(saved[0][0]) == {"payment_date": 0, "supplier_name": 1, "amount": 3}
    assert json.loads(saved[0][1])[:4] == ["A", "B", "C", "D"]
    # a later file with the same headers loads by itself, from the page or the command line
    store.close(fresh_db)
    again = tmp_path / "odd_may.csv"
    again.write_bytes(b"A,B,C,D\n01/05/2020,Gamma,Hull,7.00\n")
    res = load_file(again, db=fresh_db)
    assert res.rows_loaded == 1 and res.as_json()["columns"]["supplier_name"] == {"column": "B", "found": "remembered"}


def _in_page_order(node) -> list:
    """Every element under ``node`` in the order the page shows them."""
    out = []
    for child in getattr(node, "children", {}).values():
        out.append(child)
        out.extend(_in_page_order(child))
    return out


def test_what_a_load_did_is_said_at_the_top_of_the_page(fresh_db):
    at = upload_page()
    at.file_uploader[0].set_value(("spend_2020-04.csv", b"Payment Date,Supplier,Amount\n01/04/2020,Acme Ltd,1935.00\n"
                                   b"02/04/2020,Beta,not money\n", "text/csv"))
    at.run()
    at.button(key="load_btn").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = _in_page_order(at.main)
    order = [e.type for e in shown]
    said = next(i for i, e in enumerate(shown)
                if e.type == "success" and "loaded 1 row (£1,935.00); 1 quarantined; 0 total lines left out" in e.value)
    assert said < order.index("file_uploader"), order  # above the chooser and every preview, not below them
    # the file loaded has left the chooser: no preview of it, no second Load, and the page says what next
    assert not at.file_uploader[0].value and not [b for b in at.button if b.key == "load_btn"]
    assert not [e for e in at.expander if e.label.startswith("spend_2020-04.csv")]
    assert any(i.value.startswith("Choose more files above") for i in at.info)
    at.button(key="upload_results_clear").click().run()
    assert not any("loaded 1 row" in s.value for s in at.success)


def test_a_long_file_is_previewed_from_its_first_lines_and_loaded_whole(fresh_db):
    from lib.ingest.load import PREVIEW_LINES

    n = PREVIEW_LINES + 5_000
    body = "".join(f"{1 + i % 28:02d}/04/2024,{'' if i == n - 10 else f'Supplier {i % 300}'},{i % 97}.50\n"
                   for i in range(n))  # a line with no supplier past the lines the preview reads
    at = upload_page()
    at.file_uploader[0].set_value(("long_2024-04.csv", ("Date Paid,Payee,Amount\n" + body).encode(), "text/csv"))
    at.run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"first {PREVIEW_LINES:,} lines" in i.value for i in at.info)
    assert next(m.value for m in at.metric if m.label == "Rows read") == f"{PREVIEW_LINES - 1:,}"
    assert not any("no supplier" in w.value for w in at.warning)
    at.button(key="load_btn").click().run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    assert q(fresh_db, "SELECT count(*) FROM transactions") == [(n,)]
    # what the load of every line said is shown with its result, not only what the preview saw
    said = next(e for e in at.expander if "what the load said" in e.label)
    assert [w.value for w in said.warning if "no supplier" in w.value] == [
        f"1 line names no supplier (row {n - 8}, £{(n - 10) % 97}.50): loaded as '(no name given)', counted in every "
        "total and shown as redacted wherever lines are published"]


def test_upload_page_offers_period_and_year_when_there_is_no_date(fresh_db):
    """A file with no date and a year column whose header does not say so: the page asks for the
    payment date and offers a period and a year beside it; chosen, they date each line."""
    at = upload_page()
    at.file_uploader[0].set_value(("odd.csv", b"Creditor,Amount,Mth,Cycle\nAcme Ltd,10.00,April,2024\n"
                                   b"Beta Ltd,5.50,May,2024\n", "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    keys = [s.key for s in at.selectbox if s.key.startswith("map_")]
    assert keys == ["map_spend_0_payment_date", "map_spend_0_period", "map_spend_0_year"]
    at.selectbox(key="map_spend_0_period").select("C: Mth").run()
    at.selectbox(key="map_spend_0_year").select("D: Cycle").run()
    at.button(key="apply_0").click().run()
    assert not at.exception and not at.warning, [w.value for w in at.warning]
    at.button(key="load_btn").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert q(fresh_db, "SELECT supplier_name, period_start FROM transactions ORDER BY 2") == [
        ("Acme Ltd", dt.date(2024, 4, 1)), ("Beta Ltd", dt.date(2024, 5, 1))]


def test_a_typed_period_dates_lines_with_no_day_and_one_not_understood_says_so(fresh_db):
    """A file of a quarter's spend with no dates: a period the page cannot read is said so beside it;
    a financial year's quarter, written as finance teams write it, dates every line to its first month."""
    at = upload_page()
    at.file_uploader[0].set_value(("quarter.csv", b"Supplier,Amount\nAcme Ltd,10.00\nBeta Ltd,5.50\n", "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_input(key="period_0").input("second quarter").run()
    assert any("'second quarter' is not one this can read" in w.value for w in at.warning), [w.value for w in at.warning]
    at.text_input(key="period_0").input("2023/24 Q2").run()
    assert not any("is not one this can read" in w.value for w in at.warning)
    at.button(key="load_btn").click().run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    assert q(fresh_db, "SELECT supplier_name, period_start, fy FROM transactions ORDER BY 1") == [
        ("Acme Ltd", dt.date(2023, 7, 1), "2023/24"), ("Beta Ltd", dt.date(2023, 7, 1), "2023/24")]


def test_a_body_column_of_codes_is_named_where_whose_spend_is_chosen(fresh_db):
    """A ledger's "Client" = LP (its company code) is not a body's name, so its lines are the body chosen
    on the page (the force, unless changed). The page said only "Whose spend: Lancashire Constabulary";
    it names the column beside the choice, and a file whose body column reads says nothing of the
    kind. (The template's "Entity" = EA is read as the body, a peer: tests/test_bodies.py.)"""
    rows = "".join(f"LP,{1 + k:02d}/09/2012,Firm {k} Ltd,{1000 + k}.00\n" for k in range(5))
    at = upload_page()
    at.file_uploader[0].set_value(("ledger_2012_09.csv", ("Client,Date,Supplier,Amount\n" + rows).encode(),
                                   "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    said = [w.value for w in at.warning if "Client" in w.value]
    assert said == ["The column 'Client' is headed as whose spend it is but holds no body's name (a code, or a unit's "
                    "name), so it was not read: these lines will be Lancashire Constabulary's, the body chosen above. "
                    "If the file is another body's, choose or type it above."]
    at.file_uploader[0].set_value(("force_2012_09.csv", ("Body,Date,Supplier,Amount\n" + rows.replace(
        "LP,", "Lancashire Constabulary,")).encode(), "text/csv"))
    at.run()
    assert not [w for w in at.warning if "headed as whose spend" in w.value]
    assert any(c.value == "Whose spend: Lancashire Constabulary." for c in at.caption)
    at.file_uploader[0].set_value(("ea_2012_09.csv", ("Department,Entity,Date,Supplier,Amount\n" + rows.replace(
        "LP,", "DEFRA,EA,")).encode(), "text/csv"))
    at.run()
    assert not [w for w in at.warning if "headed as whose spend" in w.value]
    assert any("This file is EA's spend: it will be loaded as a peer" in w.value for w in at.warning)


def test_the_preview_names_a_text_files_encoding_and_a_workbooks_none(fresh_db, tmp_path):
    """A CSV's caption says the amount and the encoding it was read in; a workbook has no text encoding,
    so its caption says the amount alone (not "encoding n/a")."""
    import openpyxl

    at = upload_page()
    at.file_uploader[0].set_value(("spend_2020-04.csv", "Payment Date,Creditor,Net Amount\n01/04/2020,Café Ltd,10.00\n"
                                   .encode("cp1252"), "text/csv"))
    at.run()
    assert any(c.value == "Amount to load £10.00 · encoding cp1252" for c in at.caption), [c.value for c in at.caption]
    wb = openpyxl.Workbook()
    for row in (["Payment Date", "Creditor", "Net Amount"], [dt.datetime(2020, 4, 1), "Acme Ltd", 12.5]):
        wb.active.append(row)
    wb.save(tmp_path / "spend.xlsx")
    at = upload_page()
    at.file_uploader[0].set_value(("spend.xlsx", (tmp_path / "spend.xlsx").read_bytes(),
                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    said = [c.value for c in at.caption]
    assert "Amount to load £12.50" in said and not [c for c in said if "encoding" in c], said


def test_a_file_named_after_another_place_is_questioned_before_it_counts_as_the_forces(fresh_db):
    """No column says whose the lines are and the name gives a district ("hyndburn_..."): the preview asks
    whether the file is another body's rather than quietly captioning it as the force's; typed as that
    body, it is a peer and the question goes; a file named after no place keeps the plain caption."""
    text = b"Date,Supplier,Amount\n01/10/2024,Acme Ltd,1000.00\n02/10/2024,Beta Ltd,250.00\n"
    at = upload_page()
    at.file_uploader[0].set_value(("hyndburn_spend250_2024-10.csv", text, "text/csv"))
    at.run()
    asked = [w.value for w in at.warning if "Hyndburn" in w.value]
    assert asked and asked[0].startswith("The file's name gives Hyndburn, a place not in the name of Lancashire "
                                         "Constabulary, whose spend its lines are counted as")
    assert not any(c.value.startswith("Whose spend:") for c in at.caption)
    at.text_input(key="body_other_0").input("Hyndburn Borough Council").run()
    assert not any("file's name gives" in w.value for w in at.warning)
    assert any("loaded as a peer" in w.value for w in at.warning)
    at = upload_page()
    at.file_uploader[0].set_value(("spend_2024-10.csv", text, "text/csv"))
    at.run()
    assert not any("file's name gives" in w.value for w in at.warning)
    assert any(c.value == "Whose spend: Lancashire Constabulary." for c in at.caption)


def test_a_contracts_registers_load_counts_contracts_and_their_value_and_links_to_their_page(fresh_db):
    at = upload_page()
    at.segmented_control(key="upload_kind").set_value("contracts").run()
    at.file_uploader[0].set_value(("contracts.csv", b"Contract Reference,Supplier Name,Start Date,End Date,Contract Value\n"
                                   b"C1,Acme Ltd,01/04/2025,31/03/2026,\"120,000\"\nC2,Beta Ltd,01/04/2025,31/03/2026,"
                                   b"80000.50\n", "text/csv"))
    at.run()
    at.text_input(key="who_box").input("Buyer").run()
    at.button(key="load_btn").click().run()
    assert not at.exception, [e.value for e in at.exception]
    said = next(s.value for s in at.success if "contracts.csv" in s.value)
    assert "loaded 2 contracts (£200,000.50 in contract value); 0 quarantined" in said and " rows " not in said
    assert any(getattr(link, "label", "") == "See the spend the contracts cover on Contracts and compliance"
               for link in at.get("page_link"))
