"""The Transactions page over more lines than one page holds: sorting, searching and the download
are the store's, over every matching line, not the page on screen."""
import csv
import io
from decimal import Decimal as D

import pytest
from streamlit.testing.v1 import AppTest

from apptools import APP, metrics
from conftest import SMALL_ROWS
from lib import format as fmt
from lib import queries, store
from lib.filters import Filters
from lib.publish.redaction import PUBLISHED_COLUMNS

EXTRA = 120  # with the small store's 8: 128 lines, more than a page of 100
BIG = D("36762.13")


def _extra_rows():
    """(row_number, amount, supplier, description) for the added lines; the largest sits in the
    last month of the date order, on its second page."""
    rows = []
    for i in range(EXTRA):
        amount = BIG if i == 57 else D(i * 13 % 97) * 10 + D(i) / 100
        desc = "Fuel card" if i % 3 == 0 else ("Rate 5%_off" if i == 7 else "Stationery")
        rows.append((i + 2, amount, f"Supplier {i % 7}", desc))
    return rows


@pytest.fixture
def many_lines(small_store):
    with store.write(small_store) as cur:
        cur.execute(
            """INSERT INTO batches (batch_id, kind, file_name, file_sha256, loaded_at, is_demo, rows_read,
                   rows_loaded, rows_quarantined, rows_total_lines, amount_loaded, amount_quarantined,
                   amount_total_lines, sheets)
               VALUES (3, 'spend', 'more.csv', 'cc', TIMESTAMP '2021-07-01 09:00', FALSE, ?, ?, 0, 0, 0, 0, 0, '[""]')""",
            [EXTRA, EXTRA])
        cur.executemany(
            """INSERT INTO transactions (batch_id, sheet, row_number, payment_date, period_start, fy, fy_start,
                   amount, supplier_name, supplier_key, is_redacted, department, category, description,
                   transaction_ref)
               VALUES (3, '', ?, ?, ?, '2020/21', 2020, ?, ?, lower(?), FALSE, 'Fleet', 'Transport', ?, ?)""",
            [(r, f"2020-{6 + r % 6:02d}-{1 + r % 28:02d}", f"2020-{6 + r % 6:02d}-{1 + r % 28:02d}",
              a, s, s, d, f"TX{r:04d}") for r, a, s, d in _extra_rows()])
    return small_store


def _all_amounts():
    return [D(r[6]) for r in SMALL_ROWS] + [a for _, a, _, _ in _extra_rows()]


def _page(**widgets) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page("pages/transactions.py").run()
    at.selectbox(key="flt_fy").select("All years").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _table(at: AppTest):
    return at.table[0].value


def test_sort_by_amount_descending_over_every_line(many_lines):
    at = _page()
    m = metrics(at)
    assert m["Lines"].value == "128" and m["Total"].value == fmt.money(sum(_all_amounts()))
    first_by_date = _table(at)
    assert len(first_by_date) == 100 and fmt.money(BIG) not in set(first_by_date["Amount"])
    at.selectbox(key="tx_sort").select("Amount").run()
    at.radio(key="tx_dir").set_value("Descending").run()
    assert not at.exception
    top = _table(at)
    expected = sorted(_all_amounts(), reverse=True)
    assert list(top["Amount"][:5]) == [fmt.money(a) for a in expected[:5]]
    assert top["Amount"][0] == "£36,762.13"
    assert "Supplier (as published)" in top.columns and "supplier_name" not in top.columns
    assert any("Page 1 of 2" in c.value for c in at.caption)
    # the last page ends with the smallest line: the credit note
    box = next(n for n in at.number_input if n.key.startswith("tx_page_"))
    box.set_value(2).run()
    assert _table(at)["Amount"].iloc[-1] == "-£200.00" and len(_table(at)) == 28
    assert at.button(key="tx_next").disabled and not at.button(key="tx_prev").disabled
    at.button(key="tx_prev").click().run()  # the buttons under the table turn the page as the box does
    assert any("Page 1 of 2" in c.value for c in at.caption) and len(_table(at)) == 100
    at.button(key="tx_next").click().run()
    assert [n.value for n in at.number_input if n.key.startswith("tx_page_")] == [2]
    assert _table(at)["Amount"].iloc[-1] == "-£200.00"
    # a new order is a new list: it opens on its first page, its page box at 1
    at.radio(key="tx_dir").set_value("Ascending").run()
    assert any("Page 1 of 2" in c.value for c in at.caption)
    assert [n.value for n in at.number_input if n.key.startswith("tx_page_")] == [1]


