"""Ingest against files written here (every quirk the corpus shows) and the real corpus."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from lib import store
from lib.ingest import NeedsMapping, UnusableFile, load_file, period_from_name, preview_file, remove_batch
from conftest import rows_of

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
D = Decimal


def write(path: Path, text: str, encoding="utf-8", newline="\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


# ---------------------------------------------------------------------------------------------
# Files written here, one quirk each.

def test_transparency_layout_loads_with_provenance(tmp_path, db):
    f = write(tmp_path / "spend_2019-04.csv", (
        "Body,Date,Transaction Number,Amount,Supplier Name,Supplier ID,VAT Registration Number,Department,Expense Type,Expense Code,Description\n"
        "Lancashire Constabulary,03/05/2019,T1,\"1,234.56\",Acme Ltd,S1,GB123456789,Fleet,Vehicle Parts,4410,Tyres\n"
        "Lancashire Constabulary,04/05/2019,T2,-250.00,The Acme Limited,S1,,Fleet,Vehicle Parts,4410,Credit\n"
        "Lancashire Constabulary,05/05/2019,T3,100.000,REDACTED PERSONAL DATA,,,HQ Crime,Informants,6100,\n"
    ))
    res = load_file(f, db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (3, 3, 0, 0)
    assert res.amount_loaded == D("1084.56")  # 1234.56 - 250.00 + 100.00 (zeros past the penny are exact)
    got = rows_of(db, "SELECT row_number, payment_date, fy, amount, supplier_key, is_redacted, supplier_id, vat_number, "
                      "department, category, category_code, transaction_ref, body FROM transactions ORDER BY row_number")
    assert got[0] == (2, dt.date(2019, 5, 3), "2019/20", D("1234.56"), "ACME", False, "S1", "GB123456789",
                      "Fleet", "Vehicle Parts", "4410", "T1", "Lancashire Constabulary")
    assert got[1][4] == "ACME"  # 'The Acme Limited' groups with 'Acme Ltd'
    assert got[2][4:6] == ("REDACTED", True) and got[2][3] == D("100.00")
    batch = rows_of(db, "SELECT file_name, length(file_sha256), rows_read, amount_loaded FROM batches")[0]
    assert batch == ("spend_2019-04.csv", 64, 3, D("1084.56"))


def test_reloading_the_same_file_adds_nothing(tmp_path, db):
    f = write(tmp_path / "a.csv", "Date,Supplier,Amount\n01/04/2020,Acme,10.00\n01/04/2020,Acme,10.00\n")
    first = load_file(f, db=db)
    again = load_file(f, db=db)
    assert first.rows_loaded == 2  # identical lines are separate payments
    assert again.duplicate and again.batch_id == first.batch_id and again.rows_loaded == 0
    assert rows_of(db, "SELECT count(*), sum(amount) FROM transactions") == [(2, D("20.00"))]
    assert rows_of(db, "SELECT count(*) FROM batches") == [(1,)]


def test_bad_rows_are_quarantined_with_row_column_and_reason(tmp_path, db):
    f = write(tmp_path / "bad.csv", (
        "Payment Date,Supplier Name,Amount\n"
        "31/02/2020,Acme,10.00\n"       # impossible date
        "01/03/2020,Acme,ten pounds\n"  # not money
        "01/03/2020,Acme,\n"            # no amount
        "02/03/2020,Beta,5.00\n"
        ",,15.00\n"                     # total row: lone figure
    ))
    res = load_file(f, db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (5, 1, 3, 1)
    q = rows_of(db, "SELECT row_number, column_name, reason, raw FROM quarantine ORDER BY row_number")
    assert [r[:2] for r in q] == [(2, "Payment Date"), (3, "Amount"), (4, "Amount")]
    assert "31/02/2020" in q[0][2] and "ten pounds" in q[1][2] and q[2][2] == "no amount"
    assert json.loads(q[0][3]) == {"Payment Date": "31/02/2020", "Supplier Name": "Acme", "Amount": "10.00"}
    assert rows_of(db, "SELECT row_number, amount FROM total_lines") == [(6, D("15.00"))]
    assert res.amount_quarantined == D("10.00")
    assert res.problems[0] == {"sheet": "", "row": 2, "column": "Payment Date",
                               "reason": "date '31/02/2020' is not a real date (day/month/year)"}


def test_supplier_named_total_is_a_supplier(tmp_path, db):
    f = write(tmp_path / "t.csv", "Date,Supplier,Amount\n01/04/2020,TOTAL GAS & POWER LTD,100.00\n,Total,100.00\n")
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_total_lines) == (1, 1)
    assert rows_of(db, "SELECT supplier_name FROM transactions") == [("TOTAL GAS & POWER LTD",)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "cp437"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_encodings_and_line_ends(tmp_path, db, encoding, newline):
    text = "Date,Supplier,Description,Net Amount (£)\n01/04/2020,Café Ltd,\"two\nlines\",£5.00\n02/04/2020,Beta,x,£7.50\n"
    if newline == "\r":
        text = text.replace('"two\nlines"', '"two lines"')  # CR-only files have no LF inside fields
    f = write(tmp_path / "enc.csv", text, encoding=encoding, newline=newline)
    res = load_file(f, db=db)
    assert res.rows_loaded == 2 and res.amount_loaded == D("12.50")
    assert rows_of(db, "SELECT supplier_name FROM transactions ORDER BY row_number")[0] == ("Café Ltd",)


@pytest.mark.parametrize("delim", [";", "\t"])
def test_semicolon_and_tab(tmp_path, db, delim):
    f = write(tmp_path / "d.csv", delim.join(["Date", "Supplier", "Amount"]) + "\n" +
              delim.join(["01/04/2020", "Acme", "5,00" if delim == "x" else "5.00"]) + "\n")
    assert load_file(f, db=db).rows_loaded == 1


def test_header_not_on_line_one_spacers_duplicates_and_repeated_header(tmp_path, db):
    f = write(tmp_path / "odd.csv", (
        "Hyndburn payments over £250,,,,,\n"
        ",,,,,\n"
        "Service Area,,Account Code,Account Code,Name:  ,Payment Date,,Amount Paid\n"
        "Parks,,1740,Chlorination,Acme Ltd,6 Jun 2023,,\"1,708.75\"\n"
        "Parks,,1740,Chlorination,Acme Ltd,30-Jun-23,,106.00-\n"
        ",,,,,,,\n"
        "Amount Paid,Name:  ,Payment Date,Service Area,,,,\n"     # header again, columns moved
        "(50.00),Beta Ltd,45110,Depot,,,,\n"
    ))
    res = load_file(f, db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (3, 3, 0)
    got = rows_of(db, "SELECT row_number, payment_date, amount, supplier_name, department, category, category_code "
                      "FROM transactions ORDER BY row_number")
    assert got == [
        (4, dt.date(2023, 6, 6), D("1708.75"), "Acme Ltd", "Parks", "Chlorination", "1740"),
        (5, dt.date(2023, 6, 30), D("-106.00"), "Acme Ltd", "Parks", "Chlorination", "1740"),
        (8, dt.date(2023, 7, 3), D("-50.00"), "Beta Ltd", "Depot", None, None),  # Excel serial 45110
    ]


def test_uk_date_order_always(tmp_path, db):
    f = write(tmp_path / "dates.csv", "Date,Supplier,Amount\n03/05/2017,A,1\n3/5/17,A,1\n2017-05-03 00:00:00,A,1\n03-May-2017,A,1\n")
    load_file(f, db=db)
    assert {r[0] for r in rows_of(db, "SELECT payment_date FROM transactions")} == {dt.date(2017, 5, 3)}


def test_time_only_dates_take_the_period_from_the_file_name(tmp_path, db):
    f = write(tmp_path / "council_over500_2014-q2.csv", "Paid Date,Supplier Name,Amount\n00:00:00,Acme,10\n00:00:00,Beta,20\n")
    res = load_file(f, db=db)
    assert res.rows_loaded == 2
    assert rows_of(db, "SELECT DISTINCT payment_date, period_start, fy FROM transactions") == [(None, dt.date(2014, 4, 1), "2014/15")]
    # Without a period anywhere, the rows go to quarantine rather than being given a guessed date.
    g = write(tmp_path / "nodate.csv", "Paid Date,Supplier Name,Amount\n00:00:00,Acme,10\n")
    res = load_file(g, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (0, 1)


def test_blank_supplier_is_kept_as_an_unnamed_redacted_line(tmp_path, db):
    f = write(tmp_path / "b.csv", "Date,Supplier Name,Amount\n01/04/2020,,500\n")
    res = load_file(f, db=db)
    assert res.rows_loaded == 1
    assert rows_of(db, "SELECT supplier_name, is_redacted, amount FROM transactions") == [("(no name given)", True, D("500.00"))]


def test_xlsx_every_sheet_real_dates_serials_and_float_noise(tmp_path, db):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Apr 2020"
    ws.append(["Spend over £500, April 2020"])
    ws.append([])
    ws.append(["Payment Date", "Supplier Name", "Amount", "Department"])
    ws.append([dt.datetime(2020, 4, 3), "Acme Ltd", 4999.999999999999, "Fleet"])
    ws.append([43924, "Beta", -441.17999999999995, "ICT"])      # serial number as a plain number
    ws.append(["Total", None, 4558.82, None])
    ws2 = wb.create_sheet("May 2020")
    ws2.append(["Date", "Supplier", "Net Amount"])
    ws2.append(["05/05/2020", "Gamma", "1,000.00"])
    wb.create_sheet("Notes").append(["These figures are provisional."])
    f = tmp_path / "spend.xlsx"
    wb.save(f)
    res = load_file(f, db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_total_lines) == (4, 3, 1)
    got = rows_of(db, "SELECT sheet, row_number, payment_date, amount FROM transactions ORDER BY sheet, row_number")
    assert got == [("Apr 2020", 4, dt.date(2020, 4, 3), D("5000.00")),
                   ("Apr 2020", 5, dt.date(2020, 4, 3), D("-441.18")),
                   ("May 2020", 2, dt.date(2020, 5, 5), D("1000.00"))]


def test_xls(tmp_path, db):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sh = book.add_sheet("Spend")
    for c, h in enumerate(["Date", "Supplier", "Amount"]):
        sh.write(0, c, h)
    sh.write(1, 0, dt.datetime(2021, 1, 15), xlwt.easyxf(num_format_str="DD/MM/YYYY"))
    sh.write(1, 1, "Acme")
    sh.write(1, 2, 123.45)
    f = tmp_path / "spend.xls"
    book.save(str(f))
    res = load_file(f, db=db)
    assert res.rows_loaded == 1
    assert rows_of(db, "SELECT payment_date, amount FROM transactions") == [(dt.date(2021, 1, 15), D("123.45"))]


def test_unclear_column_is_asked_for_then_remembered(tmp_path, db):
    # No header word says anything; the date and the amount are the only columns of their kind, but
    # two columns hold names: that one field is asked for, the others are found by what they hold.
    text = "A,B,C,D\n01/04/2020,Acme,Leeds,10.00\n02/04/2020,Beta,York,5.00\n"
    f = write(tmp_path / "odd.csv", text)
    with pytest.raises(NeedsMapping) as e:
        load_file(f, db=db)
    assert "odd.csv" in str(e.value) and "row 1" in str(e.value) and "supplier name" in str(e.value)
    assert e.value.fields == ["supplier_name"] and e.value.headers[:4] == ["A", "B", "C", "D"]
    assert rows_of(db, "SELECT count(*) FROM batches") == [(0,)]
    res = load_file(f, db=db, mapping={"supplier_name": 1}, remember_mapping=True)
    assert res.rows_loaded == 2
    assert res.columns["(csv)"] == {"payment_date": {"column": "A", "found": "content"},
                                    "supplier_name": {"column": "B", "found": "given"},
                                    "amount": {"column": "D", "found": "content"}}
    assert res.as_json()["columns_unused"] == ["C"]
    # The next file with the same headers maps by itself, as remembered.
    g = write(tmp_path / "odd2.csv", "A,B,C,D\n03/04/2020,Gamma,Hull,2.50\n")
    again = load_file(g, db=db)
    assert again.rows_loaded == 1 and again.as_json()["columns"]["supplier_name"]["found"] == "remembered"
    assert rows_of(db, "SELECT sum(amount) FROM transactions") == [(D("17.50"),)]


def test_unusable_files(tmp_path, db):
    for name, data in [("empty.csv", b""), ("bin.csv", bytes(range(256)) * 10), ("x.xlsx", b"PK\x03\x04garbage")]:
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(UnusableFile):
            load_file(p, db=db)
    assert rows_of(db, "SELECT count(*) FROM batches") == [(0,)]


def test_preview_writes_nothing(tmp_path, db):
    f = write(tmp_path / "p.csv", "Date,Supplier,Amount\n01/04/2020,Acme,10.00\nbad,Acme,1\n")
    res, rows, problems = preview_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (1, 1)
    assert len(rows) == 1 and list(problems["row"]) == [3]
    assert rows_of(db, "SELECT count(*) FROM transactions") == [(0,)]


def test_remove_batch(tmp_path, db):
    res = load_file(write(tmp_path / "r.csv", "Date,Supplier,Amount\n01/04/2020,Acme,10\nx,y,z\n"), db=db)
    assert remove_batch(res.batch_id, db=db) == 1
    for t in ("batches", "transactions", "quarantine", "total_lines"):
        assert rows_of(db, "SELECT count(*) FROM " + t) == [(0,)]


def test_period_from_name():
    assert period_from_name("oxford_city_over500_2014-q2.csv") == (dt.date(2014, 4, 1), dt.date(2014, 6, 30))
    assert period_from_name("devon_cc_over500_201101.csv") == (dt.date(2011, 1, 1), dt.date(2011, 1, 31))
    assert period_from_name("spend-march-2017.xlsx") == (dt.date(2017, 3, 1), dt.date(2017, 3, 31))
    assert period_from_name("payments.csv") is None


def test_a_load_killed_midway_leaves_nothing(tmp_path):
    """A process killed inside the load's transaction: on reopening, no partial batch."""
    dbp = tmp_path / "kill.duckdb"
    big = tmp_path / "big.csv"
    with open(big, "w") as fh:
        fh.write("Date,Supplier,Amount\n")
        for i in range(200_000):
            fh.write(f"01/04/2020,Supplier {i % 500},{i % 1000}.25\n")
    # Kill the process after every INSERT of the load ran, before its COMMIT: the worst moment.
    script = (
        "import contextlib, os, sys; sys.path.insert(0, %r)\n"
        "from lib import store\n"
        "from lib.ingest import load as L\n"
        "orig = store.write\n"
        "@contextlib.contextmanager\n"
        "def dying_write(*a, **k):\n"
        "    with orig(*a, **k) as cur:\n"
        "        yield cur\n"
        "        assert cur.execute('SELECT count(*) FROM transactions').fetchone()[0] == 200000\n"
        "        os._exit(9)\n"
        "store.write = dying_write\n"
        "L.load_file(%r, db=%r)\n"
    ) % (str(ROOT), str(big), str(dbp))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    assert rows_of(dbp, "SELECT count(*) FROM batches") == [(0,)]
    assert rows_of(dbp, "SELECT count(*) FROM transactions") == [(0,)]
    res = load_file(big, db=dbp)  # and the file then loads whole
    assert res.rows_loaded == 200_000 and not res.duplicate
    store.close(dbp)


