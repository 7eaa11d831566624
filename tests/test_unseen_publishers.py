"""What files from publishers the project had not seen showed (central government's £25k lists, a
county's £500 list, card-spend files): a sum column whose cells do not read taken over by a column
of numbers, a block of lines with no supplier given the firm above it, a misspelt header word, a
reference column saying the same on every line, a card file's category words taken for the
merchant, and sums past the limit of one payment set aside as £0.00. Each is a file written here,
loaded as a person would load it."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from lib.ingest import NeedsMapping, load_file
from lib.ingest import columns as colmod
from conftest import rows_of as q

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.cli", "ingest", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


def _column_taken(tmp_path: Path, lines: list[str], field: str, column: str, distinct: int):
    """Load ``lines``; assert ``field`` was read from ``column`` by its header, holding ``distinct``
    values in the store; return the load's result."""
    dbp = tmp_path / "taken.duckdb"
    got = load_file(_csv(tmp_path / "taken.csv", lines), db=dbp)
    assert got.as_json()["columns"][field] == {"column": column, "found": "header"}
    assert q(dbp, f"SELECT count(DISTINCT {field}) FROM transactions") == [(distinct,)]
    return got


FIRMS = ["Acme Ltd", "Beta Services Ltd", "Gamma plc", "Delta LLP", "Epsilon Ltd", "Zeta Care Ltd",
         "Eta Fleet Ltd", "Theta IT plc", "Iota Estates Ltd", "Kappa Print Ltd", "Lambda Legal LLP",
         "Mu Medical Ltd", "Nu Fuel Ltd", "Xi Security Ltd", "Omicron Travel Ltd", "Pi Training Ltd"]


# ---------------------------------------------------------------------------------------------
# A column headed as the sums whose cells do not read as pounds is not replaced by another

def test_sums_that_do_not_read_are_asked_for_not_taken_from_a_column_of_numbers(tmp_path):
    """The £ sign garbled by the file's text ("Ł26,001.75"): the contract numbers beside the sums
    were read as the sums (two lines loaded at £700,538 and £701,247, the rest quarantined). Now
    the file is refused, saying that the column headed "Amount" does not read as pounds."""
    lines = ["Department,Entity,Date,Supplier Name,Transaction Number,Amount,Contract Number"]
    for k in range(12):
        contract = str(700500 + k) if k % 5 == 0 else ""
        lines.append(f"Defra,AHVLA,{k + 1:02d}/04/2012,{FIRMS[k]},{30000 + k},\"\u0141{26001 + k},75\",{contract}")
    f = _csv(tmp_path / "ahvla.csv", lines)
    dbp = tmp_path / "a.duckdb"
    with pytest.raises(NeedsMapping) as e:
        load_file(f, db=dbp)
    msg = str(e.value)
    assert "no column found for amount" in msg
    assert "'Amount' is headed as the amount, but its cells do not read as sums of money in pounds" in msg
    assert q(dbp, "SELECT count(*) FROM transactions") == [(0,)]
    out = cli(f, "--db", tmp_path / "b.duckdb")
    assert out.returncode == 2 and "do not read as sums of money" in json.loads(out.stdout)["error"]


def test_a_sums_column_no_header_names_is_still_found_by_what_it_holds(tmp_path):
    """(what the rule above leaves alone: no header says "amount", and one column holds pounds)"""
    lines = ["Supplier,Paid on,Figure"] + [f"{FIRMS[k]},{k + 1:02d}/05/2024,{100 + k}.50" for k in range(6)]
    got = load_file(_csv(tmp_path / "figure.csv", lines), db=tmp_path / "f.duckdb")
    assert (got.rows_loaded, got.amount_loaded) == (6, D("618.00"))
    assert got.as_json()["columns"]["amount"] == {"column": "Figure", "found": "content"}


# ---------------------------------------------------------------------------------------------
# One block of lines with no supplier is not the firm above it

def test_one_block_of_lines_with_no_supplier_is_not_given_the_name_above(tmp_path):
    """A county's ledger: nine adjustment lines of 0.01 with neither supplier ID nor name, under a
    line paid to GENERAL EXPENSES, in a file that names every other line's supplier once. Read as a
    name "written once over the lines it heads", they became GENERAL EXPENSES' lines."""
    lines = ["Client,Service Area,Expenditure Category,Paid Date,Trans No,Amount,Supplier ID,Supplier Name"]
    for k in range(14):
        lines.append(f"OCC,General Fund,AR Refunds,{k + 1:02d}/01/2018,4629{k:04d} - 1,{500 + k}.00,"
                     f"{20000 + k},{FIRMS[k].upper()}")
    lines.append("OCC,General Fund,AR Refunds,30/01/2018,46296648 - 1,3919.65,20000000,GENERAL EXPENSES")
    for k in range(9):
        lines.append(f"OCC,General Fund,Difference A/c,16/01/2018,470230{k:02d} - 3,0.01,,")
    for k in range(6):
        lines.append(f"OCC,Transformation,Bureau Staffing,{k + 9:02d}/01/2018,10427{k:02d} - 0,{600 + k}.00,"
                     f"{30000 + k},TRANSFORM PARTNER {k} LTD")
    dbp = tmp_path / "occ.duckdb"
    got = load_file(_csv(tmp_path / "occ.csv", lines), db=dbp)
    assert got.rows_read == 30 and not [n for n in got.warnings if "written once" in n]
    assert q(dbp, "SELECT supplier_name, count(*), sum(amount) FROM transactions WHERE supplier_name IN "
                  "('(no name given)', 'GENERAL EXPENSES') GROUP BY 1 ORDER BY 1") == [
        ("(no name given)", 9, D("0.09")), ("GENERAL EXPENSES", 1, D("3919.65"))]


def test_names_written_once_over_several_groups_are_still_read_on_each_line(tmp_path):
    """(what the rule above leaves alone: a report printing each supplier once over its lines)"""
    lines = ["Supplier,Date,Invoice,Amount"]
    rows = 0
    for k, firm in enumerate(FIRMS[:5]):
        for j in range(3):
            lines.append(f"{firm if j == 0 else ''},{j + 1:02d}/0{k + 1}/2024,INV{k}{j},{10 * (k + 1)}.00")
            rows += 1
    dbp = tmp_path / "grouped.duckdb"
    got = load_file(_csv(tmp_path / "grouped.csv", lines), db=dbp)
    assert got.rows_loaded == rows and [n for n in got.warnings if "written once" in n]
    assert q(dbp, "SELECT count(*) FROM transactions WHERE supplier_name = '(no name given)'") == [(0,)]
    assert q(dbp, "SELECT count(*) FROM transactions WHERE supplier_name = 'Acme Ltd'") == [(3,)]


# ---------------------------------------------------------------------------------------------
# A header word misspelt by a letter

@pytest.mark.parametrize("header, word", [("Expenditure Catergory", "category"), ("PO Line discription", "description"),
                                          ("Organization", "organisation"), ("Beneficary Name", "beneficiary"),
                                          ("Transacton Date", "transaction"), ("Catagory", "category")])
def test_a_header_word_misspelt_by_a_letter_is_read_as_the_word(header, word):
    assert word in colmod.tokens(header)


@pytest.mark.parametrize("header, word", [("Goods Supplied", "supplied"), ("Service Provided", "provided"),
                                          ("Contact Name", "contact"), ("Preference", "preference"),
                                          ("Supplies", "supply")])
def test_a_real_word_near_a_header_word_is_read_as_written(header, word):
    assert word in colmod.tokens(header)


def test_the_misspelt_category_is_the_category_not_revenue_or_capital(tmp_path):
    lines = ["Service Area,Expenditure Catergory,Paid Date,Amount,Type of Expenditure,Supplier Name"]
    cats = ["Books & Publications", "Temporary Staffing", "General Contracted Services", "Vehicle Hire"]
    for k in range(12):
        lines.append(f"Transformation,{cats[k % 4]},{k + 1:02d}/01/2018,{100 + k}.00,"
                     f"{'Revenue' if k % 3 else 'Capital'},{FIRMS[k]}")
    _column_taken(tmp_path, lines, "category", "Expenditure Catergory", 4)


# ---------------------------------------------------------------------------------------------
# A reference that is the same on every line is no line's reference

def test_a_reference_column_with_one_value_on_every_line_is_listed_not_used(tmp_path):
    lines = ["OrganisationLabel,BeneficiaryName,PaymentDate,Amount,Purpose,CardTransaction"]
    for k in range(12):
        lines.append(f"Trafford Council,{FIRMS[k]},{k + 1:02d}/06/2024,{20 + k}.99,Supplies,GPC")
    dbp = tmp_path / "gpc.duckdb"
    got = load_file(_csv(tmp_path / "gpc.csv", lines), db=dbp)
    j = got.as_json()
    assert got.rows_loaded == 12 and "transaction_ref" not in j["columns"]
    assert "CardTransaction" in j["columns_unused"]
    assert q(dbp, "SELECT count(transaction_ref) FROM transactions") == [(0,)]


# ---------------------------------------------------------------------------------------------
# A card file's words for what the merchant sells are not the merchant

def test_a_header_naming_a_category_more_than_a_supplier_is_asked_about(tmp_path):
    """A procurement card file with no merchant's name: "MERCHANT CATEGORY DESC" (Auto Rental,
    Book Stores) was read as the supplier. Now the person is asked which column the supplier is."""
    descs = ["Auto Rental", "Book Stores", "Hotels", "Airlines", "Taxicabs", "Florists"]
    lines = ["UniqueRef,DATE OF TRANSACTION,MERCHANT CATEGORY,MERCHANT CATEGORY DESC,AMOUNT"]
    for k in range(12):
        lines.append(f"R{k:05d},{k + 1:02d}/10/2011,{7512 + k},{descs[k % 6]},{50 + k}.25")
    f = _csv(tmp_path / "gpc.csv", lines)
    with pytest.raises(NeedsMapping) as e:
        load_file(f, db=tmp_path / "g.duckdb")
    assert "no column is clearly the supplier name (nearest: 'MERCHANT CATEGORY DESC')" in str(e.value)
    given = load_file(f, db=tmp_path / "h.duckdb", mapping={"supplier_name": 3})
    assert (given.rows_loaded, given.amount_loaded) == (12, D("669.00"))


def test_a_payment_header_over_sums_is_still_the_amount(tmp_path):
    """(what the rule above leaves alone: "Payment" names a date more than a sum, but its cells are
    sums, and a date's cells are another kind than a sum's)"""
    lines = ["Supplier,Date,Payment"] + [f"{FIRMS[k]},{k + 1:02d}/05/2024,{10 + k}.00" for k in range(5)]
    got = load_file(_csv(tmp_path / "pay.csv", lines), db=tmp_path / "p.duckdb")
    assert (got.rows_loaded, got.amount_loaded) == (5, D("60.00"))


# ---------------------------------------------------------------------------------------------
# Sums past the limit of one payment keep their money in quarantine

def test_a_sum_past_the_limit_is_set_aside_with_its_amount(tmp_path):
    """A department's £25k list pays NHS England £4.2bn in one line: past the limit of one payment
    (SPEND_MAX_LINE_POUNDS), it is quarantined, and the quarantined total says how much was set
    aside, not £0.00."""
    lines = ["Entity,Date,Expense Type,Supplier,Transaction Number,Amount"]
    for k in range(6):
        lines.append(f"Department of Health,{k + 1:02d}/05/2014,Grants,{FIRMS[k]},{900 + k},{30000 + k}.00")
    lines.append("Department of Health,20/05/2014,Grant in Aid,NHS England,999,\"4,206,752,000.00\"")
    dbp = tmp_path / "doh.duckdb"
    got = load_file(_csv(tmp_path / "doh.csv", lines), db=dbp)
    assert (got.rows_loaded, got.rows_quarantined, got.amount_loaded) == (6, 1, D("180015.00"))
    assert got.amount_quarantined == D("4206752000.00")
    assert q(dbp, "SELECT row_number, amount FROM quarantine") == [(8, D("4206752000.00"))]
    assert q(dbp, "SELECT amount_quarantined FROM batches") == [(D("4206752000.00"),)]


# ---------------------------------------------------------------------------------------------
# A second set: an Agresso export, the central government template, a title month

def test_firms_under_an_id_header_beside_cryptic_columns_of_words_are_the_supplier(tmp_path):
    """Agresso's export: "Supplier ID(T)" holds the firms' names; "Cipfsubs(T)" holds what was
    bought (Car Allowances), under a header that says nothing. Both held words, so the person was
    asked; the column that names or numbers something and holds firms is who was paid."""
    cats = ["Agency Staff", "Car Allowances", "Catering & Provisions", "Comms & Computing", "Furn, Equip & Mats",
            "Grants, Contribs & Subs", "Indirect Employee Expenses", "Licenses, Housing, Fees", "Other Running Costs",
            "Public Transport and Taxi Fares", "Rep & Maint", "Third Party Payments"]
    lines = ["Strgrpcc(T),Cipfsubj(T),Cipfsubs(T),TransNo,Seq no,Period,Supplier ID(T),Amount,Updated"]
    for k in range(14):
        lines.append(f"Community Based Services,Transport,\"{cats[k % 12]}\",{148002691 + k},{k + 1},201303,"
                     f"{FIRMS[k].upper()},{10 + k}.50,2013-06-{k + 1:02d}")
    dbp = tmp_path / "gh.duckdb"
    got = load_file(_csv(tmp_path / "gateshead.csv", lines), db=dbp)
    j = got.as_json()
    assert j["columns"]["supplier_name"] == {"column": "Supplier ID(T)", "found": "content"}
    assert (got.rows_loaded, got.amount_loaded) == (14, D("238.00"))
    assert q(dbp, "SELECT count(DISTINCT supplier_name) FROM transactions") == [(14,)]


