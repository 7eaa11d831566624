"""Spend CSVs an eighth probe wrote that did not load as they should, each loaded here as a person
would load it:

- every amount written '1234.56 (a leading apostrophe, Excel's mark for "keep this as text"): the
  file was refused, "no column found for amount";
- an export guarding against formulas writes an apostrophe before each minus sign ('-45.00); where
  the first such line came after the first 6,000, each of those credit notes was quarantined as
  "not a sum of money".

A cell whose text after the apostrophe begins as a number, a sum or a date is now read as that
text, as a cell written ="..." already was; words after an apostrophe stay as they are written.

A column headed "Expense Description" whose few values came again and again (Stationery, Fuel) was the
lines' description, not their category, and a card statement's "MCC Description" too: each is now the
category when no other header names it better.

A savings register giving the cost before and after ("Baseline Cost (£)" | "Contract Cost (£)") and
no saving was refused, asking which cost was the amount; one with the saving's year only in its
amount's header ("Total 2024/25" beside Q1..Q4) had every saving quarantined for no year.

And in a contracts register, a row naming two suppliers with one value counted that value twice in
the live contracts' total value (the Contracts page's figure), though the register's batch counted it
once: it is now counted once.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from conftest import rows_of as q
from conftest import written as _csv
from lib.ingest import load_file

SUPPLIERS = ["Acme Stationery Ltd", "Blackpool Motors Limited", "Preston Cleaning Services", "Wyre IT Ltd"]


def test_sums_dates_and_ids_written_as_text_for_excel(tmp_path, db):
    body = "".join(f"'{1 + i:02d}/04/2024,{SUPPLIERS[i % 4]},'00{i:03d},'{100 + i}.50\n" for i in range(24))
    res = load_file(_csv(tmp_path / "spend.csv", "Date,Supplier,Supplier ID,Amount\n" + body), db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (24, 24, 0)
    assert q(db, "SELECT sum(amount), min(payment_date), max(payment_date) FROM transactions") == [
        (Decimal("2688.00"), date(2024, 4, 1), date(2024, 4, 24))]
    assert q(db, "SELECT supplier_id FROM transactions ORDER BY row_number LIMIT 2") == [("00000",), ("00001",)]


def test_an_apostrophe_before_words_is_kept(tmp_path, db):
    body = "".join(f"{1 + i:02d}/04/2024,'Allo Cafe,{100 + i}.00,'=a note\n" for i in range(24))
    res = load_file(_csv(tmp_path / "spend.csv", "Date,Supplier,Amount,Description\n" + body), db=db)
    assert res.rows_loaded == 24
    assert q(db, "SELECT DISTINCT supplier_name, description FROM transactions") == [("'Allo Cafe", "'=a note")]


def test_credit_notes_guarded_against_formulas_past_the_first_lines(tmp_path, db):
    """9,000 lines (the one-pass load plans on the first 6,000): from line 7,001, every 50th is a
    credit note written '-12.34; every one is loaded, negative, and the total is exact."""
    lines, total = [], Decimal(0)
    for i in range(9000):
        pence = 1000 + (i * 7919) % 90000
        neg = i > 7000 and i % 50 == 0
        cell = f"'-{pence // 100}.{pence % 100:02d}" if neg else f"{pence // 100}.{pence % 100:02d}"
        total += Decimal(pence) / 100 * (-1 if neg else 1)
        lines.append(f"{SUPPLIERS[i % 4]},{1 + i % 28:02d}/05/2024,{cell}\n")
    res = load_file(_csv(tmp_path / "big.csv", "Supplier,Date,Amount\n" + "".join(lines)), db=db)
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined) == (9000, 9000, 0)
    assert q(db, "SELECT sum(amount), count(*) FILTER (WHERE amount < 0) FROM transactions") == [(total, 39)]


def test_a_register_row_naming_two_suppliers_counts_its_value_once(tmp_path, db):
    """One row, one value, two suppliers: a contract with each, and the live contracts' total value
    is the register's (it counted the row's value twice). Two rows that each give a value are each
    counted, as the register's batch counts them."""
    from lib import store
    from lib.scorecard import contracts

    res = load_file(_csv(tmp_path / "c.csv",
                         "Contract Reference,Title,Supplier,Start Date,End Date,Contract Value\n"
                         "LC-1,Interpreting,Language Line Ltd; The Big Word Ltd,01/04/2024,31/03/2026,\"300,000\"\n"
                         "LC-2,Fleet tyres,Tyre Co Ltd,01/04/2024,31/03/2026,\"50,000\"\n"
                         "LC-3,Legal panel,Smith Law LLP,01/04/2024,31/03/2027,\"900,000\"\n"
                         "LC-3,Legal panel,Jones Law LLP,01/04/2024,31/03/2027,\"900,000\"\n"), db=db, kind="contracts")
    assert res.amount_loaded == Decimal("2150000.00")
    with store.connect(db).cursor() as cur:
        assert contracts.contracts_live(cur, "2024/25") == {"contracts": 5, "collaborative": 0,
                                                            "value": Decimal("2150000.00")}


CATEGORIES = ["Stationery", "Fuel", "Vehicle Repairs", "Cleaning"]


