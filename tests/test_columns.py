"""Column recognition by meaning: files written here in the layouts real publishers use."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from lib import store
from lib.ingest import NeedsMapping, load_file
from lib.ingest import columns as colmod

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import make_force_workbook  # noqa: E402
from conftest import rows_of as q

D = Decimal


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.cli", "ingest", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


def test_header_words_without_decorations():
    assert colmod.tokens("* SUPPLIER FINAL") == ["supplier"]
    assert colmod.tokens("Net Amount(£)") == ["net", "amount"]
    assert colmod.tokens("Amount (T)") == ["amount"]
    assert colmod.tokens("BeneficiaryOtherID") == ["beneficiary", "other", "id"]
    assert colmod.tokens("VATRegistrationNumber") == ["vat", "registration", "number"]
    assert colmod.tokens("Social Value Weighting (% of quality)") == ["social", "value", "weighting"]
    assert colmod.tokens("SumOfAmount_Exc_VAT") == ["sum", "amount", "exvat"]
    assert colmod.tokens("Amount (excluding VAT)") == ["amount", "exvat"]
    assert colmod.tokens("Supplier Post Code") == ["supplier", "postcode"]


def test_the_forces_workbook_loads_through_the_cli_with_no_map(tmp_path):
    """Both header styles, serial dates, and a sheet with three unnamed helper columns."""
    book = tmp_path / "force_spend.xlsx"
    written = make_force_workbook.build(book)
    dbp = tmp_path / "cli.duckdb"
    out = cli(book, "--db", dbp)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    lines = [line for v in written.values() for line in v]
    assert got["rows_loaded"] == len(lines) == 240 and got["rows_quarantined"] == 0
    assert got["rows_total_lines"] == 1  # the total under May 19
    assert D(got["amount_loaded"]) == sum(a for _, a, _ in lines)  # to the penny
    assert got["columns_unused"] == ["Sep 23: column F", "Sep 23: column G"]
    per_sheet = got["columns"]
    assert per_sheet["amount"]["column"] == ["Total Invoice Amount", "TOTAL"]
    assert per_sheet["supplier_name"]["column"] == ["SUPPLIER", "* SUPPLIER FINAL"]
    assert {v["found"] for v in per_sheet.values()} == {"header"}
    for sheet, rows in written.items():
        stored = q(dbp, "SELECT payment_date, amount, supplier_name FROM transactions WHERE sheet = ? "
                        "ORDER BY row_number", [sheet])
        assert stored == rows, sheet
    # the helper cells stay with their rows
    extra = q(dbp, "SELECT extra_cells FROM transactions WHERE sheet = 'Sep 23' AND row_number = 2")[0][0]
    assert json.loads(extra)["column G"] == "1" and json.loads(extra)["column F"].endswith(written["Sep 23"][0][2])
    assert json.loads(q(dbp, "SELECT columns_unused FROM batches")[0][0])["Sep 23"] == ["column F", "column G"]
    store.close(dbp)


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_header_on_the_last_line(tmp_path, db):
    f = _csv(tmp_path / "sorted.csv", [
        "Parks,Acme Ltd,03/06/2023,\"1,708.75\"",
        "Depot,Beta Ltd,04/06/2023,106.00",
        "Waste,Gamma Ltd,05/06/2023,-50.00",
        "Service Area,Name,Payment Date,Amount Paid",
    ])
    res = load_file(f, db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (3, 3, 0)
    assert q(db, "SELECT row_number, amount FROM transactions ORDER BY row_number") == [
        (1, D("1708.75")), (2, D("106.00")), (3, D("-50.00"))]
    assert res.columns["(csv)"]["supplier_name"] == {"column": "Name", "found": "header"}


def test_header_sorted_into_the_middle_of_a_long_file(tmp_path, db):
    rows = [f"Dept {i:03d},Supplier {i},{1 + i % 28:02d}/05/2022,{i}.50" for i in range(150)]
    rows.insert(90, "Directorate,Beneficiary,Date Paid,Value")
    res = load_file(_csv(tmp_path / "mid.csv", rows), db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (150, 150, 0)
    assert q(db, "SELECT sum(amount) FROM transactions") == [(sum(D(f"{i}.50") for i in range(150)),)]


def test_preamble_rows_above_the_header_of_a_workbook(tmp_path, db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Q1"
    for line in (["Lancashire Fire and Rescue Service"], ["Payments over £500, April to June 2023"],
                 ["Total paid in the quarter", None, None, 12345.67], [],
                 ["Creditor Name", "Posted Date", "Cost Centre Description", "Net Amount", "Subjective Description"]):
        ws.append(line)
    ws.append(["Acme Ltd", dt.datetime(2023, 4, 3), "Fleet", 1000.5, "Tyres"])
    ws.append(["Beta Ltd", dt.datetime(2023, 5, 9), "Stations", 99.5, "Cleaning"])
    f = tmp_path / "lfrs.xlsx"
    wb.save(f)
    res = load_file(f, db=db)
    assert (res.rows_read, res.rows_loaded) == (2, 2) and res.amount_loaded == D("1100.00")
    # the title's figure is not a line, and the person is told so
    # (and whose lines they are: the title names a body, not the force)
    assert res.warnings == ["sheet 'Q1', rows 1 to 4 above the header were read as a title, not as lines, "
                            "though 1 of them holds an amount in the 'Net Amount' column",
                            "sheet 'Q1', the title above the header names Lancashire Fire and Rescue Service: the "
                            "lines are taken as Lancashire Fire and Rescue Service's, not the default body's (a body "
                            "that is not the store's own is loaded as a peer)"]
    assert q(db, "SELECT supplier_name, department, category FROM transactions ORDER BY row_number") == [
        ("Acme Ltd", "Fleet", "Tyres"), ("Beta Ltd", "Stations", "Cleaning")]


def test_repeated_headers_in_other_words(tmp_path, db):
    f = _csv(tmp_path / "blocks.csv", [
        "Vendor Name,Posting Date,Net Value,Directorate",
        "Acme Ltd,01/04/2022,100.00,Finance",
        "",
        "Payee,Amount (£),Date Paid,Service",
        "Beta Ltd,£20.00,02/05/2022,Estates",
    ])
    res = load_file(f, db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (2, 2, 0)
    assert q(db, "SELECT supplier_name, payment_date, amount, department FROM transactions ORDER BY row_number") == [
        ("Acme Ltd", dt.date(2022, 4, 1), D("100.00"), "Finance"),
        ("Beta Ltd", dt.date(2022, 5, 2), D("20.00"), "Estates")]


def test_stray_cells_in_unnamed_columns_never_fail_a_row(tmp_path, db):
    f = _csv(tmp_path / "stray.csv", [
        "Date,Supplier,Amount",
        "01/04/2020,Acme,10.00,#N/A",
        "02/04/2020,Beta,5.00,,checked",
        "03/04/2020,Gamma,1.00",
    ])
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (3, 0)
    assert res.as_json()["columns_unused"] == ["column E"]
    assert q(db, "SELECT row_number, extra_cells FROM transactions ORDER BY row_number") == [
        (2, None), (3, '{"column E":"checked"}'), (4, None)]


# Headers as councils, fire and police forces publish them (their words, made-up rows): each
# loads with no mapping, and the required fields are the columns named here.
WORDINGS = [
    # (headers, amount, supplier, date)
    (["URI", "Company Name", "Transaction Date", "Voucher Number", "Invoice Number", "Amount", "Supplier",
      "G/L Description", "G/L Code", "Cost Centre", "INV/CRN", "Total Invoice Amount"],
     "Amount", "Supplier", "Transaction Date"),
    (["Body name", "Body", "Service area categorisation", "Responsible unit", "Expenses type", "Date",
      "Transaction number", "Amount", "Supplier name"], "Amount", "Supplier name", "Date"),
    (["Body name", "Transaction date", "Supplier (beneficiary)", "Transaction number", "Net amount",
      "Irrecoverable VAT", "Procurement category", "CIPFA expenditure code", "Purpose of expenditure (narrative)"],
     "Net amount", "Supplier (beneficiary)", "Transaction date"),
    (["Creditor Name", "Invoice Date", "Payment Date", "Gross Amount", "Net Amount", "VAT"],
     "Net Amount", "Creditor Name", "Payment Date"),
    (["Merchant Name", "Transaction Date", "Transaction Amount", "Merchant Category"],
     "Transaction Amount", "Merchant Name", "Transaction Date"),
    (["Payee Name", "Payment Date", "Payment Amount", "Payment Reference"], "Payment Amount", "Payee Name",
     "Payment Date"),
    (["Recipient", "Date", "Total (GBP)", "Department"], "Total (GBP)", "Recipient", "Date"),
    (["Organisation", "Vendor", "Clearing Date", "Amt", "Cost Centre Name", "GL Account Name"],
     "Amt", "Vendor", "Clearing Date"),
    (["* Expenditure Category", "* Date", "TOTAL", "* SUPPLIER FINAL"], "TOTAL", "* SUPPLIER FINAL", "* Date"),
    (["Paid Date", "Vendor Name", "Net Amount", "Directorate", "Cost Centre", "Subjective", "Doc No"],
     "Net Amount", "Vendor Name", "Paid Date"),
    (["Transaction ID", "Posting Date", "Supplier Name", "Gross Value", "Net Value", "VAT Amount",
      "Supplier VAT number"], "Net Value", "Supplier Name", "Posting Date"),
    (["Supplier", "Transaction Date", "Payment Date", "Amount incl VAT", "Amount excl VAT", "VAT"],
     "Amount excl VAT", "Supplier", "Payment Date"),
    (["Invoice Date", "Payment Date", "Supplier", "Invoice Value", "Paid Amount", "Cost Centre Name"],
     "Paid Amount", "Supplier", "Payment Date"),
    (["PaymentDate", "EffectiveDate", "BeneficiaryName", "BeneficiaryOtherID", "Amount", "IrrecoverableVATAmount"],
     "Amount", "BeneficiaryName", "PaymentDate"),
    # the sum without VAT beside the sum with it, however the VAT is said
    (["Date", "Supplier", "Amount £", "VAT £", "Total £"], "Amount £", "Supplier", "Date"),
    (["Payment Date", "Supplier Name", "Supplier Postcode", "Amount (excluding VAT)", "VAT", "Amount (including VAT)"],
     "Amount (excluding VAT)", "Supplier Name", "Payment Date"),
    (["Total", "Net", "VAT", "Supplier", "Date"], "Net", "Supplier", "Date"),
    (["SumOfAmount_Inc_VAT", "SumOfAmount_Exc_VAT", "Supplier_Name", "Date"], "SumOfAmount_Exc_VAT", "Supplier_Name",
     "Date"),
    (["Creditor Name", "Creditor No.", "Cheque/BACS Date", "Cheque/BACS No.", "Amount"], "Amount", "Creditor Name",
     "Cheque/BACS Date"),
    (["Trans Date", "Trans Ref", "Trans Amount", "Payee Name", "Ledger Code", "Ledger Description"],
     "Trans Amount", "Payee Name", "Trans Date"),
    (["Name of Supplier", "Date of Transaction", "Amount of Transaction", "Reason for Payment"],
     "Amount of Transaction", "Name of Supplier", "Date of Transaction"),
    (["Vendor", "Check Date", "Check Amount", "Fund", "Department"], "Check Amount", "Vendor", "Check Date"),
    # which day: paid (cleared) before the transaction, before the posting, the document or the invoice
    (["Vendor Name", "Document Date", "Clearing Date", "Doc No", "Net Value"], "Net Value", "Vendor Name",
     "Clearing Date"),
    (["Transaction Date", "Posting Date", "Merchant Name", "Billing Amount"], "Billing Amount", "Merchant Name",
     "Transaction Date"),
    (["Department Family", "Entity", "Date", "Expense Type", "Expense Area", "Supplier", "Supplier Post Code",
      "Transaction Number", "Amount"], "Amount", "Supplier", "Date"),
]
SAMPLE = {"date": ["03/04/2023", "17/05/2023", "28/06/2023"], "money": ["1,250.00", "312.40", "-45.10"],
          "name": ["Ribble Fleet Services Ltd", "Pennine Print", "Acme Ltd"],
          "code": ["E4090", "E4270", "E4410"], "text": ["Fleet", "Estates", "ICT"]}


def _cell_kind(header: str) -> str:
    sc = colmod.header_scores(header)
    best = max(sc, key=sc.get) if sc else None
    if best in ("payment_date",) or "date" in header.lower():
        return "date"
    if best in ("amount", "irrecoverable_vat") or header in ("VAT",):
        return "money"
    if best in ("supplier_name", "body"):
        return "name"
    if best in ("supplier_id", "transaction_ref", "category_code") or header in ("URI", "INV/CRN"):
        return "code"
    return "text"


@pytest.mark.parametrize("headers,amount,supplier,date", WORDINGS, ids=[w[0][0] for w in WORDINGS])
def test_publishers_wordings_load_with_no_mapping(tmp_path, db, headers, amount, supplier, date):
    import csv

    kinds = [_cell_kind(h) for h in headers]
    f = tmp_path / "spend.csv"
    with open(f, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        for r in range(3):
            w.writerow([SAMPLE[k][r] for k in kinds])
    res = load_file(f, db=db)
    cols = res.columns["(csv)"]
    assert (cols["amount"]["column"], cols["supplier_name"]["column"], cols["payment_date"]["column"]) == (
        amount, supplier, date)
    assert res.rows_loaded == 3
    used = {v["column"] for v in cols.values()}
    assert sorted(used | set(res.as_json()["columns_unused"])) == sorted(headers)  # every column accounted for


def test_period_column_stands_in_for_a_payment_date(tmp_path, db):
    # No day anywhere: the Period column is recognised as the lines' date source (its values are
    # read by parse_period), so nothing is asked and nothing quarantined.
    f = _csv(tmp_path / "periods.csv", ["Accounting Period,Payee,Net Amount,Cost Centre",
                                        "202205,Acme Ltd,10.00,Fleet", "2022-06,Beta Ltd,5.00,Estates",
                                        "P02 2022/23,Gamma Ltd,1.00,ICT"])
    res = load_file(f, db=db)
    assert res.as_json()["columns"]["period"] == {"column": "Accounting Period", "found": "header"}
    assert "payment_date" not in res.columns["(csv)"] and res.rows_quarantined == 0
    assert q(db, "SELECT payment_date, period_start, amount FROM transactions ORDER BY row_number") == [
        (None, dt.date(2022, 5, 1), D("10.00")), (None, dt.date(2022, 6, 1), D("5.00")),
        (None, dt.date(2022, 5, 1), D("1.00"))]


def test_contracts_register_social_value_weighting_is_used(tmp_path, db):
    f = _csv(tmp_path / "contracts.csv", [
        "Contract Ref,Contract Title,Awarded To,Commencement Date,Expiry Date,Annual Value (£),"
        "Quality Weighting (%),Social Value Weighting (% of quality),Procurement Route",
        "C1,Fleet tyres,Acme Ltd,01/04/2019,31/03/2022,\"120,000\",60,10,Bluelight Commercial",
    ])
    res = load_file(f, db=db, kind="contracts")
    assert res.rows_loaded == 1 and res.as_json()["columns_unused"] == []
    assert q(db, "SELECT reference, supplier_name, quality_pct, social_value_pct, value, route FROM contracts") == [
        # (an annual value is a year of the contract's term: 01/04/2019 to 31/03/2022, three years)
        ("C1", "Acme Ltd", D("60.00"), D("10.00"), D("360000.00"), "Bluelight Commercial")]


def test_header_only_file_says_so_and_records_no_batch(tmp_path):
    f = _csv(tmp_path / "empty_month.csv", ["Date,Supplier,Amount"])
    dbp = tmp_path / "h.duckdb"
    out = cli(f, "--db", dbp)
    got = json.loads(out.stdout)
    assert out.returncode == 2 and "no rows under the header row" in got["error"]
    assert q(dbp, "SELECT count(*) FROM batches") == [(0,)]
    store.close(dbp)


def test_cli_map_by_header_text_or_letter(tmp_path):
    f = _csv(tmp_path / "odd.csv", ["Ref,Payer,Payee?,How much,Note",
                                    "1,Force,Acme Ltd,10.00,x", "2,Force,Beta Ltd,5.00,y"])
    dbp = tmp_path / "m.duckdb"
    out = cli(f, "--db", dbp, "--map", "supplier_name=C", "--map", 'amount=How much', "--period", "2022-05")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["rows_loaded"] == 2 and got["amount_loaded"] == "15.00"
    assert got["columns"]["supplier_name"] == {"column": "Payee?", "found": "given"}
    assert got["columns"]["amount"] == {"column": "How much", "found": "given"}
    bad = cli(f, "--db", dbp, "--map", "colour=C")
    assert bad.returncode != 0 and "--map" in bad.stderr
    store.close(dbp)


def test_two_equally_likely_columns_are_asked_for_by_name(tmp_path, db):
    f = _csv(tmp_path / "two.csv", ["Date,Supplier,Net Amount,Net Value", "01/04/2020,Acme,10.00,12.00"])
    with pytest.raises(NeedsMapping) as e:
        load_file(f, db=db)
    assert e.value.fields == ["amount"] and "'Net Amount' or 'Net Value'" in str(e.value)
    res = load_file(f, db=db, mapping={"amount": "Net Value"})
    assert res.amount_loaded == D("12.00")


def test_a_confirmed_mapping_applies_to_headers_that_differ_only_in_case_spaces_and_decorations(tmp_path):
    """Confirmed once (as the Upload page does), remembered; a later month's file whose headers are
    written in capitals, with underscores, a '(£)' and a '*', loads through the CLI with no --map."""
    dbp = tmp_path / "r.duckdb"
    first = _csv(tmp_path / "april.csv", ["Ref,Payer,To,How much,Other sum,Day",
                                          "1,Force,Acme Ltd,10.00,1.00,01/04/2022", "2,Force,Beta Ltd,5.00,2.00,02/04/2022"])
    with pytest.raises(NeedsMapping):
        load_file(first, db=dbp)
    res = load_file(first, db=dbp, mapping={"supplier_name": "To", "amount": "How much"}, remember_mapping=True,
                    loaded_by="Finance")
    assert res.rows_loaded == 2
    store.close(dbp)  # the command line opens the store itself
    later = _csv(tmp_path / "may.csv", ["REF , PAYER,to ,How_Much (£),* Other Sum,DAY ",
                                        "3,Force,Gamma Ltd,7.50,1.00,03/05/2022", "4,Force,Delta Ltd,2.25,2.00,04/05/2022"])
    out = cli(later, "--db", dbp)
    assert out.returncode == 0, out.stderr + out.stdout
    got = json.loads(out.stdout)
    assert (got["rows_loaded"], got["amount_loaded"]) == (2, "9.75")
    assert got["columns"]["supplier_name"] == {"column": "to", "found": "remembered"}
    assert got["columns"]["amount"] == {"column": "How_Much (£)", "found": "remembered"}
    # other headers are other headers: a file with a column more is not taken for the same
    other = _csv(tmp_path / "june.csv", ["Ref,Payer,To,How much,Other sum,Day,Extra",
                                         "5,Force,Eta Ltd,1.00,3.00,01/06/2022,q"])
    with pytest.raises(NeedsMapping):
        load_file(other, db=dbp)
    store.close(dbp)


def test_mapping_remembered_under_the_earlier_key_still_applies(tmp_path):
    """Mappings remembered before headers were keyed by their words are still found."""
    import hashlib

    dbp = tmp_path / "old.duckdb"
    headers = ["Ref", "Payer", "Payee?", "How much", "Note", "Day"]
    legacy = hashlib.sha256("|".join(colmod.norm(h) for h in headers).encode()).hexdigest()[:32]
    con = store.connect(dbp)
    con.execute("INSERT INTO column_mappings (kind, header_signature, mapping, headers) VALUES ('spend', ?, ?, ?)",
                [legacy, json.dumps({"supplier_name": 2, "amount": 3, "payment_date": 5}), json.dumps(headers)])
    f = _csv(tmp_path / "april.csv", [",".join(headers), "1,Force,Acme Ltd,10.00,x,01/04/2022"])
    res = load_file(f, db=dbp)
    assert res.columns["(csv)"]["amount"] == {"column": "How much", "found": "remembered"}
    assert res.amount_loaded == D("10.00")
    store.close(dbp)


def test_a_two_line_header_is_read_as_one():
    rows = [(1, ["Spend over £500", None, None]), (2, ["Payment", "Supplier", "Invoice"]),
            (3, ["Date", "Name", "Amount"]), (4, ["01/04/2024", "Acme Ltd", "10.00"])]
    assert colmod.find_header(rows) == (3, ["Payment Date", "Supplier Name", "Invoice Amount"])
    # a one-line header keeps its own row, whatever title is above it
    rows = [(1, ["Lancashire Fire and Rescue Service", None, None]), (2, ["Date", "Supplier", "Amount"]),
            (3, ["01/04/2024", "Acme Ltd", "10.00"])]
    assert colmod.find_header(rows) == (2, ["Date", "Supplier", "Amount"])


def test_a_long_csv_is_previewed_from_its_first_lines(tmp_path, db):
    """The preview plans a long file on its first lines, as its load does, and says so; a file
    whose header is not among them is read whole."""
    from lib.ingest import preview_file

    lines = ["Payment Date,Supplier Name,Net Amount,Cost Centre"]
    lines += [f"{1 + i % 28:02d}/04/2024,Supplier {i % 300},{i % 997}.25,CC{i % 40}" for i in range(30_000)]
    f = _csv(tmp_path / "long.csv", lines)
    res, rows, problems = preview_file(f, db=db, sample_lines=2_000)
    assert res.sample_lines == 2_000 and res.rows_read == 1_999 and res.rows_quarantined == 0
    assert res.amount_loaded == sum(D(f"{i % 997}.25") for i in range(1_999))
    assert len(rows) == 200 and not len(problems)
    whole, _, _ = preview_file(f, db=db)
    assert whole.sample_lines is None and whole.rows_read == 30_000
    assert (res.columns, res.columns_unused) == (whole.columns, whole.columns_unused)
    # the same lines sorted with their header last: not among the first lines, so read whole
    g = _csv(tmp_path / "sorted.csv", lines[1:] + lines[:1])
    res, _, _ = preview_file(g, db=db, sample_lines=2_000)
    assert res.sample_lines is None and res.rows_read == 30_000
    # an unclear column is asked at once, from the first lines
    h = _csv(tmp_path / "two.csv", ["Date,Supplier,Net Amount,Net Value"]
             + [f"01/04/2020,Acme {i},{i}.00,{i}.50" for i in range(5_000)])
    with pytest.raises(NeedsMapping) as e:
        preview_file(h, db=db, sample_lines=2_000)
    assert e.value.fields == ["amount"]


def test_a_file_with_no_header_keeps_its_first_line(tmp_path, db):
    """Lines from the first row on, no header: what each column holds is asked where it is not
    clear, and the first line is a line, not taken for a header."""
    f = _csv(tmp_path / "noheader.csv", ["02/04/2024,Acme Ltd,100.50,Fleet", "03/04/2024,Beta Ltd,200.25,ICT",
                                         "04/04/2024,Gamma Ltd,50.00,Estates"])
    with pytest.raises(NeedsMapping) as e:
        load_file(f, db=db)
    assert e.value.fields == ["supplier_name"] and e.value.header_rn == 0
    res = load_file(f, db=db, mapping={"supplier_name": "B"})
    assert (res.rows_loaded, res.amount_loaded) == (3, D("350.75"))
    assert res.columns["(csv)"]["amount"] == {"column": "column C", "found": "content"}
    assert res.as_json()["columns_unused"] == ["column D"]


def test_a_workbook_preview_reads_only_the_first_rows_of_each_sheet(tmp_path, db, monkeypatch):
    """A long workbook's preview plans each sheet on its first rows, as a long CSV's does: the rest
    of each sheet is never parsed (a cell past the cell limit further down goes unseen, where the
    whole read refuses the file), even in a workbook written with no <dimension> in its sheets."""
    from lib.ingest import UnusableFile, preview_file

    from lib.ingest import load

    monkeypatch.setenv("SPEND_MAX_CELL_CHARS", "100")
    monkeypatch.setattr(load, "PREVIEW_WORKBOOK_BYTES", 0)  # this small book stands in for a big one
    path = tmp_path / "long.xlsx"
    wb = openpyxl.Workbook(write_only=True)  # its sheets carry no <dimension>
    want = D(0)
    for s in range(2):
        ws = wb.create_sheet(f"Month {s + 1}")
        ws.append(["Payment Date", "Supplier Name", "Net Amount", "Cost Centre"])
        for i in range(300):
            ws.append([dt.datetime(2024, 4 + s, 1 + i % 28), f"Supplier {i % 37}", float(i % 97) + 0.25,
                       "x" * 200 if i == 250 else f"CC{i % 9}"])
            if i < 49:
                want += D(i % 97) + D("0.25")
    wb.save(path)
    res, rows, problems = preview_file(path, db=db, sample_lines=50)
    assert res.sample_lines == 50 and res.sheets == ["Month 1", "Month 2"]
    assert (res.rows_read, res.rows_quarantined, res.amount_loaded) == (98, 0, want)
    assert res.columns["Month 1"]["amount"] == {"column": "Net Amount", "found": "header"}
    with pytest.raises(UnusableFile, match="row 252"):
        preview_file(path, db=db)  # read whole: the long cell is found


def test_issue_10_patterns_still_hold(tmp_path, db):
    """Each pattern issue 10 listed, in one place: the force's 2018/19 and 2021/22 workbook layouts
    (helper columns right of the data, serial dates), a header on the last line, a trailing #N/A in
    an unnamed column, a Period column, European and ambiguous amounts, mixed UTF-8 and cp1252 lines,
    a supplier whose name begins like a redaction label, a clean file's amount_quarantined, and a
    header-only file."""
    from lib.ingest import UnusableFile

    book = tmp_path / "force.xlsx"
    written = make_force_workbook.build(book)
    res = load_file(book, db=db)
    lines = [x for rows in written.values() for x in rows]
    assert (res.rows_loaded, res.rows_quarantined) == (len(lines), 0)
    assert res.amount_loaded == sum(a for _, a, _ in lines)
    cols = res.as_json()["columns"]
    assert cols["amount"]["column"] == ["Total Invoice Amount", "TOTAL"]
    assert cols["supplier_name"]["column"] == ["SUPPLIER", "* SUPPLIER FINAL"]
    # the header last, a stray #N/A in an unnamed column, a period for a date
    f = _csv(tmp_path / "last.csv", ["01/04/2020,Acme,10.00,#N/A", "02/04/2020,Beta,20.00,",
                                     "Date,Supplier,Amount,"])
    assert (load_file(f, db=db).rows_loaded, q(db, "SELECT count(*) FROM quarantine")) == (2, [(0,)])
    f = _csv(tmp_path / "period.csv", ["Period,Supplier,Amount", "202205,Acme,5.00", "2022-06,Period Ltd,6.00"])
    assert load_file(f, db=db).rows_loaded == 2
    assert q(db, "SELECT period_start FROM transactions WHERE supplier_name = 'Period Ltd'") == [(dt.date(2022, 6, 1),)]
    # amounts: a decimal comma in a UK column, or an ill-grouped figure, is quarantined with its reason
    f = _csv(tmp_path / "eu.csv", ["Date,Supplier,Amount", "01/04/2020,A,\"1.000,50\"", "01/04/2020,B,\"12,34\"",
                                   "01/04/2020,C,\"1,000,00\"", "01/04/2020,D,\"£1,2,3\"", "01/04/2020,E,12.50"])
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (1, 4, D("12.50"))
    # mixed encodings, and "Redactive Publishing Ltd" is a supplier, not a redaction
    g = tmp_path / "mixed.csv"
    g.write_bytes("Date,Supplier,Amount\n01/04/2020,Naïve Ltd,1.00\n".encode("utf-8")
                  + "02/04/2020,Naïve Ltd,2.00\n03/04/2020,Redactive Publishing Ltd,3.00\n".encode("cp1252"))
    out = load_file(g, db=db).as_json()
    assert out["amount_quarantined"] == "0.00" and out["rows_loaded"] == 3
    assert q(db, "SELECT supplier_name, count(*), bool_or(is_redacted) FROM transactions WHERE batch_id = ? "
                 "GROUP BY 1 ORDER BY 1", [out["batch_id"]]) == [("Naïve Ltd", 2, False),
                                                                 ("Redactive Publishing Ltd", 1, False)]
    # a header and nothing under it: said, and no batch recorded
    n = q(db, "SELECT count(*) FROM batches")
    with pytest.raises(UnusableFile, match="no rows under the header"):
        load_file(_csv(tmp_path / "empty.csv", ["Date,Supplier,Amount"]), db=db)
    assert q(db, "SELECT count(*) FROM batches") == n