def test_the_department_family_is_not_the_department(tmp_path):
    """The central government template's "Department family" (the parent department, the same on
    every line) beside "Expense area" (the unit that spent): the unit is the department."""
    areas = ["Science", "Horticulture", "Estates", "Visitor Programmes"]
    lines = ["Department family,Entity,Date,Expense type,Expense area,Supplier,Transaction number,Amount"]
    for k in range(6):
        lines.append(f"Defra,Royal Botanic Gardens Kew,{k + 1:02d}/07/2013,Consultancy,{areas[k % 4]},{FIRMS[k]},"
                     f"{5000 + k},{26000 + k}.00")
    got = _column_taken(tmp_path, lines, "department", "Expense area", 4)
    assert "Department family" in got.as_json()["columns_unused"]


def _darlington(path: Path, month: str) -> Path:
    lines = ["query,,,,,", ",,Darlington Borough Council - Analysis of Transactions Over £500,,,",
             f",,{month},,,", ",,,,,", ",,Directorate,Service,Supplier,Invoice Line Value (net of VAT)"]
    for k in range(12):
        lines.append(f"INSERTED DETAIL,,Resources Group,Resources,{FIRMS[k].upper()},\"1,{200 + k}.00\"")
    return _csv(path, lines)


def test_a_month_alone_in_a_title_cell_dates_lines_with_no_date(tmp_path):
    """No date column and no period in the file's name: "Jun-13", alone in a cell of the title,
    dates every line June 2013 (it was refused: no column found for payment date)."""
    dbp = tmp_path / "d.duckdb"
    got = load_file(_darlington(tmp_path / "darlington.csv", "Jun-13"), db=dbp)
    assert (got.rows_loaded, got.amount_loaded) == (12, D("14466.00"))
    assert q(dbp, "SELECT DISTINCT period_start FROM transactions") == [(dt.date(2013, 6, 1),)]
    assert [w for w in got.warnings if "dated June 2013, which the title above the header names" in w]


def test_the_title_month_is_taken_over_another_month_in_the_files_name(tmp_path):
    """Saved under another month's name (2013-07.csv) than its title names (Jun-13): the title is
    the publisher's own word; a period a person gives is taken over both."""
    f = _darlington(tmp_path / "2013-07.csv", "Jun-13")
    dbp = tmp_path / "d.duckdb"
    got = load_file(f, db=dbp)
    assert q(dbp, "SELECT DISTINCT period_start FROM transactions") == [(dt.date(2013, 6, 1),)]
    assert [w for w in got.warnings if "(the file's name says July 2013)" in w]
    given = load_file(f, db=tmp_path / "e.duckdb", period=(dt.date(2013, 5, 1), dt.date(2013, 5, 31)))
    assert given.rows_loaded == 12
    assert q(tmp_path / "e.duckdb", "SELECT DISTINCT period_start FROM transactions") == [(dt.date(2013, 5, 1),)]


def test_a_department_column_with_one_name_on_every_line_ranks_below_the_units(tmp_path):
    """Defra's file: "Department" = DEFRA on every line (the parent department) beside "Expense
    Area" (the units that spent): the units are the department, the constant column is listed."""
    areas = ["Animal Health", "Flood Management", "Rural Payments", "Corporate Services"]
    lines = ["Department,Entity,Date,Expense Type,Expense Area,Supplier,Transaction Number,Amount"]
    for k in range(12):
        lines.append(f"DEFRA,Core Defra,{k + 1:02d}/12/2012,IT Services,{areas[k % 4]},{FIRMS[k]},{7000 + k},{30000 + k}.00")
    got = _column_taken(tmp_path, lines, "department", "Expense Area", 4)
    assert "Department" in got.as_json()["columns_unused"]


@pytest.mark.parametrize("n", [1, 2, 3, 9])
def test_in_a_short_file_the_department_left_of_the_body_is_its_parent(tmp_path, n):
    """The same layout with one to nine lines (JNCC's, VMD's and CCWater's months: "Department" = Defra |
    "Entity" = VMD | … | "Expense Area" = RESIDUES SURVEILLANCE UNIT, the same unit on every line
    too): too few lines to call a column constant, but a file names an organisation's levels from
    the widest to the narrowest, so the department named before whose spend it is, is its parent."""
    lines = ["Department,Entity,Date,Expense Type,Expense Area,Supplier ,Transaction Number, Amount "]
    for k in range(n):
        lines.append(f"Defra,VMD,{k + 10:02d}/04/2012,LABORATORY TESTING,RESIDUES SURVEILLANCE UNIT,{FIRMS[k]},"
                     f"{7000 + k},\" £{30000 + k:,}.50 \"")
    got = _column_taken(tmp_path, lines, "department", "Expense Area", 1)
    assert "Department" in got.as_json()["columns_unused"]


def test_one_header_over_two_columns_of_words_is_not_two_fields(tmp_path):
    """A treasury's October gives "Expense Area" twice (its groups, then their areas: Corporate Centre |
    FLEX Services) and no expense type: the first was stored as every line's category. One header names
    one field: the second column is the department, the first is listed as not used, the category unknown."""
    lines = ["Department Family,Entity,Date,Expense Area,Expense Area,Supplier,Transaction Number,Amount"] + [
        f"HM Treasury,HM Treasury,0{1 + k % 9}-Oct-2012,{['Corporate Centre', 'DMO'][k % 2]},"
        f"{['FLEX Services', 'Estates', 'Equitable Life'][k % 3]},{FIRMS[k % 16]},{101199 + k},{25000 + k}.00"
        for k in range(24)]
    got = _column_taken(tmp_path, lines, "department", "Expense Area (column E)", 3)
    assert "category" not in got.as_json()["columns"]
    assert "Expense Area (column D)" in got.as_json()["columns_unused"]


def test_capital_or_revenue_on_every_line_is_never_the_category(tmp_path):
    """A city's months head a column "Group Description" = Revenue Expenditure, Revenue Income, Capital
    Expenditure: ranked down as how a line is accounted, it was still taken as every line's category
    when no other column named one. It is listed as not used, and the category is unknown."""
    lines = ["Directorate,Service Area,Group Description,Paid Date,Supplier Name,Internal Ref,Cap/Rev,Total"] + [
        f"Adult and Culture,Social Services,{['Revenue Expenditure', 'Revenue Income', 'Capital Expenditure'][k % 3]},"
        f"{1 + k % 28}-Jan-2017,{FIRMS[k % 16]},{7124401 + k},{'Capital' if k % 3 == 2 else 'Revenue'},{9954 + k}.00"
        for k in range(30)]
    dbp = tmp_path / "ncc.duckdb"
    got = load_file(_csv(tmp_path / "newcastle_2017-01.csv", lines), db=dbp)
    assert got.rows_loaded == 30 and "category" not in got.as_json()["columns"]
    assert "Group Description" in got.as_json()["columns_unused"]
    assert q(dbp, "SELECT count(category) FROM transactions") == [(0,)]


def test_a_short_files_one_department_stays_when_nothing_narrower_is_named(tmp_path):
    """Where nothing to the right of the body names a department, the one department column is the
    department, one value on every line or not; and one to the right of the body is never the
    body's parent (a council's "Body Name" | "Department" | "Service Area")."""
    alone = ["Department,Entity,Date,Expense Type,Supplier,Amount"] + [
        f"Highways,Lancashire County Council,0{k + 1}/04/2024,Road Repairs,{FIRMS[k]},{1000 + k}.00" for k in range(3)]
    _column_taken(tmp_path, alone, "department", "Department", 1)
    after = ["Body Name,Department,Service Area,Date,Supplier,Amount"] + [
        f"Lancashire County Council,Highways,Area {k},0{k + 1}/04/2024,{FIRMS[k]},{1000 + k}.00" for k in range(3)]
    _column_taken(tmp_path, after, "department", "Department", 1)


def test_lines_dated_by_a_quarter_say_they_are_counted_in_its_first_month(tmp_path):
    """A council's quarterly list dates each line "July 2010-September 2010": no day, no month of
    its own. The lines load in the quarter's first month, and the load says so; a file dated by
    single months ("202205") says nothing of the kind."""
    lines = ["Date,Supplier,Amount,Department"] + [
        f"July 2010-September 2010,Supplier {i} Ltd,{i * 100}.50,Highways" for i in range(1, 31)]
    dbp = tmp_path / "q.duckdb"
    got = load_file(_csv(tmp_path / "quarter.csv", lines), db=dbp)
    assert got.rows_loaded == 30 and got.amount_loaded == D("46515.00")
    assert q(dbp, "SELECT DISTINCT period_start, payment_date FROM transactions") == [(dt.date(2010, 7, 1), None)]
    said = [n for n in got.warnings if "first month" in n]
    assert said and "'July 2010-September 2010'" in said[0] and "'Date'" in said[0]
    monthly = ["Period,Supplier,Amount,Department"] + [f"202205,Supplier {i} Ltd,{i}.00,Highways" for i in range(1, 31)]
    got = load_file(_csv(tmp_path / "monthly.csv", monthly), db=tmp_path / "m.duckdb")
    assert got.rows_loaded == 30 and not [n for n in got.warnings if "first month" in n]


def test_lines_dated_by_the_files_name_say_so(tmp_path):
    """A borough's month of spend summed by supplier (a pivot's export: "Sum of Invoice Nett Amount"
    above "Supplier Name,Total") has no date column: its lines are dated by the file's name, and
    the load says so, as it does for a month named in a title."""
    lines = ["Sum of Invoice Nett Amount,", "Supplier Name,Total"] + [
        f'Supplier {i} Ltd,"£{i},{i:03d}.50"' for i in range(1, 41)] + ['Grand Total,"£820,840.00"']
    got = load_file(_csv(tmp_path / "2011-06-payments.csv", lines), db=tmp_path / "n.duckdb")
    assert got.rows_loaded == 40 and got.rows_total_lines == 1 and got.amount_loaded == D("820840.00")
    assert q(tmp_path / "n.duckdb", "SELECT DISTINCT period_start FROM transactions") == [(dt.date(2011, 6, 1),)]
    assert "no column gives the lines a date: each is dated June 2011, as the file's name says" in got.warnings


def test_an_sap_cost_element_is_the_categorys_code(tmp_path):
    """A regional authority's SAP list: "Cost Element" (533010) beside "Expenditure Account Code
    Description" (STATIONERY). SAP's cost element is the ledger's account: the category's code."""
    lines = ["Vendor ID,Vendor Name,Cost Element,Expenditure Account Code Description,Document No,Amount,"
             "Clearing Date,Directorate,Service Expenditure Analysis"] + [
        f"{10000100 + i % 7},Firm {i % 7} Ltd,{533010 + (i % 3) * 10},{['STATIONERY', 'POSTAGE', 'FURNITURE'][i % 3]},"
        f"{5109101000 + i},{100 + i}.25,2017-07-{1 + i % 28:02d},Resources,Support Costs" for i in range(30)]
    got = load_file(_csv(tmp_path / "sap.csv", lines), db=tmp_path / "sap.duckdb")
    assert got.rows_loaded == 30
    assert got.columns["(csv)"]["category_code"]["column"] == "Cost Element"
    assert got.columns["(csv)"]["category"]["column"] == "Expenditure Account Code Description"
    assert q(tmp_path / "sap.duckdb", "SELECT DISTINCT category_code, category FROM transactions ORDER BY 1") == [
        ("533010", "STATIONERY"), ("533020", "POSTAGE"), ("533030", "FURNITURE")]


def test_header_words_run_together_in_capitals_are_read_as_words(tmp_path):
    """A department's monthly list, re-exported with its headers' words run together in capitals
    (DEPARTMENTFAMILY|ENTITY|DATE|EXPENSETYPE|EXPENSEAREA|SUPPLIER|TRANSACTIONNO|SUMOFAMOUNT): the
    words are read apart, so SUMOFAMOUNT is the amount (not asked for beside the ten-digit
    TRANSACTIONNO) and the expense type, area and reference are used, not left out."""
    lines = ["DEPARTMENTFAMILY|ENTITY|DATE|EXPENSETYPE|EXPENSEAREA|SUPPLIER|TRANSACTIONNO|SUMOFAMOUNT|TEXT|POSTCODE"] + [
        f"Department for Transport|Department for Transport|{1 + i % 28:02d}/08/2012|{['IT Services', 'Rent'][i % 2]}|"
        f"{['Roads', 'Rail', 'Shipping'][i % 3]}|Firm {i % 9} Ltd|{2000009000 + i}|{25000 + i * 101}.{i % 100:02d}|"
        f"Payment {i}|SW1P 4DR" for i in range(40)]
    got = load_file(_csv(tmp_path / "dft-monthly-spend-201208.csv", lines), db=tmp_path / "dft.duckdb", body="Department for Transport")
    used = {f: c["column"] for f, c in got.columns["(csv)"].items()}
    assert used["amount"] == "SUMOFAMOUNT" and used["transaction_ref"] == "TRANSACTIONNO"
    assert used["category"] == "EXPENSETYPE" and used["department"] == "EXPENSEAREA"
    assert got.rows_loaded == 40 and got.amount_loaded == sum(D(f"{25000 + i * 101}.{i % 100:02d}") for i in range(40))
    assert colmod.tokens("TRANSACTIONNUMBER") == ["transaction", "number"]
    # a word the headers are read by, or one not wholly spelt by them, is never split
    assert [colmod.tokens(h) for h in ("POSTCODE", "Identity", "Broughton", "Thomson")] == [
        ["postcode"], ["identity"], ["broughton"], ["thomson"]]


def test_whole_numbers_under_a_desc_header_are_no_description_nor_one_word_a_suppliers_id(tmp_path):
    """A metropolitan council's quarterly list: "Thomson Desc." holds the Thomson code (82050) beside
    "Purpose of Spend" (Accident Repairs - Charge User), and "Supplier ID" says "Redacted" on every
    line. The purpose is the description; the code and the one-word ID are listed as not used."""
    purposes = ["Accident Repairs - Charge User", "Vehicle Hire", "Legal Fees", "Printing", "Catering"]
    lines = ["Organisation Name,Directorate,Supplier Name,Supplier ID,Payment Date,Transaction Number,Net Amount,"
             "Purpose of Spend,Thomson Classification,Thomson Desc."] + [
        f"Wakefield MDC,{['REGENCULT', 'CORPSERV'][i % 2]},Firm {i % 11} Ltd,Redacted,{1 + i % 28:02d}/06/2017,"
        f"{23332900 + i},{500 + i}.25,{purposes[i % 5]},{['Van Hire', 'Solicitors', 'Printers'][i % 3]},"
        f"{[82050, 91020, 77010][i % 3]}" for i in range(46)]
    got = load_file(_csv(tmp_path / "wakefield.csv", lines), db=tmp_path / "w.duckdb", body="Wakefield MDC")
    used = {f: c["column"] for f, c in got.columns["(csv)"].items()}
    assert got.rows_loaded == 46
    assert used["description"] == "Purpose of Spend" and "supplier_id" not in used
    assert {"Thomson Desc.", "Supplier ID"} <= set(got.columns_unused["(csv)"])


