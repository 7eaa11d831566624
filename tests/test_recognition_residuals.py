"""What recognition still got wrong once the columns were found: a year that could not be given by
hand, subtotal and grand total lines that carry a date, an "Account Name" that is the supplier,
and dates written month first. Each is a file written here, loaded as a person would load it."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from lib import store
from lib.ingest import columns as colmod
from lib.ingest import load_file
from conftest import rows_of as q

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.cli", "ingest", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# A year column can be given by hand

def test_year_is_a_field_a_person_can_choose():
    assert "year" in colmod.SPEND.choosable and "year" in colmod.FIELD_LABELS
    assert "year" not in colmod.SPEND.fields  # header words alone never pick it: add_year_column does


def test_cli_map_year_reads_the_month_column_with_it(tmp_path):
    """A month column and a year column whose header does not say "year": the CLI asks, and says
    that a period and a year can be given; given the year, the month beside it dates each line."""
    f = _csv(tmp_path / "months.csv", ["Creditor,Amount,Month,Cycle", "Acme Ltd,10.00,April,2024",
                                       "Beta Ltd,5.50,May,2024", "Gamma plc,7.25,January,2025"])
    dbp = tmp_path / "y.duckdb"
    asked = cli(f, "--db", dbp)
    assert asked.returncode == 2 and '--map year="HEADER"' in json.loads(asked.stdout)["error"]
    out = cli(f, "--db", dbp, "--map", "year=Cycle")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert (got["rows_loaded"], got["rows_quarantined"], got["amount_loaded"]) == (3, 0, "22.75")
    assert got["columns"]["year"] == {"column": "Cycle", "found": "given"}
    assert got["columns"]["period"] == {"column": "Month", "found": "header"}
    assert q(dbp, "SELECT supplier_name, period_start FROM transactions ORDER BY 2") == [
        ("Acme Ltd", dt.date(2024, 4, 1)), ("Beta Ltd", dt.date(2024, 5, 1)), ("Gamma plc", dt.date(2025, 1, 1))]
    store.close(dbp)
    bad = cli(f, "--db", dbp, "--map", "colour=Cycle")
    assert bad.returncode != 0 and "year" in bad.stderr  # the fields one can give, year among them



# ---------------------------------------------------------------------------------------------
# Dates written month first

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2026, 6, 30))  # (a payment is not dated ahead: load.date_window)


def _write_dates(d: dt.date, month_first: bool, sep: str, short_year: bool) -> str:
    y = d.strftime("%y") if short_year else str(d.year)
    a, b = (d.month, d.day) if month_first else (d.day, d.month)
    return f"{a:02d}{sep}{b:02d}{sep}{y}"


def _load_dates(tmp: Path, name: str, cells: list[str]) -> tuple:
    """Load a file whose date column holds ``cells``; (result, {row: date stored}) from a store of its own."""
    f = _csv(tmp / f"{name}.csv", ["Payment Date,Supplier,Amount"]
             + [f"{c},Supplier {i},{i + 1}.00" for i, c in enumerate(cells)])
    dbp = tmp / f"{name}.duckdb"
    try:
        res = load_file(f, db=dbp)
        stored = dict(q(dbp, "SELECT row_number, payment_date FROM transactions"))
    finally:
        store.close(dbp)
    return res, stored


@settings(max_examples=25, deadline=None)
@given(st.lists(_days, min_size=1, max_size=30), st.booleans(), st.sampled_from(["/", "-", "."]), st.booleans())
def test_a_column_of_dates_is_read_in_the_one_order_it_allows(tmp_path_factory, ds, month_first, sep, short_year):
    """Written day first, the dates are read day first. Written month first, they are read month
    first when one of them can only be (its day over 12); when every one reads either way, day
    first, as before: the column never says otherwise."""
    tmp = tmp_path_factory.mktemp("dates")
    cells = [_write_dates(d, month_first, sep, short_year) for d in ds]
    res, stored = _load_dates(tmp, "dates", cells)
    assert (res.rows_loaded, res.rows_quarantined) == (len(ds), 0), res.problems[:3]
    evidence = month_first and any(d.day > 12 for d in ds)
    want = [d if (not month_first or evidence or d.day == d.month) else dt.date(d.year, d.day, d.month) for d in ds]
    assert [stored[i + 2] for i in range(len(ds))] == want


def test_a_column_with_both_orders_stays_day_first_and_says_why(tmp_path):
    """31/12/2023 can only be day first and 12/31/2023 only month first: the column is day first, as
    is 01/02/2024 (1 February), and the month-first cell is quarantined with its reason."""
    res, stored = _load_dates(tmp_path, "both", ["31/12/2023", "01/02/2024", "12/31/2023", "15/01/2024"])
    assert (res.rows_loaded, res.rows_quarantined) == (3, 1)
    assert stored == {2: dt.date(2023, 12, 31), 3: dt.date(2024, 2, 1), 5: dt.date(2024, 1, 15)}
    assert "'12/31/2023' is month first" in res.problems[0]["reason"]
    assert (res.problems[0]["row"], res.problems[0]["column"]) == (4, "Payment Date")


def test_a_long_month_first_file_loads_every_line_month_first(tmp_path, db):
    """Long enough for the one-pass load: the ambiguous dates of its first lines (read day first
    there) are read month first like the rest, because the column says so."""
    n = 7000
    ds = [dt.date(2023, 4, 1) + dt.timedelta(days=i % 365) for i in range(n)]
    f = _csv(tmp_path / "us_long.csv", ["Date,Vendor,Amount"]
             + [f"{d.month}/{d.day}/{d.year},Vendor {i % 50},{i % 90 + 1}.25" for i, d in enumerate(ds)])
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (n, 0)
    assert q(db, "SELECT count(*) FROM transactions t JOIN (SELECT unnest(?::DATE[]) AS d, "
                 "generate_subscripts(?::DATE[], 1) + 1 AS rn) w ON w.rn = t.row_number AND w.d = t.payment_date",
             [ds, ds]) == [(n,)]


def test_a_weekday_in_front_of_a_date_is_read_past(tmp_path, db):
    """Reports print the weekday first ("Monday 1 May 2023", "Tue, 02/05/2023"): the column is found
    as the date by what it holds, with no mapping, and every line loads on its own date."""
    days = [dt.date(2023, 5, 1) + dt.timedelta(days=i) for i in range(6)]
    shapes = ["{:%A %-d %B %Y}", "{:%a, %d/%m/%Y}", "{:%a %d-%b-%y}", "{:%A, %B %-d, %Y}", "{:%a. %-d %b %Y}", "{:%A %d/%m/%Y}"]
    f = _csv(tmp_path / "weekdays.csv", ["When,Supplier,Amount"]
             + [f'"{shape.format(d)}",Firm {i} Ltd,{i + 1}0.00' for i, (shape, d) in enumerate(zip(shapes, days))])
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (6, 0), res.problems[:2]
    assert res.columns["(csv)"]["payment_date"]["column"] == "When"
    assert [d for (d,) in q(db, "SELECT payment_date FROM transactions ORDER BY row_number")] == days
    assert q(db, "SELECT sum(amount) FROM transactions") == [(D("210.00"),)]


def test_a_weekday_in_front_of_a_month_first_date_is_read_month_first(tmp_path):
    """The weekday does not hide the order: "Sun 12/31/2023" can only be month first, so its column is."""
    res, stored = _load_dates(tmp_path, "us_weekdays", ["Fri 12/29/2023", "Sun 12/31/2023", "Mon 01/08/2024"])
    assert (res.rows_loaded, res.rows_quarantined) == (3, 0), res.problems[:2]
    assert list(stored.values()) == [dt.date(2023, 12, 29), dt.date(2023, 12, 31), dt.date(2024, 1, 8)]


def _paged_report(path: Path, lines: int, per_page: int) -> tuple[Path, int, Decimal]:
    """A report converted to CSV: each page ends with its furniture (the page's number beside the
    date it was printed and who ran it). Returns (file, payment lines, their sum)."""
    pages = -(-lines // per_page)
    out, total = ["Date,Supplier,Amount,Description"], D("0")
    for i in range(lines):
        amount = D(i % 700 + 1) + D("0.25")
        total += amount
        out.append(f"{(dt.date(2023, 4, 1) + dt.timedelta(days=i % 300)):%d/%m/%Y},Firm {i % 40} Ltd,{amount},Goods")
        if (i + 1) % per_page == 0 or i == lines - 1:
            page = (i // per_page) + 1
            out.append(f"05/06/2023,Report run by J Smith,,Page {page} of {pages}" if page % 2
                       else f",,,page {page}/{pages}")
    return _csv(path, out), lines, total


def test_a_reports_page_furniture_is_not_a_payment(tmp_path, db):
    """"Page 2 of 3" lines (with a print date and a name, or alone) are kept with the notes, not
    quarantined as payments with no amount; every payment loads."""
    f, n, total = _paged_report(tmp_path / "paged.csv", 120, 50)
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (n, 0, 3), res.problems[:2]
    assert q(db, "SELECT sum(amount) FROM transactions") == [(total,)]


def test_a_long_reports_page_furniture_is_not_a_payment(tmp_path, db):
    """The same in a file long enough for the one-pass load."""
    f, n, total = _paged_report(tmp_path / "paged_long.csv", 7000, 60)
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (n, 0, 117), res.problems[:2]
    assert res.rows_read == n + 117
    assert q(db, "SELECT sum(amount) FROM transactions") == [(total,)]


def test_a_months_name_first_is_read_wherever_a_date_is(tmp_path, db):
    f = _csv(tmp_path / "named.csv", ["Date,Supplier,Amount", "Apr 1 2024,Acme,1.00", '"April 13th, 2024",Beta,2.00',
                                      "Sept 3 2023,Gamma,3.00", "3 Sep 2023,Delta,4.00"])
    res = load_file(f, db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0)
    assert [d for (d,) in q(db, "SELECT payment_date FROM transactions ORDER BY row_number")] == [
        dt.date(2024, 4, 1), dt.date(2024, 4, 13), dt.date(2023, 9, 3), dt.date(2023, 9, 3)]


# ---------------------------------------------------------------------------------------------
# Totals and subtotals that carry a date, or no word at all

NAMES = ["XMA LTD", "Pendle Tyres", "Total Gas & Power Ltd", "Ribble Fleet Services Ltd", "Bowland Legal LLP"]


def _pence(i: int, seed: int = 7) -> Decimal:
    v = D((seed * 7919 * (i + 3)) % 480_000 + 5_000) / 100
    return -v if i % 9 == 4 else v


def _check(res, dbp: Path, lines: int, total: Decimal, totals: int) -> None:
    """Lines and pennies stored; rows read = stored + quarantined + totals; nothing of a total stored."""
    assert (res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (lines, 0, totals), res.problems[:3]
    assert res.amount_loaded == total
    assert q(dbp, "SELECT count(*), sum(amount) FROM transactions") == [(lines, total)]
    assert q(dbp, "SELECT rows_read - rows_loaded - rows_quarantined - rows_total_lines FROM batches") == [(0,)]
    assert q(dbp, "SELECT count(*) FROM total_lines") == [(totals,)]


def _dated_subtotals(groups: int, per: int, label) -> tuple[list[str], int, Decimal, int]:
    """A sheet sorted by supplier with a dated subtotal line under each supplier's lines, written by
    ``label(name, date, sum)``, and a grand total line with a date and no word under them all."""
    rows, n, total, totals = ["Date,Supplier,Expense Type,Amount"], 0, D(0), 0
    for g in range(groups):
        name, sub = NAMES[g % len(NAMES)], D(0)
        for k in range(per):
            d = dt.date(2024, 4, 1) + dt.timedelta(days=(n * 3) % 28)
            v = _pence(n)
            rows.append(f"{d:%d/%m/%Y},{name},Vehicle Repairs,{v:.2f}")
            sub, n = sub + v, n + 1
        rows.append(label(name, dt.date(2024, 4, 28), sub))
        total, totals = total + sub, totals + 1
    rows.append(f"30/04/2024,,,{total:.2f}")  # the grand total: a date, no word, no supplier
    return rows, n, total, totals + 1


LABELS = {
    # Excel's subtotal at each change of supplier, dated like the lines
    "excel": lambda name, d, s: f"{d:%d/%m/%Y},{name} Total,,{s:.2f}",
    # the label in the expense type column, the supplier left blank
    "category": lambda name, d, s: f"{d:%d/%m/%Y},,{name.split()[0]} Total,{s:.2f}",
    # a label that says what it is: counted out even without its sum
    "named": lambda name, d, s: f"{d:%d/%m/%Y},Total for supplier {name},,{s:.2f}",
}


def test_dated_subtotals_are_totals_by_their_label_and_their_sum(tmp_path):
    for how, label in LABELS.items():
        rows, n, total, totals = _dated_subtotals(3, 6, label)
        dbp = tmp_path / f"{how}.duckdb"
        try:
            _check(load_file(_csv(tmp_path / f"{how}.csv", rows), db=dbp), dbp, n, total, totals)
        finally:
            store.close(dbp)


def test_dated_subtotals_in_a_long_file_read_in_one_pass(tmp_path, db):
    rows, n, total, totals = _dated_subtotals(11, 640, LABELS["excel"])
    res = load_file(_csv(tmp_path / "long.csv", rows), db=db)
    assert res.one_pass
    _check(res, db, n, total, totals)


def test_a_wordless_total_with_a_supplier_and_no_date_is_a_total(tmp_path, db):
    """The last line names the force and gives no date, and its amount is every line's sum."""
    rows = ["Payment Date,Supplier,Amount"] + [f"0{1 + i % 9}/04/2024,{NAMES[i % 5]},{_pence(i):.2f}" for i in range(8)]
    total = sum(_pence(i) for i in range(8))
    rows.append(f",Lancashire Constabulary,{total:.2f}")
    _check(load_file(_csv(tmp_path / "spend_2024-04.csv", rows), db=db), db, 8, total, 1)