def test_data_survives_a_restart(tmp_path):
    dbp = tmp_path / "persist.duckdb"
    load_file(write(tmp_path / "p.csv", "Date,Supplier,Amount\n01/04/2020,Acme,10\n"), db=dbp)
    store.close(dbp)
    assert rows_of(dbp, "SELECT count(*), sum(amount) FROM transactions") == [(1, D("10.00"))]
    store.close(dbp)


# ---------------------------------------------------------------------------------------------
# The real corpus: counts from its SOURCES.md, amounts summed independently here.

CORPUS_FILES = {
    # file: (encoding, data rows, total lines, amount header)
    "craven_dc_payments_2017-03.csv": ("cp1252", 171, 1, "Amount"),
    "devon_cc_over500_201101.csv": ("ascii", 7012, 0, "Amount"),
    "devon_cc_over500_201801.csv": ("utf-8-sig", 9119, 0, "Amount"),
    "devon_cc_over500_202503.csv": ("utf-8-sig", 14183, 0, "Amount"),
    "devon_cc_over500_202504.csv": ("ascii", 237, 0, "Amount"),
    "hyndburn_spend250_2017-03.csv": ("cp437", 256, 0, "Net Amount(£)"),
    "hyndburn_spend250_2017-05.csv": ("cp1252", 178, 0, "Net Amount(£)"),
    "hyndburn_spend250_2022-09.csv": ("ascii", 14, 0, "Net Amount"),
    "hyndburn_spend250_2023-06.csv": ("utf-8-sig", 547, 0, "Net Amount (£)"),
    "hyndburn_spend250_2024-10.csv": ("ascii", 587, 0, "Amount Paid"),
    "oxford_city_over500_2014-q2.csv": ("ascii", 3836, 0, "Amount"),
    "oxford_city_over500_2017-q4.csv": ("utf-8", 3855, 0, "Amount"),
    "trafford_supplier_spend_2026-27.csv": ("utf-8", 38055, 0, "Amount"),
}