@pytest.mark.parametrize("rows", [15, 21, 32])
def test_the_templates_expense_area_is_the_department_beside_one_department_family(tmp_path, rows):
    """A public body's £25k list in the central government template: "Department Family" says
    Ministry of Justice on every line, "Expense Area" (HQ, Op Service Areas) the unit that spent.
    The area is the department however long the file; a ledger's period ("GL Year_Period" =
    2011/01) and a "Project Code" are no category's code."""
    lines = ["Department Family,Entity,Date,Expense Type,Expense Area,Supplier,Transaction Number,Amount,"
             "Description,GL Year_Period,Project Code"] + [
        f"Ministry of Justice,Cafcass,{1 + i % 28:02d}/12/2015,{['Rent', 'IT', 'Legal'][i % 3]},"
        f"{['HQ', 'Op Service Areas'][i % 2]},Firm {i % 13} Ltd,{900100 + i},{25000 + i}.50,Payment,2015/09,"
        f"{['DTZ00000', 'EXITLOND', '00000000'][i % 3]}" for i in range(rows)]
    got = load_file(_csv(tmp_path / "cafcass.csv", lines), db=tmp_path / "c.duckdb", body="Cafcass")
    used = {f: c["column"] for f, c in got.columns["(csv)"].items()}
    assert got.rows_loaded == rows and used["department"] == "Expense Area"
    assert "category_code" not in used
    assert {"Department Family", "Project Code"} <= set(got.columns_unused["(csv)"])
    assert q(tmp_path / "c.duckdb", "SELECT DISTINCT department FROM transactions ORDER BY 1") == [
        ("HQ",), ("Op Service Areas",)]


def test_a_contracts_finder_award_extract_loads_each_award_by_its_notice(tmp_path):
    """A Contracts Finder award extract: "Notice ID" (a long identifier) beside "Buyer ID-scheme"
    (GB-SRS) and "Buyer ID", "Supplier ID-scheme" (GB-COH) beside "Supplier ID" (the company number),
    the tender's "Start Date" beside the award's "Contract start date", a "Supplier's contact name",
    and value bands written with no spaces ("1000000-4000000", "£250k-£500k"). Each award keeps its
    notice, its firm's company number and the contract's dates; a band reads as its top."""
    head = ("Notice ID,Buyer Name,Buyer ID-scheme,Buyer ID,Supplier Name,Supplier's contact name,Supplier ID-scheme,"
            "Supplier ID,Start Date,End Date,Contract start date,Contract end date,Award Title,Award Value")
    values = ["1000000-4000000", "£250k-£500k", "28500", '"£1,200.50"']
    rows = [f"{i:08x}-0f3b-4bf1-b65e-c9064c7e16c5-36250{i},Crown Commercial Service,GB-SRS,"
            f"supplierregistration.cabinetoffice.gov.uk/6sQD8uds,Firm {i} Ltd,Person {i},GB-COH,{6944000 + i:08d},"
            f"01/01/2020,31/12/2020,01/{1 + i % 12:02d}/2020,28/{1 + i % 12:02d}/2023,Award {i},{values[i % 4]}"
            for i in range(12)]
    db = tmp_path / "cf.duckdb"
    res = load_file(_csv(tmp_path / "ccs-award.csv", [head] + rows), db=db, kind="contracts")
    used = {f: c["column"] for f, c in res.columns["(csv)"].items()}
    assert res.rows_loaded == 12
    assert used["reference"] == "Notice ID" and used["supplier_id"] == "Supplier ID"
    assert used["supplier_name"] == "Supplier Name"
    assert used["start_date"] == "Contract start date" and used["end_date"] == "Contract end date"
    got = q(db, "SELECT count(DISTINCT reference), count(DISTINCT supplier_id), min(start_date), sum(value) FROM contracts")
    assert got == [(12, 12, dt.date(2020, 1, 1), 3 * (D("4000000") + D("500000") + D("28500") + D("1200.50")))]


def test_a_registers_value_split_by_unquoted_thousands_separators_is_joined_again(tmp_path):
    """A contracts register saved by hand writes £1,200.50 with its comma unquoted: the value was
    read as £1.00, the pence left in a column of their own, without a word. It is joined again, as a
    spend file's amount is, and the load says so."""
    lines = ["Contract Reference,Supplier Name,Start Date,End Date,Value"] + [
        f"C-{i},Firm {i} Ltd,01/04/2023,31/03/2025,£{i},200.50" for i in range(1, 13)]
    db = tmp_path / "reg.duckdb"
    res = load_file(_csv(tmp_path / "register.csv", lines), db=db, kind="contracts")
    assert res.rows_loaded == 12
    assert q(db, "SELECT sum(value), min(value) FROM contracts") == [(sum(D(f"{i}200.50") for i in range(1, 13)), D("1200.50"))]
    assert [w for w in res.warnings if "thousands separators the file did not quote" in w]


def test_a_registers_value_in_another_currency_is_quarantined_saying_so(tmp_path):
    """An OJEU award extract gives two awards' values in euros ("CONTRACT_CURRENCY" = EUR): they were
    stored as pounds without a word. They are quarantined, saying which currency and which column
    says so; the awards in pounds load."""
    head = "SUPPLIER_NAME,CONTRACT_TITLE,CONTRACT_DATE,CONTRACT_REF,CONTRACT_VALUE,CONTRACT_CURRENCY"
    rows = [f"Firm {i} Ltd,Services {i},202001{1 + i:02d},TED-{1000 + i},{100000 + i}.00,{'EUR' if i in (3, 7) else 'GBP'}"
            for i in range(12)]
    db = tmp_path / "ojeu.duckdb"
    res = load_file(_csv(tmp_path / "ojeu.csv", [head] + rows), db=db, kind="contracts")
    assert res.rows_loaded == 10 and res.rows_quarantined == 2
    assert res.amount_quarantined == D("100003.00") + D("100007.00")
    reasons = [p["reason"] for p in res.problems]
    assert reasons and all("is in EUR, as its 'CONTRACT_CURRENCY' column says" in r for r in reasons)


def test_a_scraped_award_list_with_no_reference_asks_for_one_not_takes_a_sector_or_a_count(tmp_path):
    """A scraped award list (DATE, SOURCE, BUYER, SECTOR, TITLE, VALUE, NUM_SUPPLIERS, SUPPLIER) has no
    reference column: its SECTOR (CONSTRUCTION, said again and again) was taken for the reference by
    what it holds, merging a sector's awards into one, and NUM_SUPPLIERS (how many) for the firm's ID.
    A code said again and again is no entry's own reference: a person is asked which column is."""
    head = "DATE,SOURCE,BUYER,SECTOR,TITLE,VALUE,NUM_SUPPLIERS,SUPPLIER"
    rows = [f"{1 + i} Sep 2020,Contracts Finder,Buyer {i % 3},{['CONSTRUCTION', 'PROFESSIONAL', 'IT'][i % 3]},"
            f"Award {i},£{1 + i}M,{1 + i % 2},Firm {i} Ltd" for i in range(20)]
    with pytest.raises(NeedsMapping) as e:
        load_file(_csv(tmp_path / "awards.csv", [head] + rows), db=tmp_path / "a.duckdb", kind="contracts")
    assert "reference" in str(e.value)
    assert colmod.header_scores("NUM_SUPPLIERS", colmod.CONTRACTS).get("supplier_id", 0) < 0
    assert colmod.header_scores("Supplier No", colmod.CONTRACTS)["supplier_id"] > 2


LABELS = ["Supplies and Services", "Premises Related Expenditure", "Transport Related Expenditure",
          "Third Party Payments", "Capital Expenditure"]


def test_a_code_column_of_labels_in_words_is_the_category_when_no_column_is(tmp_path):
    """A district's file headed "Expenditure Code" gives labels, not codes (Supplies and Services,
    Premises Related Expenditure): read as the category's code, every line's category was unknown.
    With no other column for the category it is the category; beside an "Expense Type" it stays the
    code, and a column of real codes under the same header stays the code."""
    def lines(code_of, extra=False):
        head = "Date Paid,Supplier Name,Service Area,Expenditure Code," + ("Expense Type," if extra else "") + "Amount"
        return [head] + [f"{1 + k % 28:02d}/05/2024,{FIRMS[k % 16]},{['Parks', 'Housing', 'Waste'][k % 3]},{code_of(k)},"
                         + (f"{['Repairs', 'Fuel', 'Consultancy'][k % 3]}," if extra else "") + f"{500 + 37 * k}.25"
                         for k in range(30)]
    got = _column_taken(tmp_path, lines(lambda k: LABELS[k % 5]), "category", "Expenditure Code", 5)
    assert "category_code" not in got.as_json()["columns"] and got.rows_loaded == 30
    assert got.amount_loaded == sum(D(f"{500 + 37 * k}.25") for k in range(30))
    beside = load_file(_csv(tmp_path / "beside.csv", lines(lambda k: LABELS[k % 5], extra=True)), db=tmp_path / "b.duckdb")
    assert beside.as_json()["columns"]["category"]["column"] == "Expense Type"
    assert beside.as_json()["columns"]["category_code"]["column"] == "Expenditure Code"
    codes = load_file(_csv(tmp_path / "codes.csv", lines(lambda k: f"E{4100 + k % 5}")), db=tmp_path / "c.duckdb")
    assert codes.as_json()["columns"]["category_code"]["column"] == "Expenditure Code"
    assert "category" not in codes.as_json()["columns"]


def test_a_codes_words_are_the_category_and_a_mostly_empty_category_column_gives_way(tmp_path):
    """A city council's file: "Expense Code Description" (OTHER FEES: the words the expense code stands
    for) was read as each line's description, and "Proclass Details Level 1", filled on 2 lines of 63,
    as the category, so 61 lines had none. The code's words are the category; a column empty on most
    lines gives way to one filled on nearly all, and does not drift into the description instead."""
    head = "Body Name,Expense Code,Expense Code Description,GL Date,Invoiced Value,Supplier Name,Proclass Details Level 1"
    rows = [f"Example City Council,{9270 + k % 4},{['OTHER FEES', 'INDEPENDENT FOSTERING', 'REPAIRS', 'SOFTWARE'][k % 4]},"
            f"2017-01-{1 + k % 28:02d},{100 + k}.50,{FIRMS[k % 16]},{'Social Care' if k in (3, 17) else ''}"
            for k in range(30)]
    got = load_file(_csv(tmp_path / "city.csv", [head] + rows), db=tmp_path / "c.duckdb", body="Example City Council")
    cols = got.as_json()["columns"]
    assert cols["category"]["column"] == "Expense Code Description" and cols["category_code"]["column"] == "Expense Code"
    assert "description" not in cols and "Proclass Details Level 1" in got.as_json()["columns_unused"]
    assert got.rows_loaded == 30 and got.amount_loaded == sum(D(f"{100 + k}.50") for k in range(30))
    scores = colmod.header_scores("Expense Code Description")
    assert scores["category"] > scores["description"]


def test_a_lone_nought_or_dash_names_no_department_or_category(tmp_path):
    """An NHS trust's list writes "0,0" for the expense type and area of 21 lines: they were stored as a
    category and a department called "0". A lone nought or dash in a field of words is none given
    (unknown, shown as such); a code of "0" stays a code."""
    head = "Date,Supplier,Expense Type,Expense Area,Expense Code,Amount"
    rows = [f"{1 + k % 28:02d}/04/2020,{FIRMS[k % 16]},{'0' if k % 5 == 0 else 'Drugs'},{'-' if k % 7 == 0 else 'Pharmacy'},"
            f"{'0' if k % 3 == 0 else 'E' + str(100 + k)},{25000 + k}.00" for k in range(30)]
    db = tmp_path / "nought.duckdb"
    got = load_file(_csv(tmp_path / "trust.csv", [head] + rows), db=db)
    assert got.rows_loaded == 30 and got.amount_loaded == sum(D(f"{25000 + k}.00") for k in range(30))
    assert q(db, "SELECT count(*) FILTER (WHERE category IS NULL), count(*) FILTER (WHERE department IS NULL), "
                 "count(*) FILTER (WHERE category_code = '0'), count(DISTINCT category) FROM transactions") == [(6, 5, 10, 1)]


@pytest.mark.parametrize("lines", [30, 6_300])  # the full path, and the one pass (lib.ingest.fast)
def test_a_suppliers_code_before_its_name_is_its_id(tmp_path, lines):
    """An NHS trust's ledger writes each supplier as "UK0479435601 : Prime Care Solutions (Kingston) Ltd":
    kept whole, the firm was a name no register or other file spells, and its code no ID. Where nearly
    every cell is so written, the code is the supplier's ID and the rest its name (the load says so); a
    cell not so written stays whole."""
    head = "Month,Entity,Date,Expense Type,Supplier,Transaction Number,Amount"
    rows = [f"Jun-20,Example Hospital NHS Trust,{1 + k % 28:02d}-Jun-20,Drugs,"
            + (f"UK{479435601 + k % 16:010d} : {FIRMS[k % 16]}" if k % 10 else "3M - United Kingdom plc")
            + f",SIN{k:06d},{25000 + k % 100}.00" for k in range(lines)]
    db = tmp_path / "coded.duckdb"
    got = load_file(_csv(tmp_path / "trust_2020-06.csv", [head] + rows), db=db)
    assert got.rows_loaded == lines and got.one_pass == (lines > 6_000)
    assert got.amount_loaded == sum(D(f"{25000 + k % 100}.00") for k in range(lines))
    assert any("the supplier's cells carry its code ('UK" in w and "read as the supplier's ID" in w
               for w in got.as_json()["warnings"])
    assert q(db, "SELECT supplier_name, supplier_id, supplier_key FROM transactions WHERE row_number = 3") == [
        ("Beta Services Ltd", "UK0479435602", "BETA SERVICES")]
    assert q(db, "SELECT DISTINCT supplier_name, supplier_id FROM transactions WHERE row_number % 10 = 2") == [
        ("3M - United Kingdom plc", None)]
    assert q(db, "SELECT count(DISTINCT supplier_key) FROM transactions") == [(17,)]