def _ref_lines(n: int, last: str) -> tuple[list[str], Decimal]:
    """A month with a transaction number first, ``n`` lines, then ``last`` (given the lines' total)."""
    rows = ["Transaction Ref,Department,Supplier,Date Paid,VAT Value,Net Value"]
    rows += [f"{1208600 + 3 * i},Fleet,{NAMES[i % 5]},{1 + i % 28:02d}/05/2022,0.00,\"{_pence(i):,.2f}\"" for i in range(n)]
    total = sum(_pence(i) for i in range(n))
    rows.append(last.format(total=f"\"{total:,.2f}\""))
    return rows, total


def _month_with_last_line(tmp_path, name: str, last: str):
    """Load twelve lines of May 2022 and ``last`` (see _ref_lines) into a store of their own: (result,
    store, the twelve lines' total)."""
    rows, total = _ref_lines(12, last)
    dbp = tmp_path / f"{name}.duckdb"
    try:
        return load_file(_csv(tmp_path / f"expenditure_may_2022_{name}.csv", rows), db=dbp), dbp, total
    finally:
        store.close(dbp)


def test_a_total_labelled_in_the_first_column_is_a_total(tmp_path):
    """"Total Spend" (or "Total Expenditure", "Grand total:") where the transaction numbers go, no
    supplier and no date: the month's total, not one more payment; in a file named for its month too,
    whose period would date a line with no day."""
    for i, label in enumerate(("Total Spend", "Total Expenditure", "Grand total:", "TOTAL PAYMENTS")):
        res, dbp, total = _month_with_last_line(tmp_path, f"t{i}", label + ",,,,0.00,{total}")
        _check(res, dbp, 12, total, 1)