def _spend(tmp_path, db, headers: str, cells, base: int = 100) -> dict[str, str]:
    body = "".join(",".join([f"{1 + i % 28:02d}/04/2024", SUPPLIERS[i % 4], f"{base + i}.00", *cells(i)]) + "\n"
                   for i in range(40))
    res = load_file(_csv(tmp_path / "spend.csv", "Date,Supplier,Amount," + headers + "\n" + body), db=db)
    assert res.rows_loaded == 40
    (cols,) = res.columns.values()
    return {f: c["column"] for f, c in cols.items()}


def test_a_description_of_a_few_values_said_again_and_again_is_the_category(tmp_path, db):
    """"Expense Description" = Stationery, Fuel, ... on every line was the lines' description, and the
    category charts showed every line as not given."""
    used = _spend(tmp_path, db, "Expense Description", lambda i: [CATEGORIES[i % 4]])
    assert used.get("category") == "Expense Description" and "description" not in used
    assert q(db, "SELECT count(DISTINCT category), count(description) FROM transactions") == [(4, 0)]


def test_a_description_that_varies_or_sits_beside_an_expense_type_is_the_description(tmp_path, db):
    assert _spend(tmp_path, db, "Expense Description", lambda i: [f"Invoice {1000 + i} for goods"]).get(
        "description") == "Expense Description"
    used = _spend(tmp_path, db, "Expense Type,Expense Description",
                  lambda i: [CATEGORIES[i % 4], ["Office paper", "Diesel", "Brake pads", "Toner", "Mops"][i % 5]], base=500)
    assert (used.get("category"), used.get("description")) == ("Expense Type", "Expense Description")


def test_a_cards_mcc_description_is_its_category(tmp_path, db):
    """A purchase card statement's merchant category code (MCC) and its description."""
    used = _spend(tmp_path, db, "MCC Description", lambda i: [CATEGORIES[i % 4]])
    assert used.get("category") == "MCC Description"


def test_the_year_a_savings_total_is_headed_with_is_each_savings_year(tmp_path, db):
    """"Total 2024/25" beside Q1..Q4 and no year column: both savings were quarantined, "no financial
    year". The year the amount's header names is the year of every row that gives none, with a note."""
    res = load_file(_csv(tmp_path / "savings.csv",
                         "Reference,Description,Type,Q1,Q2,Q3,Q4,Total 2024/25\n"
                         'S1,Print management,Cashable,"1,000","1,000","1,500","1,500","5,000"\n'
                         'S2,Vehicle leasing,Cost avoidance,0,"2,500","2,500","2,500","7,500"\n'), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (2, 0, Decimal("12500.00"))
    assert any("the amount's header 'Total 2024/25'" in w for w in res.warnings)
    assert q(db, "SELECT DISTINCT fy FROM savings") == [("2024/25",)]


def test_a_year_in_its_own_column_wins_over_the_amounts_header(tmp_path, db):
    res = load_file(_csv(tmp_path / "savings.csv", "Project,Financial Year,Saving 2024/25\n"
                         "Fleet tyres,2023/24,\"1,000\"\nCleaning,2024/25,500\n"), db=db, kind="savings")
    assert res.rows_loaded == 2
    assert q(db, "SELECT project, fy FROM savings ORDER BY 1") == [("Cleaning", "2024/25"), ("Fleet tyres", "2023/24")]


def test_a_saving_given_as_the_cost_before_and_after_is_the_one_less_the_other(tmp_path, db):
    """"Baseline Cost (£)" | "Contract Cost (£)" and no saving column: the file was refused, asking
    which of the two costs was the amount (neither is). The saving is now the baseline less the new
    cost, with a note; a saving not yet made is still set aside."""
    res = load_file(_csv(tmp_path / "s.csv",
                         "Project,Financial Year,Baseline Cost (£),Contract Cost (£),Status\n"
                         'Fleet tyres re-tender,2024/25,"120,000","100,000",Realised\n'
                         'Custody healthcare,2024/25,"500,000","470,000",Realised\n'
                         'Stationery framework,2024/25,"20,000","19,000",Forecast\n'), db=db, kind="savings")
    assert (res.rows_loaded, res.rows_quarantined, res.amount_loaded) == (2, 1, Decimal("50000.00"))
    assert any("each is 'Baseline Cost (£)' less 'Contract Cost (£)'" in w for w in res.warnings)
    assert q(db, "SELECT project, amount FROM savings ORDER BY 1") == [
        ("Custody healthcare", Decimal("30000.00")), ("Fleet tyres re-tender", Decimal("20000.00"))]


def test_old_and_new_costs_or_a_saving_beside_them(tmp_path, db):
    res = load_file(_csv(tmp_path / "a.csv", "Project,Financial Year,Previous Annual Cost,New Annual Cost\n"
                         'Fleet tyres,2024/25,"120,000","100,000"\nCleaning,2024/25,"50,000","45,500.50"\n'),
                    db=db, kind="savings")
    assert res.amount_loaded == Decimal("24499.50")
    # where a column gives the saving, it is the saving, and the costs are listed as not used
    res = load_file(_csv(tmp_path / "b.csv", "Project,Financial Year,Old Price,New Price,Saving (£)\n"
                         'Print,2024/25,"10,000","9,000","1,000"\n'), db=db, kind="savings")
    assert res.amount_loaded == Decimal("1000.00")
    assert set(res.as_json()["columns_unused"]) >= {"Old Price", "New Price"}