@pytest.mark.parametrize("lines", [40, 6_300])  # the full path, and the one pass (lib.ingest.fast)
def test_a_suppliers_code_after_its_name_is_its_id(tmp_path, lines):
    """A payments agency's ledger writes "Serco Consulting Ltd~114639650" (67 of its 78 lines): the
    number after the tilde made each firm a name of its own. Read off the end, as a code before the
    name is: the code is the supplier's ID and the name stands alone; a cell with no code stays whole."""
    head = "Department Family,Entity,Date,Expense Type,Expense Area,Supplier,Transaction number,Nett"
    rows = [f"DEFRA,Rural Payments Agency,{1 + k % 28:02d}-Apr-10,Contractors,COO Directorate,"
            + (f"{FIRMS[k % 16]}~{114639650 + k % 16}" if k % 8 else "INSIGHT DIRECT (UK) LTD")
            + f",{90414238 + k},{25000 + k % 100}.50 " for k in range(lines)]
    db = tmp_path / "after.duckdb"
    got = load_file(_csv(tmp_path / "rpa-over-25k-1004.csv", [head] + rows), db=db)
    assert got.rows_loaded == lines and got.one_pass == (lines > 6_000)
    assert any("the supplier's cells carry its code ('" in w and "~1146396" in w for w in got.as_json()["warnings"])
    assert q(db, "SELECT supplier_name, supplier_id, supplier_key FROM transactions WHERE row_number = 3") == [
        ("Beta Services Ltd", "114639651", "BETA SERVICES")]
    assert q(db, "SELECT DISTINCT supplier_name, supplier_id FROM transactions WHERE row_number % 8 = 2") == [
        ("INSIGHT DIRECT (UK) LTD", None)]
    # fourteen firms (those at k % 16 = 0 and 8 are never coded lines) and the one written plainly
    assert q(db, "SELECT count(DISTINCT supplier_key) FROM transactions") == [(15,)]


def test_lines_dated_outside_their_own_period_column_are_counted_by_date_and_said(tmp_path):
    """An NHS trust's June report ("Month" = Jun-20 on every line) dates lines back to November 2019:
    8 lines (£426,977.43) went into the year before without a word. Each line is still counted by its
    date (the day it was paid), and the load says how many lines fall outside their period's month,
    with an example; a report whose dates all fall in its month, or whose period is a quarter, says
    nothing of the kind."""
    head = "Month,Date,Expense Type,Supplier,Transaction Number,Amount"

    def rows(month, dates):
        return [f"{month},{d},Drugs,{FIRMS[k % 16]},T{k},{1000 + k}.00" for k, d in enumerate(dates)]
    june = [f"{1 + k:02d}-Jun-20" for k in range(20)]
    db = tmp_path / "p.duckdb"
    mixed = load_file(_csv(tmp_path / "trust_june.csv", [head] + rows("Jun-20", june[:17] + ["20-Nov-19", "03-Mar-20", "29-May-20"])), db=db)
    assert mixed.rows_loaded == 20 and mixed.amount_loaded == sum(D(f"{1000 + k}.00") for k in range(20))
    notes = [w for w in mixed.as_json()["warnings"] if "dated outside" in w]
    assert notes == ["3 of 20 lines are dated outside the month their 'Month' column names (row 19: '20-Nov-19' "
                     "under 'Jun-20'): each is counted by its date, not in that month"]
    assert q(db, "SELECT fy, count(*) FROM transactions GROUP BY fy ORDER BY fy") == [("2019/20", 2), ("2020/21", 18)]
    inside = load_file(_csv(tmp_path / "trust_june_ok.csv", [head] + rows("Jun-20", june)), db=tmp_path / "q.duckdb")
    assert not [w for w in inside.as_json()["warnings"] if "dated outside" in w]
    quarter = load_file(_csv(tmp_path / "trust_q1.csv", [head.replace("Month", "Quarter")]
                             + rows("2020 Q2", june[:10] + [f"{1 + k:02d}-Apr-20" for k in range(10)])), db=tmp_path / "r.duckdb")
    assert quarter.rows_loaded == 20 and not [w for w in quarter.as_json()["warnings"] if "dated outside" in w]


# ---------------------------------------------------------------------------------------------
# What a load says of lines with no supplier, of a pivot table's sums and of columns with no header

@pytest.mark.parametrize("lines", [40, 7_000])  # the full path, and the one pass of a long file
def test_lines_naming_no_supplier_are_said_with_their_sum_and_the_largest(tmp_path, lines):
    """A council's card statement: 13 lines with no merchant (£-53,619.79), one of them the month's
    settlement of £-52,501.83, loaded as "(no name given)" without a word, so the month's spend read
    as £-1,653.87. They still load (their amounts stay in every total); the load says how many, their
    sum, and the largest with its row, on the preview, the load and the CLI alike."""
    head = "FIN.TRANSACTION DATE,MCH.MERCHANT NAME,FIN.TRANSACTION AMOUNT"
    rows = [f"{1 + k % 28:02d}/02/2018," + ("" if k in (5, 30) else FIRMS[k % 16]) + f",{100 + k}.50"
            for k in range(lines)]
    rows[30] = "16/02/2018,,-52501.83"
    path = _csv(tmp_path / "card_feb_2018.csv", [head] + rows)
    from lib.ingest import preview_file
    said = ("2 lines name no supplier (-£52,396.33 in all; the largest, row 32, -£52,501.83): loaded as "
            "'(no name given)', counted in every total and shown as redacted wherever lines are published")
    if lines < 100:
        assert said in preview_file(path, db=tmp_path / "pv.duckdb")[0].warnings
    db = tmp_path / "card.duckdb"
    got = load_file(path, db=db)
    assert got.one_pass == (lines > 6_000) and got.rows_loaded == lines
    assert said in got.warnings
    assert q(db, "SELECT row_number, supplier_name, supplier_key, is_redacted FROM transactions "
                 "WHERE supplier_name LIKE '(%' ORDER BY 1") == [(7, "(no name given)", "REDACTED", True),
                                                                  (32, "(no name given)", "REDACTED", True)]
    named = load_file(_csv(tmp_path / "named.csv", [head, "01/02/2018,Acme Ltd,10.00", "02/02/2018,Beta Ltd,12.00"]),
                      db=tmp_path / "n.duckdb")
    assert not [w for w in named.warnings if "no supplier" in w]


def test_a_pivot_tables_sum_of_header_is_said_to_be_totals_not_payments(tmp_path):
    """A London borough's month as a pivot table: "Supplier Name, Sum of Invoice Nett Amount", one line
    a supplier. It loads (the sums are the month's spend), and the load says the lines may each total
    several payments. A plain "Total" or "Amount" header says nothing of the kind."""
    rows = [f"{FIRMS[k]},\"{(k + 1) * 1234:,}.50\"" for k in range(16)]
    got = load_file(_csv(tmp_path / "supplier_totals_2011-01.csv", ["Supplier Name,Sum of Invoice Nett Amount"] + rows),
                    db=tmp_path / "p.duckdb")
    assert got.rows_loaded == 16
    assert got.amount_loaded == sum(D((k + 1) * 1234) + D("0.50") for k in range(16))
    assert ("the amount's header 'Sum of Invoice Nett Amount' names a sum of figures, as a pivot table's does: each "
            "line may total several payments to its supplier, not be one payment") in got.warnings
    plain = load_file(_csv(tmp_path / "plain_2011-01.csv", ["Supplier Name,Total"] + rows), db=tmp_path / "q.duckdb")
    assert plain.rows_loaded == 16 and not [w for w in plain.warnings if "pivot" in w]


@pytest.mark.parametrize("lines", [30, 7_000])
def test_a_stray_cell_in_a_column_with_no_header_is_said_not_only_listed(tmp_path, lines):
    """A government list with a trailing empty header cell and, on one line, a figure beside the
    description ("4,678,447.04"): kept with its line and listed as a column not used, but nothing
    said it was there. The load now says which column, how many rows and the first of them."""
    head = "Date,Supplier,Transaction Number,Amount,Description,"
    rows = [f"{1 + k % 28:02d}/07/2011,{FIRMS[k % 16]},{3000018000 + k},\"{1000 + k:,}.25\",Services," for k in range(lines)]
    rows[20] = rows[20] + '"4,678,447.04"'
    got = load_file(_csv(tmp_path / "spend_jul2011.csv", [head] + rows), db=tmp_path / "s.duckdb")
    assert got.one_pass == (lines > 6_000) and got.rows_loaded == lines
    assert got.amount_loaded == sum(D(1000 + k) + D("0.25") for k in range(lines))
    assert "column F" in got.as_json()["columns_unused"]
    assert ("column F has no header: 1 row holds something there (row 22: '4,678,447.04'), kept with its line as "
            "written, not used") in got.warnings
    clean = load_file(_csv(tmp_path / "clean_jul2011.csv", [head] + [r.rstrip(",") + "," for r in rows[:20]]),
                      db=tmp_path / "c.duckdb")
    assert not [w for w in clean.warnings if "no header" in w]


@pytest.mark.parametrize("by_month", [False, True])
def test_a_pivot_sheet_summing_another_sheet_is_not_read_as_more_lines(tmp_path, by_month):
    """A workbook with its lines on one sheet and a pivot table of them on another ("Month | Supplier |
    Sum of Amount", a Grand Total under it): the pivot's month column dated its sums, so both sheets
    loaded and the spend counted twice (£106,905.00 for £53,452.50). A sheet whose sums by supplier are,
    to the penny and for every supplier, those of another sheet's lines, over fewer lines, is a summary:
    not read, and the load says of which sheet. Two month sheets that merely share suppliers are both read."""
    import openpyxl

    wb = openpyxl.Workbook()
    data = wb.active
    data.title = "Data"
    data.append(["Date", "Supplier", "Amount"])
    sums: dict[str, D] = {}
    for i in range(60):
        firm, amount = FIRMS[i % 7], D(500) + D("13.25") * i
        data.append([dt.date(2024, 6, 1 + i % 28), firm, float(amount)])
        sums[firm] = sums.get(firm, D(0)) + amount
    pivot = wb.create_sheet("Pivot")
    pivot.append(["Month", "Supplier", "Sum of Amount"] if by_month else ["Row Labels", "Sum of Amount"])
    for firm, total in sorted(sums.items()):
        pivot.append((["Jun-24"] if by_month else []) + [firm, float(total)])
    pivot.append((["Grand Total", None] if by_month else ["Grand Total"]) + [float(sum(sums.values()))])
    wb.save(tmp_path / "spend_june_2024.xlsx")
    got = load_file(tmp_path / "spend_june_2024.xlsx", db=tmp_path / "p.duckdb")
    assert got.rows_loaded == 60 and got.amount_loaded == D("53452.50")
    if by_month:
        assert got.as_json()["warnings"][0] == (
            "sheet 'Pivot' not read: its sums by supplier are those of the lines of sheet 'Data' (£53,452.50 in all): "
            "read as a summary of them (a pivot table), not as more lines")

    wb2 = openpyxl.Workbook()
    for n, month in enumerate(("Jun 24", "Jul 24")):
        ws = wb2.active if n == 0 else wb2.create_sheet()
        ws.title = month
        ws.append(["Date", "Supplier", "Amount"])
        for i in range(10 + 5 * n):
            ws.append([dt.date(2024, 6 + n, 1 + i), FIRMS[i % 3], 100.0 + i])
    wb2.save(tmp_path / "months.xlsx")
    both = load_file(tmp_path / "months.xlsx", db=tmp_path / "m.duckdb")
    assert both.rows_loaded == 25 and not [w for w in both.warnings if "summary" in w]


@pytest.mark.parametrize("lines", [40, 7_000])
def test_an_amount_run_on_into_its_date_is_said_so_not_called_an_unreadable_amount(tmp_path, lines):
    """A London borough's report writer left out the separator before amounts it did not quote:
    "25/06/2012930,PRIVATE RESIDENTIAL CARE", the amount run on into the date's cell and the expense
    type moved into the amount's column. The reason said only "amount 'PRIVATE RESIDENTIAL CARE' is
    not a sum of money". Now it names the date cell, the run-on number and the moved cells; the lines
    stay quarantined (nothing is read apart by a guess), and every other line loads."""
    head = "Body,Department,Supplier Name,Invoice Creation Date,Invoice Nett Amount,Expense Type"
    rows = [f"Borough,Care,{FIRMS[k % 16]},{1 + k % 28:02d}/06/2012,\"{500 + k}.25\",RESIDENTIAL CARE" for k in range(lines)]
    rows[10] = "Borough,Care,A A GuestHouses,25/06/2012930,PRIVATE RESIDENTIAL CARE"
    rows[20] = "Borough,Works,Abbey Law,11/06/2012579.6,COST DRAFTSMAN"
    db = tmp_path / "r.duckdb"
    got = load_file(_csv(tmp_path / "invoices_2012_06.csv", [head] + rows), db=db)
    assert got.one_pass == (lines > 6_000)
    assert (got.rows_loaded, got.rows_quarantined) == (lines - 2, 2)
    assert got.amount_loaded == sum(D(500 + k) + D("0.25") for k in range(lines) if k not in (10, 20))
    assert q(db, "SELECT row_number, column_name, reason FROM quarantine ORDER BY 1") == [
        (12, "Invoice Creation Date",
         "date '25/06/2012930' has a number run on past its year (930), as if the line's amount were joined to its "
         "date with no separator and the cells after it moved one column left (the amount's column holds "
         "'PRIVATE RESIDENTIAL CARE'): not read apart"),
        (22, "Invoice Creation Date",
         "date '11/06/2012579.6' has a number run on past its year (579.6), as if the line's amount were joined to "
         "its date with no separator and the cells after it moved one column left (the amount's column holds "
         "'COST DRAFTSMAN'): not read apart")]
    # a date with a time after it, or a plain unreadable amount, is said as before
    other = load_file(_csv(tmp_path / "other_2012_06.csv", [head, "Borough,Care,Acme Ltd,25/06/2012,TBC,X",
                                                            "Borough,Care,Beta Ltd,26/06/2012,10.00,X"]),
                      db=tmp_path / "o.duckdb")
    assert other.rows_quarantined == 1
    assert q(tmp_path / "o.duckdb", "SELECT column_name, reason FROM quarantine") == [
        ("Invoice Nett Amount", "amount 'TBC' is not a sum of money")]