def test_a_last_line_with_no_date_no_supplier_and_every_lines_sum_is_a_total(tmp_path):
    """No word of a total anywhere ("All departments" where the department goes): the amount is
    every line's above it and no line follows it, so it is their total. A line so written whose
    amount is no sum stays a line (counted in the month the file's name gives, as before)."""
    res, dbp, total = _month_with_last_line(tmp_path, "sum", "ZZ-END,All departments,,,0.00,{total}")
    _check(res, dbp, 12, total, 1)
    res, _, total = _month_with_last_line(tmp_path, "no_sum", "1208999,Fleet,,,0.00,\"1,234.56\"")
    assert (res.rows_loaded, res.rows_total_lines, res.amount_loaded) == (13, 0, total + D("1234.56"))


def test_a_total_labelled_in_another_column_is_a_total_whatever_its_sum(tmp_path):
    """"Total Payments" where the department goes, a reference beside it, no supplier and no date: a
    total line by its words, even when its amount is not the lines' (a total with the VAT in)."""
    res, dbp, total = _month_with_last_line(tmp_path, "t", "ZZ-END,Total Payments,,,0.00,\"999,999.99\"")
    _check(res, dbp, 12, total, 1)


def test_a_total_labelled_in_the_first_column_of_a_long_file_read_in_one_pass(tmp_path, db):
    rows, total = _ref_lines(7000, "Total Spend,,,,0.00,{total}")
    res = load_file(_csv(tmp_path / "expenditure_may_2022.csv", rows), db=db)
    assert res.one_pass
    _check(res, db, 7000, total, 1)