def test_search_narrows_the_count_and_escapes_wildcards(many_lines):
    at = _page()
    at.text_input(key="tx_search").input("FUEL").run()
    fuel = [a for _, a, _, d in _extra_rows() if "fuel" in d.lower()]
    m = metrics(at)
    assert m["Lines"].value == str(len(fuel)) == "40" and m["Total"].value == fmt.money(sum(fuel))
    assert set(_table(at)["Description"]) == {"Fuel card"}
    # % and _ are matched as themselves, not as wildcards
    at.text_input(key="tx_search").input("5%_").run()
    assert metrics(at)["Lines"].value == "1"
    at.text_input(key="tx_search").input("5_%").run()
    assert any("No transactions match" in i.value for i in at.info)
    # the reference and the supplier are searched too
    at.text_input(key="tx_search").input("tx0009").run()
    assert metrics(at)["Lines"].value == "1"
    at.text_input(key="tx_search").input("beta supp").run()
    assert metrics(at)["Lines"].value == "2"


def test_download_is_every_matching_line_under_the_published_headings(many_lines):
    at = _page()
    at.text_input(key="tx_search").input("suppl").run()
    supplier_lines = EXTRA + 2  # every added line ("Supplier n"), and Beta Supplies' two
    assert metrics(at)["Lines"].value == str(supplier_lines)
    button = at.get("download_button")[0]
    assert button.proto.label == f"Download all {supplier_lines} matching lines"
    # the same file the button builds on click
    cur = store.cursor(many_lines)
    text = queries.transactions_csv(cur, Filters(), order=("Amount", True), search="suppl").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:len(PUBLISHED_COLUMNS)] == PUBLISHED_COLUMNS
    assert rows[0][:9] == ["Body", "Date", "Department", "Beneficiary", "Purpose", "Amount", "Irrecoverable VAT",
                           "Category", "Transaction reference"]
    assert len(rows) == 1 + supplier_lines
    assert rows[1][5] == "36762.13" and rows[1][3] == "Supplier 1"
    assert sum(D(r[5]) for r in rows[1:]) == sum(a for _, a, _, _ in _extra_rows()) + D("2600.50")
    assert all(len(r[1]) == 10 and r[1][2] == "/" for r in rows[1:])  # DD/MM/YYYY


def test_one_date_column_a_line_dated_by_its_period_alone_says_so(fresh_db, tmp_path):
    """A line with a payment date shows that day once (no second "Payment date" column repeating it); a
    line the file dates by its period alone shows the period's month, marked as a period."""
    from lib.ingest import load_file

    f = tmp_path / "spend_2024-10.csv"
    f.write_text("Date,Supplier,Amount\n03/10/2024,Acme Ltd,100.00\n,Beta Ltd,50.00\n")
    load_file(f, db=fresh_db)
    at = _page()
    shown = _table(at)
    assert "Payment date" not in shown.columns
    assert dict(zip(shown["Supplier (as published)"], shown["Date"])) == {"Acme Ltd": "03/10/2024",
                                                                          "Beta Ltd": "Oct 2024 (period)"}


def test_the_amount_stands_beside_the_supplier(many_lines):
    """A screen too narrow for every column still shows who was paid how much before it scrolls."""
    cols = list(_table(_page()).columns)
    assert cols[cols.index("Supplier (as published)") + 1] == "Amount"
    assert cols[:2] == ["Date", "Financial year"] and cols[-1] in ("Batch", "Row")