# ---------------------------------------------------------------------------------------------
# A category's code and its words, as the file pairs them; an area's code is no line's category

def test_the_category_is_the_column_naming_the_codes_words_not_a_grouping_headed_otherwise(tmp_path):
    """A council's card file: "Merchant Category Group" (the card network's grouping of merchants)
    was taken as the category and "Expense Type", the council's own words for its "Expense Code",
    was left unused, so code 60G44216 sat beside "General Retail And Wholesale". A district's file did
    the same with "Classification" over "SeRCOP Expenditure Category", and its next month, with two
    more columns, chose the other: the same publisher read two ways. The column whose header is the
    code's with a word for its words in place of "code" is now the category."""
    card = ["Transaction Date,Supplier Name,Net Amount,Merchant Category,Merchant Category Group,Expense Type,Expense Code"]
    card += [f"2014-07-{1 + k % 28:02d},{FIRMS[k % 16]},{4 + k}.95,{['Grocery Stores', 'Hardware', 'Taxis'][k % 3]},"
             f"{['General Retail And Wholesale', 'Building Services', 'Transportation'][k % 3]},"
             f"{['Catering Clothing And Uniforms', 'Equipment Furniture And Materials', 'Travel'][k % 3]},"
             f"{['60G44216', '90274088', '40T11002'][k % 3]}" for k in range(30)]
    got = _column_taken(tmp_path, card, "category", "Expense Type", 3)
    cols = got.as_json()["columns"]
    assert cols["category_code"]["column"] == "Expense Code"
    assert {"Merchant Category", "Merchant Category Group"} <= set(got.as_json()["columns_unused"])
    assert got.amount_loaded == sum(D(4 + k) + D("0.95") for k in range(30))

    def sercop(extra: bool):
        head = ("Payment Date,Transaction Number,Amount,Supplier Name,Organisational Unit,"
                + ("Service Label,Service Code," if extra else "")
                + "SeRCOP Expenditure Category,SeRCOP Expenditure Code,Capital/Revenue,Classification")
        return [head] + [f"{1 + k % 28:02d}/04/2014,{834024 + k},{100 + k}.50,{FIRMS[k % 16]},"
                         f"{['Adult Social Care', 'Housing', 'Schools'][k % 3]},"
                         + (f"{['Day Care', 'Homes', 'Primary'][k % 3]},{101 + k % 3}," if extra else "")
                         + f"{['Third Party Payments', 'Supplies and Services', 'Premises'][k % 3]},{505 - k % 3},"
                         f"Revenue,{['22.DAY CARE SERVICES', '03.GROCERIES', '11.REPAIRS'][k % 3]}" for k in range(30)]
    for extra in (False, True):
        got = load_file(_csv(tmp_path / f"sercop_{extra}.csv", sercop(extra)), db=tmp_path / f"s{extra}.duckdb")
        cols = got.as_json()["columns"]
        assert (cols["category"]["column"], cols["category_code"]["column"]) == (
            "SeRCOP Expenditure Category", "SeRCOP Expenditure Code"), extra
        assert "Classification" in got.as_json()["columns_unused"]
    # a category headed as the code's own words stays, whatever else is there
    own = ["Date,Supplier,Amount,Expense Type,Expense Code,Merchant Category Group"]
    own += [f"{1 + k:02d}/05/2024,{FIRMS[k % 16]},{10 + k}.00,{['Travel', 'Fuel'][k % 2]},{['T1', 'F2'][k % 2]},"
            f"{['Transportation', 'Fuel Dealers', 'Retail'][k % 3]}" for k in range(20)]
    assert load_file(_csv(tmp_path / "own.csv", own), db=tmp_path / "o.duckdb").as_json()["columns"]["category"][
        "column"] == "Expense Type"


def test_a_code_column_with_one_value_on_every_line_is_no_category_code(tmp_path):
    """A combined North West file of several councils' spend, one council a file: its first column,
    "nwod_id_uri_code", holds the council's area code (E08000008) padded with spaces on every line,
    and was stored as every line's category code. A code that is one value beside many suppliers is
    whose file it is, not what each line bought: listed as not used. A code column that varies stays."""
    head = "nwod_id_uri_code,nwod_id,org_short_name,beneficiary_name,payment_date,amount"
    rows = [f"E08000008           ,{22206 + k},tameside,{FIRMS[k % 16]},2019-01-{1 + k % 28:02d},{1000 + k}.23"
            for k in range(30)]
    got = load_file(_csv(tmp_path / "tameside_2019.csv", [head] + rows), db=tmp_path / "t.duckdb")
    assert "category_code" not in got.as_json()["columns"]
    assert "nwod_id_uri_code" in got.as_json()["columns_unused"]
    assert (got.rows_loaded, got.amount_loaded) == (30, sum(D(1000 + k) + D("0.23") for k in range(30)))
    varied = [head.replace("nwod_id_uri_code", "Expense Code")] + [
        r.replace("E08000008           ", f"E{4100 + k % 4}") for k, r in enumerate(rows)]
    got = load_file(_csv(tmp_path / "varied.csv", varied), db=tmp_path / "v.duckdb")
    assert got.as_json()["columns"]["category_code"]["column"] == "Expense Code"


# ---------------------------------------------------------------------------------------------
# A line's own words, a card's number, a code shared by many lines, a lone "#"

def test_a_transaction_description_is_the_lines_description(tmp_path):
    """A Treasury list headed its narrative "Transaction Description" ("Electricity Bill March 2011"):
    read as the description of a transaction number's thing, it was left unused and every line's
    description was empty. The words of the line itself are its description ("Invoice Description",
    "Payment Description" alike); a "Cost Centre Description" stays the cost centre's words."""
    head = "Date,Expense Type,Supplier,Transaction Number,Amount,Transaction Description"
    rows = [f"{1 + k:02d}-Apr-11,Utilities,{FIRMS[k % 16]},{91737 + k},{1000 + k}.01,Electricity bill for site {k}"
            for k in range(20)]
    got = _column_taken(tmp_path, [head] + rows, "description", "Transaction Description", 20)
    assert got.as_json()["columns"]["transaction_ref"]["column"] == "Transaction Number"
    for h in ("Invoice Description", "Payment Description", "Transaction Description"):
        sc = colmod.header_scores(h)
        assert max(sc, key=sc.get) == "description", h
    sc = colmod.header_scores("Cost Centre Description")
    assert sc["department"] > sc.get("description", 0)


def test_a_card_number_or_a_code_shared_by_many_lines_is_no_lines_reference(tmp_path):
    """A city council's card file: "CARD NUMBER" (************8270, one card on many lines) was taken as
    every line's transaction reference. A card's number is the card's, not the payment's; and a column
    a header names a reference only faintly whose few values each come on many lines (4 values over
    127 lines) is a code, not a reference. "Transaction Number" shared by the lines of one payment run
    stays the reference."""
    head = "TRANS DATE;ORIGINAL GROSS AMT;MERCHANT NAME;CARD NUMBER;TRANS CAC CODE 1;Directorate"
    rows = [f"{1 + k % 28:02d}/12/16;{20 + k}.00;{FIRMS[k % 16]};************{5770 + k % 9};K0{20 + k % 4};Adults"
            for k in range(60)]
    got = load_file(_csv(tmp_path / "pcard_201612.csv", [head] + rows), db=tmp_path / "p.duckdb")
    assert got.rows_loaded == 60 and "transaction_ref" not in got.as_json()["columns"]
    assert {"CARD NUMBER", "TRANS CAC CODE 1"} <= set(got.as_json()["columns_unused"])
    runs = ["Date,Supplier,Transaction Number,Amount"] + [
        f"{1 + k % 28:02d}/05/2024,{FIRMS[k % 16]},RUN{k // 20},{10 + k}.00" for k in range(60)]
    got = load_file(_csv(tmp_path / "runs.csv", runs), db=tmp_path / "r.duckdb")
    assert got.as_json()["columns"]["transaction_ref"]["column"] == "Transaction Number"


def test_a_lone_hash_names_no_description_or_category(tmp_path):
    """A department's list wrote "#" as the description of 73 of its 96 lines (its ledger's empty
    narrative): stored as a description "#". A lone "#" or "*" in a field of words is none given,
    as a lone nought or dash is; a reference of "#1" keeps it."""
    head = "Date,Supplier,Expense Type,Transaction Number,Amount,Description"
    rows = [f"{1 + k % 28:02d}/11/2014,{FIRMS[k % 16]},{'#' if k % 4 == 0 else 'Agency Staff'},#{k},{1728 + k},"
            f"{'#' if k % 3 else 'Interim finance support'}" for k in range(30)]
    db = tmp_path / "hash.duckdb"
    got = load_file(_csv(tmp_path / "nov14.csv", [head] + rows), db=db)
    assert got.rows_loaded == 30
    assert q(db, "SELECT count(*) FILTER (WHERE description IS NULL), count(*) FILTER (WHERE category IS NULL), "
                 "count(*) FILTER (WHERE transaction_ref LIKE '#%') FROM transactions") == [(20, 8, 30)]


# ---------------------------------------------------------------------------------------------
# A title naming the lines' period, the lines dated outside it

@pytest.mark.parametrize("lines", [19, 7_000])  # the full path, and the one pass of a long file
def test_lines_dated_outside_the_period_their_title_names_are_said(tmp_path, lines):
    """A royal borough's file titled "Payments equal to or greater than £500 including VAT - 1st August
    2010 - 31st August 2010", its dates read from a column headed "Updated" (found by what it holds):
    every line was dated February or March 2010 without a word. The load now says so, naming the
    title's period, the dates and the column; the lines keep their dates. Lines in the month their
    title names say nothing, nor do a few outside it."""
    head = ["Payments equal to or greater than £500 including VAT - 1st August 2010 - 31st August 2010,,,,,", ",,,,,",
            "Directorate,Updated,Service,Supplier Name,Amount,Type"]
    rows = [f"Resources,{1 + k % 28:02d}/0{2 + k % 2}/2010,CSC,{FIRMS[k % 16]},\"{1000 + k:,}.00\",Revenue"
            for k in range(lines)]
    got = load_file(_csv(tmp_path / "rbwm.csv", head + rows), db=tmp_path / "r.duckdb")
    assert got.one_pass == (lines > 6_000) and got.rows_loaded == lines
    said = [w for w in got.warnings if w.startswith("the title above the header names August 2010")]
    last = "18/03/2010" if lines == 19 else "28/03/2010"
    assert said == [f"the title above the header names August 2010, but {lines:,} of {lines:,} dated lines fall "
                    f"outside it (01/02/2010 to {last}, read from 'Updated'): check that 'Updated' gives the day "
                    "each line was paid, and that the file is the one its title says; the lines keep their own dates"]
    inside = [r.replace("/02/2010", "/08/2010").replace("/03/2010", "/08/2010") for r in rows]
    inside[:3] = [r.replace("/08/2010", "/09/2010") for r in inside[:3]]
    got = load_file(_csv(tmp_path / "aug.csv", head + inside), db=tmp_path / "a.duckdb")
    assert got.rows_loaded == lines and not [w for w in got.warnings if "fall outside it" in w]


@pytest.mark.parametrize("title, span", [
    ("Payments over £500 - 1st August 2010 - 31st August 2010", ("2010-08-01", "2010-08-31")),
    ("Spend April to June 2024", ("2024-04-01", "2024-06-30")),
    ("Payments November to January 2024", ("2023-11-01", "2024-01-31")),
    ("Payments over £500 - 2024/25 Quarter 1", ("2024-04-01", "2025-03-31")),
    ("Transactions 01/04/2024 - 30/06/2024", ("2024-04-01", "2024-06-30")),
    ("Aug-10 card spend", ("2010-08-01", "2010-08-31")),
    ("Lambeth Invoices Report Date: 02/07/2012", None),   # when it was written, not the lines' days
    ("Janitorial spend 2020", None), ("Payments made on June 24", None), ("Expenditure over £500", None)])
def test_the_days_a_title_names(title, span):
    from lib.ingest.load import title_span
    got = title_span(title)
    assert (None if got is None else tuple(d.isoformat() for d in got)) == span


def test_capital_or_revenue_on_every_line_is_no_category(tmp_path):
    """The same borough's "Type" held only Capital or Revenue, and was taken as every line's category:
    the category chart would have read as two groups, capital and revenue. How spend is accounted is
    not what was bought: the column is listed as not used (the lines' category is then unknown, and
    shown so). A category column beside it is taken as before."""
    head = "Directorate,Updated,Service,Supplier Name,Amount,Type"
    rows = [f"Resources,{1 + k % 28:02d}/08/2010,{['CSC', 'Libraries', 'Leisure'][k % 3]},{FIRMS[k % 16]},"
            f"\"{1000 + k:,}.00\",{'Capital' if k % 4 == 0 else 'Revenue'}" for k in range(20)]
    got = load_file(_csv(tmp_path / "rbwm_2010_08.csv", [head] + rows), db=tmp_path / "r.duckdb")
    assert got.rows_loaded == 20 and "category" not in got.as_json()["columns"]
    assert "Type" in got.as_json()["columns_unused"]
    with_cat = [head + ",Expense Type"] + [r + f",{['Software', 'Books'][k % 2]}" for k, r in enumerate(rows)]
    got = _column_taken(tmp_path, with_cat, "category", "Expense Type", 2)