def test_a_payment_that_equals_a_sum_is_a_payment(tmp_path):
    """No label and weak evidence: a withheld payee's line in the middle equal to the lines above
    it; a last line with a supplier and a date equal to every line above; a last line with no
    supplier whose amount is no sum; a name that ends in "Total" and is no sum. All are spend."""
    base = [f"0{1 + i % 9}/04/2024,{NAMES[i % 5]},{_pence(i):.2f}" for i in range(6)]
    s6 = sum(_pence(i) for i in range(6))
    cases = {
        "middle": base[:3] + [f"04/04/2024,,{sum(_pence(i) for i in range(3)):.2f}"] + base[3:],
        "named_last": base + [f"30/04/2024,Acme Holdings,{s6:.2f}"],
        "no_sum": base + ["30/04/2024,,123.45"],
        "name_total": base + [f"30/04/2024,Lubricants Total,{s6 - 1:.2f}"],
    }
    for name, body in cases.items():
        dbp = tmp_path / f"{name}.duckdb"
        try:
            res = load_file(_csv(tmp_path / f"{name}.csv", ["Payment Date,Supplier,Amount"] + body), db=dbp)
            assert (res.rows_loaded, res.rows_total_lines) == (7, 0), name
        finally:
            store.close(dbp)


# ---------------------------------------------------------------------------------------------
# "Account Name": the payee, or the ledger's account, by what it holds