def independent_sum(path: Path, encoding: str, amount_header: str) -> tuple[int, Decimal]:
    """Rows and amount by Python's csv module and Decimal: no code shared with lib.ingest."""
    text = path.read_bytes().decode(encoding, errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    rows = list(csv.reader(io.StringIO(text)))
    hdr_i = next(i for i, r in enumerate(rows) if amount_header in r)
    col = rows[hdr_i].index(amount_header)
    n, total = 0, D("0")
    for r in rows[hdr_i + 1:]:
        if not any(c.strip() for c in r):
            continue
        if sum(1 for c in r if c.strip()) == 1 and r[col].strip():
            continue  # the lone-figure total row
        v = r[col].strip().replace(",", "").replace("£", "")
        neg = v.endswith("-")
        v = D(v.rstrip("-")).quantize(D("0.01"))
        total += -v if neg else v
        n += 1
    return n, total


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not on this machine")
@pytest.mark.parametrize("name", sorted(CORPUS_FILES))
def test_corpus_file_loads_whole(name, db):
    encoding, expected_rows, expected_totals, amount_header = CORPUS_FILES[name]
    path = CORPUS / name
    res = load_file(path, db=db)
    assert res.rows_read == res.rows_loaded + res.rows_quarantined + res.rows_total_lines
    assert res.rows_read == expected_rows + expected_totals
    assert res.rows_total_lines == expected_totals
    assert res.rows_quarantined <= 0.01 * res.rows_read
    n, total = independent_sum(path, "cp1252" if encoding == "ascii" else encoding, amount_header)
    assert n == expected_rows
    stored = rows_of(db, "SELECT count(*), sum(amount) FROM transactions")[0]
    quarantined = res.amount_quarantined or D("0")
    assert stored[1] + quarantined == total
    assert stored[0] == res.rows_loaded
    # £ decoded as £ wherever the file has one
    assert not rows_of(db, "SELECT count(*) FROM transactions WHERE supplier_name LIKE '%œ%' OR description LIKE '%ú%'")[0][0]


def test_cp1252_byte_far_into_an_ascii_file(tmp_path, db):
    """The encoding sniff sees only the start; a £ deep in the file still decodes as £."""
    body = "Date,Supplier,Amount\n" + "01/04/2020,Acme,1.00\n" * 30000 + "02/04/2020,Café £ Ltd,2.00\n"
    f = tmp_path / "late.csv"
    f.write_bytes(body.encode("cp1252"))
    res = load_file(f, db=db)
    assert res.rows_loaded == 30001 and res.encoding == "cp1252"
    assert rows_of(db, "SELECT supplier_name FROM transactions WHERE amount = 2") == [("Café £ Ltd",)]


def test_placeholders_for_nothing_are_null(tmp_path, db):
    f = write(tmp_path / "na.csv", "Date,Supplier,Amount,Expense Type,Expense Code\n01/04/2020,Acme,1,NA,#N/A\n"
                                   "01/04/2020,Beta,2, Fuel ,  4420  \n")
    load_file(f, db=db)
    assert rows_of(db, "SELECT category, category_code FROM transactions ORDER BY row_number") == [
        (None, None), ("Fuel", "4420")]