def test_each_titled_sheet_of_a_workbook_is_held_to_its_own_title(tmp_path):
    """A workbook of month sheets, each titled with its month: the sheet whose lines sit in its own
    month says nothing; the sheet whose lines are dated months away says so, naming its sheet."""
    import openpyxl

    wb = openpyxl.Workbook()
    for title, sheet, month in (("Payments over £500 - April 2024", "Apr 24", 4), ("Payments over £500 - May 2024", "May 24", 1)):
        ws = wb.create_sheet(sheet)
        ws.append([title])
        ws.append(["Date", "Supplier", "Amount"])
        for k in range(12):
            ws.append([f"{1 + k:02d}/{month:02d}/2024", FIRMS[k], 100 + k])
    del wb["Sheet"]
    path = tmp_path / "months_2024.xlsx"
    wb.save(path)
    got = load_file(path, db=tmp_path / "w.duckdb")
    assert got.rows_loaded == 24
    assert [w for w in got.warnings if "fall outside it" in w] == [
        "sheet 'May 24', the title above the header names May 2024, but 12 of 12 dated lines fall outside it "
        "(01/01/2024 to 12/01/2024, read from 'Date'): check that 'Date' gives the day each line was paid, and that "
        "the file is the one its title says; the lines keep their own dates"]


# ---------------------------------------------------------------------------------------------
# Session 36: a council's two classifications, a body written as a code, payees named as no one

def _classified(lines: int, big: bool) -> list[str]:
    """A district's £500 list in the layout of its later years: the council's procurement category
    and sub-category, each with its code, then the supplier's trade under a third classification."""
    head = ("Organisation Name,Payment Date,Transaction Number,Net Amount,Supplier Name,Purpose of Spend,"
            "Procurement Classification,Class Code,Procurement Classification,Class Code,Thomson Classification")
    subs = [("Transport", "CAT10", "Vehicle and Plant Hire", "SUBCAT1010"),
            ("Adult Services", "CAT04", "Sub Category To Be Classified", "SUBCATTBC"),
            ("Property", "CAT01", "Security", "SUBCAT0156"),
            ("Children", "CAT05", "Education & Careers", "SUBCAT0502"),
            ("Property", "CAT01", "Construction", "SUBCAT0130")]
    trades = ["Plant Hire", "Home Care Services", "Intercom Systems", "Educational Services", "Builders",
              "Medical Equipment"]
    rows = []
    for k in range(lines):
        l1, c1, l2, c2 = subs[k % 5]
        rows.append(f"District Council,{1 + k % 28:02d}/07/2018,{2300000 + k},{500 + k}.00,{FIRMS[k % 16]},"
                    f"Purpose {k % 4},{l1},{c1},{l2},{c2},{trades[(k * 7) % 6]}")
    return [head] + rows


@pytest.mark.parametrize("lines", [40, 7000])
def test_the_category_is_the_words_its_code_pairs_with(tmp_path, lines):
    """Wakefield's list gives two procurement classifications, each with its code, and a supplier's
    trade ("Thomson Classification"): the trade was taken as the category beside the sub-category's
    code, so a line read "Home Care Services" / SUBCATTBC (the code's own words: "Sub Category To Be
    Classified"). The category is now the column whose words pair one to one with the code's, on
    both load paths; the trade is listed as not used."""
    dbp = tmp_path / "w.duckdb"
    got = load_file(_csv(tmp_path / "wakefield_2018_q2.csv", _classified(lines, lines > 6000)), db=dbp)
    cols = got.as_json()["columns"]
    assert got.rows_loaded == lines and got.one_pass == (lines > 6000)
    assert cols["category"]["column"] == "Procurement Classification (column I)"
    assert cols["category_code"]["column"] == "Class Code (column J)"
    assert "Thomson Classification" in got.as_json()["columns_unused"]
    assert q(dbp, "SELECT DISTINCT category, category_code FROM transactions ORDER BY 2") == [
        ("Construction", "SUBCAT0130"), ("Security", "SUBCAT0156"), ("Education & Careers", "SUBCAT0502"),
        ("Vehicle and Plant Hire", "SUBCAT1010"), ("Sub Category To Be Classified", "SUBCATTBC")]


def test_a_category_headed_as_its_codes_words_stands(tmp_path):
    """"Expense Type" for the codes under "Expense Code" is the category however the cells pair
    (here two codes share words), over another classification that pairs one to one."""
    lines = ["Date,Supplier,Amount,Expense Code,Expense Type,Service Classification"]
    for k in range(30):
        code = ["E10", "E11", "E20", "E30"][k % 4]
        lines.append(f"{1 + k % 28:02d}/04/2024,{FIRMS[k % 16]},{100 + k}.00,{code},"
                     f"{'Fuel' if code in ('E10', 'E11') else ['Rent', 'Books'][code == 'E30']},Class {code}")
    got = load_file(_csv(tmp_path / "e.csv", lines), db=tmp_path / "e.duckdb")
    assert got.as_json()["columns"]["category"]["column"] == "Expense Type"


def test_a_body_column_of_codes_is_said_not_denied(tmp_path):
    """A ledger's "Client" = LP (the company it keeps books for) is a code, not a body's name, so it is
    not read as the body and the lines are the default body's. The note said that no column of the
    file says whose spend it is; it names the column, so that whoever loaded it sees the file may be
    another body's. (The transparency template's "Entity" = EA is whose spend it is, code or not:
    tests/test_bodies.py.)"""
    lines = ["Client,Date,Expense Type,Expense Area,Supplier,Transaction Number,Amount"]
    lines += [f"LP,{1 + k:02d}/09/2012,Consultancy,Area {k % 3},{FIRMS[k % 16]},{1108000 + k},\"£4{k},000.00\""
              for k in range(12)]
    r = cli(_csv(tmp_path / "ledger_2012_09.csv", lines), "--db", tmp_path / "lp.duckdb")
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["rows_loaded"] == 12 and out["bodies"][0]["own"] is True and "Client" in out["columns_unused"]
    assert [w for w in out["warnings"] if "default body" in w] == [
        "the column 'Client' is headed as whose spend it is but holds no body's name (a code, or a unit's name), so it "
        "was not read as the body: its lines are counted as Lancashire Constabulary's, the store's default body (if "
        "the file is another body's, remove the batch and load it again, choosing whose it is on the Upload page or with --body NAME)"]
    ea = [ln.replace("LP,", "DEFRA,EA,", 1) for ln in lines[1:]]
    r = cli(_csv(tmp_path / "ea_2012_09.csv", ["Department,Entity,Date,Expense Type,Expense Area,Supplier,"
                                               "Transaction Number,Amount"] + ea), "--db", tmp_path / "ea.duckdb")
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["bodies"] == [{"body": "EA", "own": False, "lines": 12}] and not [
        w for w in out["warnings"] if "default body" in w]


def test_an_empty_body_column_is_not_said_to_hold_codes(tmp_path):
    """Spend Network's extract of Norfolk's lines has a "buyer_unit" column, empty on every line: it
    says nothing of whose the lines are, so the note says no column does (not that it holds codes)."""
    lines = ["supplier_name,org_type,trans_type,buyer_unit,cost_centre,service,date_completed,amount_calculated"]
    lines += [f"{FIRMS[k % 16]},SMALL BUSINESS,Long Term Residential Care,,{52070 + k},Community Services,"
              f"{1 + k:02d}-Nov-11,{2744 + k}.03" for k in range(12)]
    r = cli(_csv(tmp_path / "ncc_detail.csv", lines), "--db", tmp_path / "n.duckdb")
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["rows_loaded"] == 12 and "buyer_unit" in out["columns_unused"]
    assert [w for w in out["warnings"] if "default body" in w] == [
        "no column of this file says whose spend it is: its lines are counted as Lancashire Constabulary's, the "
        "store's default body (if the file is another body's, remove the batch and load it again, choosing whose it "
        "is on the Upload page or with --body NAME)"]


@pytest.mark.parametrize("name", ["Unspecified", "Unknown", "Not specified", "Grant recipient", "Grant Recipients",
                                  "Personal Expense, Name Witheld", "Name with held",
                                  "  unknown supplier ", "Not analysed", "NOT RECORDED", "Not available",
                                  "Payment to individual", "Payments to Individuals"])
def test_a_payee_named_as_no_one_is_a_line_with_no_payee(tmp_path, name):
    """A research council's lines under "Unspecified" and a grant-giver's under "Grant recipient" were
    counted as suppliers (in the top-supplier lists, published as names). They are lines whose payee
    is not given, stored redacted as an empty supplier cell is; firms with such a word in their name
    are not."""
    lines = ["Date,Supplier,Amount"] + [f"0{1 + k}/04/2024,{s},{100 + k}.00" for k, s in
                                        enumerate([name, "Unknown Worlds Ltd", "Grant Recipients Trust",
                                                   "Not Forgotten Association", "Acme Ltd"])]
    dbp = tmp_path / "p.duckdb"
    load_file(_csv(tmp_path / "p.csv", lines), db=dbp)
    assert q(dbp, "SELECT is_redacted, supplier_key = 'REDACTED' FROM transactions ORDER BY row_number") == [
        (True, True), (False, False), (False, False), (False, False), (False, False)]


@pytest.mark.parametrize("lines", [30, 6_300])  # the full path, and the one pass (lib.ingest.fast)
def test_words_saying_no_code_was_recorded_are_no_code(tmp_path, lines):
    """A patent office's month gives "Not recorded" as the VAT number of every line: stored, it was one
    VAT number that every firm of the file shared. A supplier's ID, a VAT number or a category's code
    written as words saying there is none is none given; a code with a digit in it stays, whatever
    its words."""
    head = "Date,Supplier,Amount,VAT registration number,Supplier ID,Expense Code"
    vats = ["Not recorded", "GB 123 4567 89", "Not VAT registered", "N/A"]
    ids = ["N/K", "NOTT01", "None", "S100"]
    codes = ["TBC", "4100", "Non Pay", "Exempt"]
    rows = [f"{1 + k % 28:02d}/04/2010,{FIRMS[k % 16]},{100 + k}.00,{vats[k % 4]},{ids[k % 4]},{codes[k % 4]}"
            for k in range(lines)]
    dbp = tmp_path / "codes.duckdb"
    got = load_file(_csv(tmp_path / "ipo_2010_04.csv", [head] + rows), db=dbp)
    assert got.rows_loaded == lines and got.one_pass == (lines > 6_000)
    assert q(dbp, "SELECT DISTINCT vat_number, supplier_id, category_code FROM transactions ORDER BY ALL NULLS FIRST") == [
        (None, None, None), (None, None, "Non Pay"), (None, "S100", None), ("GB 123 4567 89", "NOTT01", "4100")]