FIRMS = ["Acme Facilities Ltd", "Pennine Print & Design Limited", "Bowland Legal LLP", "Wyre Borough Council",
         "Fylde Coast Catering Ltd", "Lune Valley IT Solutions", "Morecambe Bay Training CIC", "Hodder Highways plc",
         "J Smith", "Calder Cleaning Co"]
ACCOUNTS = ["Vehicle Repairs", "Printing & Stationery", "Legal Fees", "Catering"]


def _twelve_lines(tmp_path, db, name: str, header: str, line):
    """Load ``name``.csv: ``header``, then twelve lines of April 2024, ``line(i, day)`` giving line
    ``i``'s cells (``day`` its date, dd/mm/yyyy)."""
    rows = [header] + [line(i, f"{1 + i % 28:02d}/04/2024") for i in range(12)]
    return load_file(_csv(tmp_path / f"{name}.csv", rows), db=db)


def test_account_name_holding_firms_is_the_supplier(tmp_path, db):
    """A finance system's "Account Name" (the creditor's account) holds the firms paid, and no other
    header names a payee: it is the supplier, found by what it holds, with no question asked."""
    res = _twelve_lines(tmp_path, db, "accounts", "Date,Account Name,Cost Centre,Amount",
                        lambda i, day: f"{day},{FIRMS[i % 10]},{['Fleet', 'Estates', 'ICT'][i % 3]},{_pence(i):.2f}")
    assert (res.rows_loaded, res.rows_quarantined) == (12, 0)
    cols = res.as_json()["columns"]
    assert cols["supplier_name"] == {"column": "Account Name", "found": "content"}
    assert "category" not in cols
    assert q(db, "SELECT count(DISTINCT supplier_name) FROM transactions") == [(10,)]