@pytest.mark.parametrize("lines", [12, 7000])
def test_references_a_spreadsheet_wrote_as_long_numbers_are_said(tmp_path, lines):
    """The Marine Management Organisation's card lines give "TRANSACTION_NUM" = 4.71565E+21: the card
    number as a spreadsheet shows a long number, its digits lost. It was stored without a word; the
    load now says so (on both load paths), and keeps the cells as written."""
    head = "DATE,SUPPLIER,AMOUNT,TRANSACTION_NUM,SUPPLIER_ID"
    rows = [f"{1 + k % 28:02d}/12/2011,{FIRMS[k % 16]},{100 + k}.00,{'4.71565E+21' if k % 3 == 0 else 880000 + k},"
            f"S{k % 16}" for k in range(lines)]
    dbp = tmp_path / "mmo.duckdb"
    got = load_file(_csv(tmp_path / "mmo_2011_12.csv", [head] + rows), db=dbp)
    assert got.rows_loaded == lines and got.one_pass == (lines > 6000)
    said = [w for w in got.warnings if "spreadsheet shows a long number" in w]
    assert len(said) == 1 and said[0].startswith("'TRANSACTION_NUM' holds numbers written as a spreadsheet shows a long "
                                                 "number ('4.71565E+21', ")
    assert q(dbp, "SELECT count(*) FROM transactions WHERE transaction_ref = '4.71565E+21'") == [((lines + 2) // 3,)]
    plain = [head] + [r.replace("4.71565E+21", "471565") for r in rows]
    got = load_file(_csv(tmp_path / "mmo_2011_11.csv", plain), db=tmp_path / "plain.duckdb")
    assert not [w for w in got.warnings if "spreadsheet" in w]


@pytest.mark.parametrize("lines", [40, 7000])
def test_a_label_broken_over_two_lines_is_read_as_one(tmp_path, lines):
    """A commissioning group's list (converted from a PDF) wraps some labels over two lines inside
    their quotes ("Trust-Contract \\nHcare Srv Rec NHS"): the line break was stored, and the same
    category read as two on every page. A cell that breaks is read as one line, on both load paths;
    a column whose cells never break is read as before."""
    head = "Date,Expense,Expense area,Supplier,Transaction,amount"
    rows = []
    for k in range(lines):
        cat = '"Trust-Contract \nHcare Srv Rec NHS"' if k % 2 else "Trust-Contract Hcare Srv Rec NHS"
        rows.append(f"30/04/2020,{cat},\"COMMISSIONING\r\nPRC DELEGATED CO-\",{FIRMS[k % 16]},{31729455 + k},\"{1000 + k:,}.00\"")
    dbp = tmp_path / "ccg.duckdb"
    got = load_file(_csv(tmp_path / "ccg_2020_04.csv", [head] + rows), db=dbp)
    assert got.rows_loaded == lines
    assert q(dbp, "SELECT DISTINCT category, department FROM transactions") == [
        ("Trust-Contract Hcare Srv Rec NHS", "COMMISSIONING PRC DELEGATED CO-")]
    assert q(dbp, "SELECT count(DISTINCT supplier_name) FROM transactions") == [(16,)]


@pytest.mark.parametrize("lines", [40, 7000])
def test_dates_read_month_first_say_so(tmp_path, lines):
    """A regulator's list writes its dates month first (4/9/2010, 4/30/2010): they were read month first,
    rightly (no cell could be read day first only), but in silence. A reading the file did not state
    is said, on both load paths; a day-first file says nothing of it."""
    head = "Date,Supplier,Transaction number,Amount"
    rows = [f"4/{1 + k % 30}/2010,{FIRMS[k % 16]},EFT{5900 + k},{100 + k}.00" for k in range(lines)]
    dbp = tmp_path / "cqc.duckdb"
    got = load_file(_csv(tmp_path / "cqc_2010_04.csv", [head] + rows), db=dbp)
    assert got.rows_loaded == lines
    assert q(dbp, "SELECT min(payment_date), max(payment_date) FROM transactions") == [
        (dt.date(2010, 4, 1), dt.date(2010, 4, 30))]
    said = [w for w in got.warnings if "month first" in w]
    assert said == ["the dates in 'Date' are written month first (12/31/2023, as US English writes them), and none "
                    "can only be day first: read month first throughout"]
    uk = [head] + [f"{1 + k % 30}/4/2010,{FIRMS[k % 16]},EFT{5900 + k},{100 + k}.00" for k in range(lines)]
    got = load_file(_csv(tmp_path / "uk_2010_04.csv", uk), db=tmp_path / "uk.duckdb")
    assert got.rows_loaded == lines and not [w for w in got.warnings if "month first" in w]


def test_amounts_read_with_decimal_commas_say_so(tmp_path):
    """Amounts written 1.234,56 throughout are read that way, and the load says so."""
    lines = ["Datum,Lieferant,Betrag"] + [f"0{1 + k}/04/2024,{FIRMS[k]},\"1.{200 + k},5{k}\"" for k in range(8)]
    dbp = tmp_path / "eu.duckdb"
    got = load_file(_csv(tmp_path / "eu.csv", ["Date,Supplier,Amount"] + lines[1:]), db=dbp)
    assert got.rows_loaded == 8
    assert q(dbp, "SELECT min(amount) FROM transactions") == [(Decimal("1200.50"),)]
    assert [w for w in got.warnings if "decimal commas" in w] == [
        "the amounts in 'Amount' are written with decimal commas (1.234,56), and none the UK way: read that way throughout"]


def test_references_written_to_their_width_are_no_sums(tmp_path):
    """A payments authority's header leaves one heading out ("Expense area"), so every heading after it
    sits over the column before its own: "Amount" over the transaction numbers (0080041830), "Description"
    over the sums, the postcodes under no heading. The numbers were loaded as money (£5.05 billion for
    £889 million). Whole numbers written with leading zeros are a reference kept to its width, never a
    sum; on that signature (the sums the very next column, the last column holding cells under no
    heading) each heading is read over its own column, with a note; without it the file is refused,
    saying where the sums are."""
    head = "Department family,Entity,Date,Expense type,Supplier,Transaction number,Amount,Description,Supplier Post Code,"
    rows = [f"Dept of Health,NHS Business Services Authority,0{1 + k % 9}/12/2013,Temporary Staff,"
            f"{'Pensions' if k % 2 else 'Prescription Pricing'} Division,{FIRMS[k % 16].upper()},00800418{30 + k},"
            f"\"{25000 + k:,}.{k:02d}\",Temporary Staff,E1 6DX" for k in range(20)]
    dbp = tmp_path / "nhsbsa.duckdb"
    got = load_file(_csv(tmp_path / "nhsbsa.csv", [head] + rows), db=dbp)
    assert got.rows_loaded == 20
    used = {f: c["column"] for f, c in got.as_json()["columns"].items() if f != "department"}
    assert used == {"body": "Entity", "payment_date": "Date", "category": "Expense type", "supplier_name": "Supplier",
                    "transaction_ref": "Transaction number", "amount": "Amount", "description": "Description"}
    # the column left without its heading holds the divisions: the department, the one field of words
    # no other column gives (before, kept aside and every line's department unknown)
    assert got.as_json()["columns"]["department"] == {"column": "column E", "found": "content"}
    assert q(dbp, "SELECT sum(amount), min(transaction_ref), count(DISTINCT supplier_name), min(category) "
                  "FROM transactions") == [(Decimal(sum(25000 + k for k in range(20))) + Decimal("1.90"), "0080041830",
                                            16, "Temporary Staff")]
    assert q(dbp, "SELECT department, count(*) FROM transactions GROUP BY ALL ORDER BY 1") == [
        ("Pensions Division", 10), ("Prescription Pricing Division", 10)]
    assert [w for w in got.warnings if "left a heading out" in w] == [
        "the header left a heading out: 'Supplier' and each heading after it sat over the column before its own "
        "('Amount' over cells that are not sums, the sums in the column after it), and the last column held cells "
        "under no heading: each is read over the column after it, and column E has no heading: its words are read "
        "as the department (the one field of words no other column gives)"]
    # no postcodes after the last heading: no sign of a heading left out, so the person is asked, told where the sums are
    short = [head.replace(",Supplier Post Code,", ",Supplier Post Code")] + [r.rsplit(",", 1)[0] for r in rows]
    dbs = tmp_path / "short.duckdb"
    with pytest.raises(NeedsMapping) as e:
        load_file(_csv(tmp_path / "short.csv", short), db=dbs)
    assert ("'Amount' is headed as the amount, but its cells do not read as sums of money in pounds (the cells under "
            "'Description' do); headers are") in str(e.value)
    assert q(dbs, "SELECT count(*) FROM transactions") == [(0,)]
    # sums under a pound's zero ("0.50"), and references to their width under their own header, read as before
    plain = ["Date,Supplier,Transaction number,Amount"] + [
        f"0{1 + k % 9}/12/2013,{FIRMS[k % 16]},00800418{30 + k},{'0.50' if k % 2 else f'{100 + k}.00'}" for k in range(20)]
    got = load_file(_csv(tmp_path / "plain.csv", plain), db=tmp_path / "plain.duckdb")
    assert got.rows_loaded == 20 and got.as_json()["columns"]["amount"]["column"] == "Amount"
    assert q(tmp_path / "plain.duckdb", "SELECT min(transaction_ref) FROM transactions") == [("0080041830",)]


def test_a_column_of_supplier_codes_beside_their_names_is_not_the_name(tmp_path):
    """A borough's payments give "Supplier" = APEX99, 121C01 (its codes) beside "Supplier Name" = Apex
    Taxis, 121 Cars: both headers name the supplier, so the load stopped to ask which. One token of
    letters and digits on every line is a code; the names are the supplier's name, taken without asking, and
    the codes its ID."""
    codes = ["APEX99", "ALLI94", "121C01", "ARCH94", "24SE01", "BEAC98"]
    names = ["Apex Taxis", "Allied Care", "121 Cars", "Archway Homes", "24 Seven Services", "Beacon Trust"]
    lines = ["Directorate,Supplier,Supplier Name,TransNo,Amount,Trans.date,Expense Area,Expense Type"] + [
        f"ADCHILD,{codes[k % 6]},{names[k % 6]},{10486866 + k},{300 + k}.00,{1 + k % 28:02d}/04/2015,Supplies,Transport"
        for k in range(30)]
    dbp = tmp_path / "bedford.duckdb"
    got = load_file(_csv(tmp_path / "bedford.csv", lines), db=dbp)
    assert got.rows_loaded == 30 and got.as_json()["columns"]["supplier_name"] == {"column": "Supplier Name", "found": "header"}
    assert q(dbp, "SELECT count(DISTINCT supplier_name), min(supplier_name) FROM transactions") == [(6, "121 Cars")]
    assert got.as_json()["columns"]["supplier_id"] == {"column": "Supplier", "found": "header"}
    assert q(dbp, "SELECT DISTINCT supplier_id FROM transactions WHERE supplier_name = '121 Cars'") == [("121C01",)]


def test_periods_of_the_financial_year_are_not_taken_for_calendar_months(tmp_path):
    """A council's ledger gives "Period" = 201110 beside each line's date in January 2012: period 10 of
    2011/12. Read as October 2011, every line was said to be dated outside its period. When every
    line's date falls in its period read as the financial year's, the load says that is how the
    column is written, and warns of nothing; calendar months (201201) beside their dates say nothing."""
    head = "Strgrp(T),TransNo,Period,Supplier id(T),Amount,Updated"
    rows = [f"Central Services,{42299930 + k},201110,{FIRMS[k % 16]},{70 + k}.00,2012-01-{1 + k % 28:02d}" for k in range(30)]
    got = load_file(_csv(tmp_path / "gateshead.csv", [head] + rows), db=tmp_path / "g.duckdb")
    assert got.rows_loaded == 30
    assert not [w for w in got.warnings if "dated outside" in w]
    assert [w for w in got.warnings if "financial year's" in w] == [
        "the periods in 'Period' are the financial year's ('201110' is period 10 of 2011/12, the month of "
        "'2012-01-01'), as the lines' dates show: the lines are counted by their dates"]
    assert q(tmp_path / "g.duckdb", "SELECT min(payment_date), max(payment_date) FROM transactions") == [
        (dt.date(2012, 1, 1), dt.date(2012, 1, 28))]
    calendar = [head] + [r.replace(",201110,", ",201201,") for r in rows]
    got = load_file(_csv(tmp_path / "cal.csv", calendar), db=tmp_path / "c.duckdb")
    assert not [w for w in got.warnings if "financial year's" in w or "dated outside" in w]
    # a trust's period 1 (April) with some lines paid in May: the lines outside their period so read are said
    trust = [head] + [r.replace(",2012-01-", ",2020-05-" if k % 10 == 9 else ",2020-04-").replace(",201110,", ",202001,")
                      for k, r in enumerate(rows)]
    got = load_file(_csv(tmp_path / "trust.csv", trust), db=tmp_path / "t.duckdb")
    assert [w for w in got.warnings if "financial year's" in w] == [
        "the periods in 'Period' are the financial year's ('202001' is period 1 of 2020/21, the month of "
        "'2020-04-01'), as the lines' dates show; 3 of 30 lines are dated outside their period so read (row 11: "
        "'2020-05-10' under '202001'): each is counted by its date, not in that month"]
    # a period that neither reading puts the dates in is still said
    late = [head] + [r.replace(",201110,", ",201105,") for r in rows]
    got = load_file(_csv(tmp_path / "late.csv", late), db=tmp_path / "l.duckdb")
    assert [w for w in got.warnings if "dated outside the month" in w]
    # a court service's "Year_Period" = 2015/01 beside dates in April 2014: the year named is the
    # financial year's last (period 1 of 2014/15), not its first; read either way, it is said as written
    ended = [head.replace("Period", "Year_Period")] + [
        r.replace(",2012-01-", ",2014-05-" if k % 10 == 9 else ",2014-04-").replace(",201110,", ",2015/01,")
        for k, r in enumerate(rows)]
    got = load_file(_csv(tmp_path / "cafcass.csv", ended), db=tmp_path / "y.duckdb")
    assert [w for w in got.warnings if "financial year's" in w or "dated outside" in w] == [
        "the periods in 'Year_Period' are the financial year's ('2015/01' is period 1 of 2014/15, the month of "
        "'2014-04-01'), as the lines' dates show; 3 of 30 lines are dated outside their period so read (row 11: "
        "'2014-05-10' under '2015/01'): each is counted by its date, not in that month"]


@pytest.mark.parametrize("ends", ["none", "one", "all"])
def test_a_registers_publication_date_is_not_every_contracts_end(tmp_path, ends):
    """A county's contracts register gives "Effective Date" = 28/03/2015 on every line (the day it was
    published) and an "End date" column, blank on most lines. The publication date was taken as every
    contract's end. A date header that names the end only by "date" gives the end nothing beside a
    column headed as the end plainly: that column is the end, blank or filled."""
    head = ("Organisation name,Effective Date,Contract Reference number / ID,Title of the Agreement,"
            "Contract start date,End date,Contract value,Supplier name")
    rows = []
    for k in range(24):
        end = {"none": "", "one": "31/03/2016" if k == 3 else "", "all": f"31/03/{2016 + k % 3}"}[ends]
        rows.append(f"Norfolk County Council,28/03/2015,BAN{12005 + k},Day care {k},01/04/{2010 + k % 5},{end},"
                    f"{1500 + k},{FIRMS[k % 16].upper()}")
    dbp = tmp_path / "reg.duckdb"
    got = load_file(_csv(tmp_path / "contracts_register.csv", [head] + rows), db=dbp, kind="contracts")
    assert got.rows_loaded == 24
    cols = got.as_json()["columns"]
    assert cols["start_date"]["column"] == "Contract start date"
    assert cols.get("end_date", {}).get("column") in (None, "End date") and "Effective Date" in got.as_json()["columns_unused"]
    filled = {"none": 0, "one": 1, "all": 24}[ends]
    assert q(dbp, "SELECT count(end_date), count(*) FILTER (WHERE end_date = DATE '2015-03-28') FROM contracts") == [
        (filled, 0)]


@pytest.mark.parametrize("body, said", [("Norfolk County Council", True), ("Lancashire Constabulary", False),
                                        ("Acme Holdings Ltd", False)])
def test_a_register_that_names_another_body_on_every_line_says_so(tmp_path, body, said):
    """A county's contracts register, "Organisation name" = Norfolk County Council on every line, was read
    as the force's own register without a word: its contracts would mark the force's spend with the same
    suppliers as on contract. The load says whose it names; the force's own name (or a firm's) says nothing."""
    head = "Organisation name,Contract Reference,Title,Contract start date,Contract value,Supplier name"
    rows = [f"{body},C{100 + k},Day care {k},01/04/{2020 + k % 3},{1500 + k},{FIRMS[k % 16]}" for k in range(12)]
    got = load_file(_csv(tmp_path / "contracts_register.csv", [head] + rows), db=tmp_path / "r.duckdb", kind="contracts")
    assert got.rows_loaded == 12
    notes = [w for w in got.warnings if "not one of the store's own bodies" in w]
    assert notes == ([f"'Organisation name' names {body} on every line, not one of the store's own bodies (Lancashire "
                      "Constabulary, Office of the Police and Crime Commissioner for Lancashire): it is read as the "
                      "store's own register, and its figures count as the store's own: if it is another body's, "
                      "do not load it (or remove its batch on the Data page)"] if said else [])


def test_a_heading_left_out_is_read_so_on_the_one_pass_path_too(tmp_path):
    """The header a heading short, in a file long enough for the one-pass load: read the same way."""
    head = "Department family,Entity,Date,Expense type,Supplier,Transaction number,Amount,Description,Supplier Post Code,"
    rows = [f"Dept of Health,NHS Business Services Authority,0{1 + k % 9}/12/2013,Temporary Staff,"
            f"{'Pensions' if k % 2 else 'Prescription Pricing'} Division,{FIRMS[k % 16].upper()},00800{k:05d},"
            f"\"{25000 + k:,}.{k % 100:02d}\",Temporary Staff,E1 6DX" for k in range(7000)]
    got = load_file(_csv(tmp_path / "nhsbsa_big.csv", [head] + rows), db=tmp_path / "big.duckdb")
    assert got.rows_loaded == 7000 and got.one_pass
    assert got.amount_loaded == Decimal("199499965.00")
    assert [w for w in got.warnings if "left a heading out" in w]
    assert got.as_json()["columns"]["department"] == {"column": "column E", "found": "content"}
    assert q(tmp_path / "big.duckdb", "SELECT count(DISTINCT department), count(department) FROM transactions") == [(2, 7000)]


# ---------------------------------------------------------------------------------------------
# Batch 11 (a city's £500 list, a town's, a framework's customers, NHS lists converted from PDF)

@pytest.mark.parametrize("lines", [40, 7000])
def test_a_codes_header_with_description_added_names_the_codes(tmp_path, lines):
    """Sheffield gives "Object Code" (9120) and "Object Code Description" (OTHER AGENCIES) beside
    "Category Description", the supplier's trade (CHARITIES & VOLUNTARY ORGANISA): the trade was taken
    as the category beside the object's code, and the code's own words as the line's description. A
    header that is the code's header with a word for its words added names the codes: it is the
    category, on both load paths, and the trade is listed as not used."""
    head = ("Body Name,Portfolio,Object Code,Object Code Description,GL Date,Invoice No,Value,Supplier,Category,"
            "Category Description")
    objects = [("9120", "OTHER AGENCIES"), ("4410", "EQUIPMENT PURCHASE"), ("5210", "CONSULTANTS FEES")]
    trades = ["CHARITIES & VOLUNTARY ORGANISA", "UNIVERSITIES & MEDICAL SCHOOLS", "OUT OF SCOPE FOR SIC MONITORIN",
              "BUILDING CONTRACTORS"]
    rows = [f"SHEFFIELD CITY COUNCIL,CYPF,{objects[k % 3][0]},{objects[k % 3][1]},2016-01-{1 + k % 28:02d},"
            f"{42000 + k},{100 + k}.50,{FIRMS[k % 16].upper()},,{trades[(k * 5) % 4]}" for k in range(lines)]
    dbp = tmp_path / "s.duckdb"
    got = load_file(_csv(tmp_path / "sheffield_2016_01.csv", [head] + rows), db=dbp)
    cols = got.as_json()["columns"]
    assert got.rows_loaded == lines and got.one_pass == (lines > 6000)
    assert cols["category"] == {"column": "Object Code Description", "found": "header"}
    assert cols["category_code"] == {"column": "Object Code", "found": "header"}
    assert "description" not in cols and "Category Description" in got.as_json()["columns_unused"]
    assert q(dbp, "SELECT DISTINCT category_code, category FROM transactions ORDER BY 1") == [
        ("4410", "EQUIPMENT PURCHASE"), ("5210", "CONSULTANTS FEES"), ("9120", "OTHER AGENCIES")]


def test_an_invoices_type_is_no_category(tmp_path):
    """Reading's "Invoice Type" (STANDARD, CREDIT) was taken as the category: every line's category was
    the kind of document it was. A document's type is not what was bought."""
    head = "Purchasing Organisation,Payment Date,Voucher Number,Supplier Name,Service Area,Amount (£),Purpose,Invoice Type"
    rows = [f"RBC Legal Entity,{1 + k % 28:02d}/10/2020,{4495967 + k},{FIRMS[k % 16]},Area {k % 4},"
            f"{2000 + k}.20,Purpose {k},{'CREDIT' if k % 9 == 0 else 'STANDARD'}" for k in range(30)]
    got = load_file(_csv(tmp_path / "reading_q3.csv", [head] + rows), db=tmp_path / "r.duckdb")
    assert "category" not in got.as_json()["columns"] and "Invoice Type" in got.as_json()["columns_unused"]
    assert colmod.header_scores("Document Type").get("category", 0) <= 0
    assert colmod.header_scores("Expense Type")["category"] >= 2


def test_a_frameworks_customers_are_the_bodies_whose_spend_it_is(tmp_path):
    """Crown Commercial Service's G-Cloud list names who bought under "CustomerName" (42 bodies in 131
    lines): no column was read as the body, so every line was counted as the force's own spend. The
    customer is whose spend the line is; the note names the largest bodies and counts the rest."""
    head = "ID,Framework,SupplierName,CustomerName,ReturnMonth,EvidencedSpend,Sector"
    buyers = [f"{place} County Council" for place in ("Devon", "Suffolk", "Hampshire", "Oxfordshire", "Essex",
                                                      "Kent", "Surrey", "Norfolk")] + ["HM Land Registry", "Home Office"]
    rows = [f"{k + 1},G-Cloud,{FIRMS[k % 16].upper()},{buyers[k % 10 if k < 20 else 0]},2012-04-01,"
            f"{1000 + k}.00,Local Government" for k in range(30)]
    dbp = tmp_path / "g.duckdb"
    got = load_file(_csv(tmp_path / "gcloud.csv", [head] + rows), db=dbp)
    assert got.as_json()["columns"]["body"] == {"column": "CustomerName", "found": "header"}
    assert "Sector" in got.as_json()["columns_unused"]
    assert q(dbp, "SELECT count(DISTINCT body_key) FROM transactions") == [(10,)]
    assert q(dbp, "SELECT count(*) FROM transactions t JOIN bodies b USING (body_key) WHERE b.own") == [(0,)]
    # (Devon's 12 lines first; the others, 2 each, as the store lists them)
    assert got.peer_note() == ("This file is the spend of Devon County Council, Essex County Council, Hampshire County "
                               "Council, HM Land Registry, Home Office and 5 other bodies: loaded as peers; the force's "
                               "figures are unchanged (compare on the Peers page).")


def test_a_date_column_of_hashes_is_said_in_the_refusal(tmp_path):
    """A CCG's list saved from a spreadsheet whose date column was too narrow: every date is "######".
    The refusal said only that no column was found for the payment date; it now says what 'Date' holds,
    why, and how to load it (wider, or with the month given), which loads it."""
    head = "Department family,Entity,Date,Expense Type,Expense area,Supplier,Transaction number,Amount"
    rows = [f"Department of Health,NHS South West London CCG,######,Clinical,Delegated,{FIRMS[k % 16]},{31811421 + k},"
            f"\"{2000 + k:,}.83\"" for k in range(12)]
    f = _csv(tmp_path / "SWL 01 - April.pdf.csv", [head] + rows)
    with pytest.raises(NeedsMapping) as e:
        load_file(f, db=tmp_path / "a.duckdb")
    assert ("'Date' is headed as the payment date, but its cells do not read as dates ('######'): a spreadsheet "
            "shows ###### where a column is too narrow for its dates") in str(e.value)
    assert "(the Upload page's period box, or --period YYYY-MM)" in str(e.value)
    got = load_file(f, db=tmp_path / "b.duckdb", period=(dt.date(2020, 4, 1), dt.date(2020, 4, 30)))
    assert got.rows_loaded == 12


def test_lines_with_no_date_counted_in_the_files_month_are_said(tmp_path):
    """Brent's April list has two lines with an empty date: with the month in the file's name they were
    counted in April without a word (without it, quarantined). Loaded so, the load now says how many,
    their sum and the first, on both load paths."""
    head = "Department family,Entity,Date,Expense Type,Expense area,Supplier,Transaction number,Amount"
    for n, path in ((40, False), (7000, True)):
        rows = [f"Department of Health,NHS Brent CCG,{'' if k in (20, 27) else f'{1 + k % 28:02d}/04/2020'},Drugs,"
                f"Prescribing,{FIRMS[k % 16]},{1000 + k},{300 + k}.{k % 100:02d}" for k in range(n)]
        got = load_file(_csv(tmp_path / f"brent_ccg_2020-04_{n}.csv", [head] + rows), db=tmp_path / f"b{n}.duckdb")
        assert got.rows_loaded == n and got.one_pass == path
        assert [w for w in got.warnings if "no date" in w] == [
            "2 lines have no date under 'Date' (£647.47 in all; the first, row 22, £320.20): they are counted in April "
            "2020, the period the file gives, with no day"]


def test_a_body_named_in_small_letters_is_shown_with_capitals(tmp_path):
    """North West Open Data's lists name the council "bolton": shown as "Bolton"."""
    from lib import bodies
    assert bodies.shown_name("bolton") == "Bolton"
    assert bodies.shown_name("city of york council") == "City of York Council"
    assert bodies.shown_name("NHS  Brent CCG") == "NHS Brent CCG"
    head = "org_short_name,beneficiary_name,payment_date,amount"
    rows = [f"bolton,{FIRMS[k % 16].upper()},2019-01-{1 + k:02d},{3000 + k}.93" for k in range(12)]
    got = load_file(_csv(tmp_path / "bolton.csv", [head] + rows), db=tmp_path / "b.duckdb")
    assert [b["name"] for b in got.bodies] == ["Bolton"]


def test_lines_with_a_time_alone_counted_in_the_quarters_first_month_are_said(tmp_path):
    """A city's quarterly list whose "Paid Date" holds only "00:00:00": every line is counted in the first
    month of the quarter its file's name gives, now with a note saying so (there was none)."""
    head = "Body Name,Organisational Unit,Paid Date,Trans No,Amount,Supplier Name"
    rows = [f"Oxford City Council,Unit {k % 3},00:00:00,{46281108 + k}_1,{1500 + k},{FIRMS[k % 16].upper()}"
            for k in range(12)]
    got = load_file(_csv(tmp_path / "oxford_over500_2014-q2.csv", [head] + rows), db=tmp_path / "o.duckdb")
    assert got.rows_loaded == 12
    assert [w for w in got.warnings if "no date" in w] == [
        "12 lines have no date under 'Paid Date' (£18,066.00 in all; the first, row 2, £1,500.00): they are counted in "
        "April 2014, the first month of the period the file gives (April to June 2014), with no day"]


def test_a_customers_reference_is_not_whose_spend_it_is(tmp_path):
    """(what reading the customer as the body leaves alone) "Customer Ref" = 55001, the account a supplier
    keeps for the payer, is no body's name: the note says no column names the body, not that this one does."""
    lines = ["Date,Supplier,Amount,Customer Ref"] + [f"{k:02d}/04/2024,{FIRMS[k]},{100 + k}.50,{55000 + k}"
                                                     for k in range(1, 13)]
    got = load_file(_csv(tmp_path / "cref.csv", lines), db=tmp_path / "c.duckdb")
    assert "Customer Ref" in got.as_json()["columns_unused"]
    assert got.default_body_note().startswith("no column of this file says whose spend it is")
    for header in ("Customer Number", "Customer Account", "Organisation ID", "Buyer Reference"):
        assert colmod.header_scores(header).get("body", 0) <= 0, header


@pytest.mark.parametrize("lines", [9, 7000])
def test_dates_that_read_either_way_and_fit_one_month_only_month_first_are_said(tmp_path, lines):
    """A December list whose dates run 12/1/2016 .. 12/9/2016, month first: no number is over 12, so
    each reads either way and is read day first (1 January .. 9 September) without a word. A month's
    list falls in one month: read day first they span nine, read month first one. The load says so,
    and how to read them month first (which then loads them in December); on both load paths."""
    rows = [f"12/{1 + k % 9}/2016,{FIRMS[k % 16]},{100 + k}.50" for k in range(lines)]
    got = load_file(_csv(tmp_path / f"dec_{lines}.csv", ["Date,Supplier,Amount"] + rows), db=tmp_path / "a.duckdb")
    assert got.rows_loaded == lines and got.one_pass == (lines > 6000)
    assert [w for w in got.warnings if "either way" in w] == [
        "the dates in 'Date' each read either way (no number in them is over 12): read day first, as UK files are, "
        "they run from 12/01/2016 to 12/09/2016 (9 months), while read month first they all fall in December 2016: if "
        "the file is that month's, head the column 'Date (MM/DD/YYYY)' and load it again to read them month first"]
    dbp = tmp_path / "b.duckdb"
    got = load_file(_csv(tmp_path / f"dec_{lines}_us.csv", ["Date (MM/DD/YYYY),Supplier,Amount"] + rows), db=dbp)
    assert not [w for w in got.warnings if "either way" in w]
    assert q(dbp, "SELECT min(payment_date), max(payment_date) FROM transactions") == [
        (dt.date(2016, 12, 1), dt.date(2016, 12, 9))]
    # (a day-first December, 1/12/2016 .. 9/12/2016, is in one month read as it is: nothing said)
    uk = [f"{1 + k % 9}/12/2016,{FIRMS[k % 16]},{100 + k}.50" for k in range(12)]
    got = load_file(_csv(tmp_path / "dec_uk.csv", ["Date,Supplier,Amount"] + uk), db=tmp_path / "c.duckdb")
    assert not [w for w in got.warnings if "either way" in w]


def test_a_line_with_no_date_dated_by_its_own_period_says_so(tmp_path):
    """(the note above, where the line's own period column dates it, not the file)"""
    lines = ["Period,Date,Supplier,Amount"] + [f"202005,{'' if k == 3 else f'{1 + k:02d}/05/2020'},{FIRMS[k]},{100 + k}.00"
                                               for k in range(12)]
    got = load_file(_csv(tmp_path / "periods.csv", lines), db=tmp_path / "p.duckdb")
    assert got.rows_loaded == 12
    assert [w for w in got.warnings if "no date" in w] == [
        "1 line has no date under 'Date' (row 5, £103.00): it is counted in May 2020, the month of its period, with no day"]