def test_a_ledger_account_name_beside_a_supplier_is_the_category(tmp_path, db):
    cols = _twelve_lines(tmp_path, db, "gl", "Posting Date,Supplier,GL Account Name,Amount",
                         lambda i, day: f"{day},{FIRMS[i % 10]},{ACCOUNTS[i % 4]},{_pence(i):.2f}").as_json()["columns"]
    assert cols["supplier_name"]["column"] == "Supplier" and cols["category"]["column"] == "GL Account Name"


def test_an_org_levels_name_is_the_body_or_the_unit_by_what_it_holds(tmp_path, db):
    """A finance system's organisation levels ("Org_Level_1_Desc", "Org_Level_2_Desc"): "Desc" is the
    level's name, not the line's description. The level holding one police body on every line is
    the body; the level holding the force's units is the department."""
    units = ["Estates", "ICT", "Fleet", "Custody"]
    res = _twelve_lines(tmp_path, db, "org_levels", "Org_Level_1_Desc,Org_Level_2_Desc,Transaction Date,Supplier Name,Net Amount",
                        lambda i, day: f"Lancashire Constabulary,{units[i % 4]},{day},{FIRMS[i % 10]},{_pence(i):.2f}")
    assert (res.rows_loaded, res.rows_quarantined) == (12, 0)
    cols = res.as_json()["columns"]
    assert cols["body"]["column"] == "Org_Level_1_Desc"
    assert cols["department"]["column"] == "Org_Level_2_Desc"
    assert "description" not in cols
    assert q(db, "SELECT count(DISTINCT department) FROM transactions") == [(4,)]


def test_an_account_name_of_expense_types_alone_is_asked_about(tmp_path, db):
    """Expense types under "Account Name" and no payee anywhere: not taken as the supplier."""
    import pytest

    from lib.ingest import NeedsMapping

    with pytest.raises(NeedsMapping) as e:
        _twelve_lines(tmp_path, db, "types", "Date,Account Name,Amount",
                      lambda i, day: f"{day},{ACCOUNTS[i % 4]},{_pence(i):.2f}")
    assert "supplier_name" in e.value.fields


# ---------------------------------------------------------------------------------------------
# A year column that names the year a financial year ends in

def test_a_period_beside_the_year_a_financial_year_ends_in_counts_from_the_april_before(tmp_path, db):
    """"Financial_Year_Ending" = 2024 with "Period" 1-12 (a Scottish council's layout): period 1 is
    April 2023, period 12 March 2024, not January to December 2024; a year column that says only
    "Year" is still a calendar year beside a month number."""
    lines = ["Financial_Year_Ending,Period,Supplier Name,Amount"]
    lines += [f"2024,{p},Supplier {p} Ltd,{p}.00" for p in range(1, 13)]
    res = load_file(_csv(tmp_path / "fy_ending.csv", lines), db=db)
    assert (res.rows_loaded, res.rows_quarantined) == (12, 0)
    got = dict(q(db, "SELECT supplier_name, period_start FROM transactions WHERE batch_id = ?", [res.batch_id]))
    assert got["Supplier 1 Ltd"] == dt.date(2023, 4, 1) and got["Supplier 9 Ltd"] == dt.date(2023, 12, 1)
    assert got["Supplier 10 Ltd"] == dt.date(2024, 1, 1) and got["Supplier 12 Ltd"] == dt.date(2024, 3, 1)
    assert q(db, "SELECT DISTINCT fy FROM transactions WHERE batch_id = ?", [res.batch_id]) == [("2023/24",)]
    calendar = ["Year,Month,Supplier Name,Amount"] + [f"2024,{p},Firm {p} Ltd,{p}.50" for p in range(1, 13)]
    res = load_file(_csv(tmp_path / "calendar.csv", calendar), db=db)
    got = dict(q(db, "SELECT supplier_name, period_start FROM transactions WHERE batch_id = ?", [res.batch_id]))
    assert got["Firm 1 Ltd"] == dt.date(2024, 1, 1) and got["Firm 12 Ltd"] == dt.date(2024, 12, 1)
