"""lib.queries and lib.filters against the small store's hand-worked figures (tests/conftest.py)."""
from datetime import date
from decimal import Decimal as D

import pytest

from conftest import SMALL
from lib import queries as q
from lib import store
from lib.export import neutralise
from lib.filters import NOT_GIVEN, Filters, describe, fy_months, previous_year, where_clause

FY19, FY20 = Filters(fy="2019/20"), Filters(fy="2020/21")


@pytest.fixture
def cur(small_store):
    return store.cursor(small_store)


# ---- filters -------------------------------------------------------------------------------

def test_where_clause_binds_every_value_and_never_formats_user_text():
    evil = "x'); DROP TABLE transactions; --"
    sql, params = where_clause(Filters(fy="2019/20", departments=(evil, NOT_GIVEN), suppliers=(evil,)))
    assert evil not in sql and "DROP" not in sql
    assert params == ["2019/20", evil, evil]
    assert "department IS NULL" in sql


def test_where_clause_unfiltered_and_bad_input():
    assert where_clause(Filters()) == ("body_key IN (SELECT body_key FROM bodies WHERE own)", [])
    with pytest.raises(ValueError):
        where_clause(Filters(fy="2019/21"))
    with pytest.raises(ValueError):
        where_clause(Filters(), alias="t; DROP")


def test_previous_year_shifts_year_and_months():
    f = Filters(fy="2020/21", month_from=date(2020, 4, 1), month_to=date(2021, 1, 1), departments=("Estates",))
    assert previous_year(f) == Filters(fy="2019/20", month_from=date(2019, 4, 1), month_to=date(2020, 1, 1),
                                       departments=("Estates",))
    assert previous_year(Filters()) is None


def test_fy_months_and_describe():
    assert fy_months("2019/20")[0] == date(2019, 4, 1) and fy_months("2019/20")[-1] == date(2020, 3, 1)
    assert describe(Filters(fy="2019/20", month_from=date(2019, 5, 1), month_to=date(2019, 5, 1),
                            suppliers=("acme",)), {"acme": "ACME LTD"}) == "2019/20 · May 2019 · supplier: ACME LTD"


def test_hostile_text_is_data_not_sql(cur):
    assert q.transactions_summary(cur, Filters(suppliers=("' OR 1=1 --",)))["lines"] == 0


# ---- headline ------------------------------------------------------------------------------

def test_headline_nets_credit_notes_and_keeps_redacted_lines(cur):
    h = q.headline(cur, FY19)["current"]
    assert h["total"] == SMALL["fy19_total"] and isinstance(h["total"], D)
    assert h["lines"] == SMALL["fy19_lines"]
    assert h["suppliers"] == SMALL["fy19_suppliers"]
    assert (h["redacted_lines"], h["redacted_amount"]) == (1, D("750.25"))
    assert (h["credit_lines"], h["credit_amount"]) == (1, D("-200.00"))


def test_headline_previous_year_with_same_other_filters(cur):
    h = q.headline(cur, FY20)
    assert h["current"]["total"] == SMALL["fy20_total"]
    assert h["previous"]["fy"] == "2019/20" and h["previous"]["total"] == SMALL["fy19_total"]
    # April only: 2020/21 April (300.00) against 2019/20 April (1000.00 - 200.00)
    h = q.headline(cur, FY20.replace(month_from=date(2020, 4, 1), month_to=date(2020, 4, 1)))
    assert (h["current"]["total"], h["previous"]["total"]) == (D("300.00"), D("800.00"))
    # Estates only: Gamma 1200.00 against Beta 2500.50 + 100.00
    h = q.headline(cur, FY20.replace(departments=("Estates",)))
    assert (h["current"]["total"], h["previous"]["total"]) == (D("1200.00"), D("2600.50"))


def test_headline_no_previous_year(cur):
    assert q.headline(cur, FY19)["previous"] is None  # nothing loaded for 2018/19
    h = q.headline(cur, Filters())
    assert h["previous"] is None and h["current"]["total"] == SMALL["all_total"]
    assert h["current"]["lines"] == SMALL["all_lines"]


def test_empty_store_gives_zeros_not_errors(fresh_db):
    c = store.cursor(fresh_db)
    assert q.headline(c, FY19)["current"]["total"] == D("0")
    assert q.spend_by_category(c, FY19).empty and q.monthly_trend(c, FY19).empty
    assert q.financial_years(c) == [] and not q.has_spend(c) and not q.has_demo_data(c)
    assert q.store_version(c)[:2] == (0, 0)


# ---- breakdowns ----------------------------------------------------------------------------

def _by_label(df):
    return dict(zip(df["label"], df["amount"]))


def test_spend_by_department_shows_not_given(cur):
    df = q.spend_by_department(cur, FY19)
    assert _by_label(df) == SMALL["fy19_dept"]
    assert list(df["label"]) == ["Estates", "Operations", NOT_GIVEN]  # largest first
    assert sum(df["amount"]) == SMALL["fy19_total"]


def test_spend_by_category_null_shown_and_other_row(cur):
    assert _by_label(q.spend_by_category(cur, FY19)) == SMALL["fy19_cat"]
    df = q.spend_by_category(cur, FY19, n=2)
    assert list(df["label"]) == ["Utilities", NOT_GIVEN, "Other (2 categories)"]
    other = df.iloc[-1]
    assert other["amount"] == D("1299.99") and other["lines"] == 3 and other["is_other"]
    assert list(other["members"]) == ["Vehicles", "IT"]
    assert sum(df["amount"]) == SMALL["fy19_total"]  # nothing dropped


def test_other_members_filter_back_to_the_same_amount(cur):
    df = q.spend_by_category(cur, FY19, n=2)
    for row in df.itertuples():
        assert q.transactions_summary(cur, FY19.replace(categories=tuple(row.members)))["amount"] == row.amount


def test_top_suppliers_group_by_key_and_keep_redacted(cur):
    df = q.top_suppliers(cur, Filters())
    amounts = dict(zip(df["supplier_key"], df["amount"]))
    assert amounts == {"beta supplies": D("2600.50"), "gamma": D("1200.00"), "acme": D("1100.00"),
                       "redacted personal data": D("750.25"), "cmd": D("499.99")}
    assert df.set_index("supplier_key").at["acme", "supplier_name"] == "ACME LTD"  # the usual spelling
    assert df.set_index("supplier_key").at["redacted personal data", "is_redacted"]
    assert len(q.top_suppliers(cur, Filters(), n=2)) == 2


def test_monthly_trend_this_and_previous_year(cur):
    df = q.monthly_trend(cur, FY20)
    fy19 = df[df["fy"] == "2019/20"]
    assert {m.isoformat(): a for m, a in zip(fy19["month"], fy19["amount"])} == SMALL["fy19_months"]
    assert list(fy19["month_index"]) == [0, 1, 2, 11]  # April = 0, March = 11
    fy20 = df[df["fy"] == "2020/21"]
    assert list(fy20["amount"]) == [D("300.00"), D("1200.00")]


def test_filters_combine(cur):
    f = FY19.replace(categories=(NOT_GIVEN,))
    assert q.transactions_summary(cur, f) == {"lines": 2, "amount": D("850.25")}
    f = FY19.replace(departments=("Operations",), categories=("Vehicles",))
    assert q.transactions_summary(cur, f) == {"lines": 2, "amount": D("800.00")}
    f = FY19.replace(month_from=date(2019, 5, 1), month_to=date(2019, 6, 1))
    assert q.transactions_summary(cur, f) == {"lines": 3, "amount": D("3350.75")}
    f = Filters(month_from=date(2020, 3, 1))  # month range across the year boundary
    assert q.transactions_summary(cur, f) == {"lines": 3, "amount": D("1999.99")}


def test_filter_options(cur):
    o = q.filter_options(cur)
    assert o["departments"] == [NOT_GIVEN, "Estates", "Operations"]
    assert o["categories"] == [NOT_GIVEN, "IT", "Utilities", "Vehicles"]
    assert list(o["suppliers"])[0] == "beta supplies" and o["suppliers"]["acme"] == "ACME LTD"
    assert q.financial_years(cur) == ["2020/21", "2019/20"]


# ---- transactions, batches, quarantine, export ---------------------------------------------

def test_transactions_with_provenance_and_paging(cur):
    page1 = q.transactions(cur, FY19, limit=4, offset=0)
    page2 = q.transactions(cur, FY19, limit=4, offset=4)
    assert len(page1) == 4 and len(page2) == 2
    assert sum(page1["amount"]) + sum(page2["amount"]) == SMALL["fy19_total"]
    first = page1.iloc[0]
    assert (first["file_name"], first["sheet"], first["row_number"], first["batch_id"]) == ("spend_2019-20.csv", "", 2, 1)
    big = q.transactions(cur, Filters(), limit=1, order="amount_desc").iloc[0]
    assert big["amount"] == D("2500.50")
    assert q.transactions(cur, Filters(), limit=1, order="amount_asc").iloc[0]["amount"] == D("-200.00")
    with pytest.raises(ValueError):
        q.transactions(cur, Filters(), order="amount; DROP TABLE batches")
    wb = q.transactions(cur, FY20)
    assert list(wb["sheet"]) == ["Apr 2020", "May 2020"] and set(wb["file_name"]) == {"spend_2020-21.xlsx"}


def test_csv_neutralises_formulas_and_keeps_pence(cur):
    text = q.transactions_csv(cur, FY19).decode("utf-8-sig")
    assert "'=CMD()" in text and "'+SUM(A1)" in text
    assert ",-200.00," in text  # a credit note stays a number
    lines = text.strip().split("\r\n")
    assert len(lines) == 1 + SMALL["fy19_lines"]
    assert neutralise("@x") == "'@x" and neutralise("-x") == "'-x" and neutralise("Acme") == "Acme"


def test_batches_quarantine_and_demo_flag(cur, small_store):
    b = q.batches(cur)
    assert list(b["batch_id"]) == [2, 1]
    assert b.set_index("batch_id").at[1, "rows_quarantined"] == 2
    held = q.quarantine_rows(cur, 1)
    assert list(held["row_number"]) == [8, 9]
    assert list(held["reason"]) == ["amount is not a number", "date missing"]
    assert list(held["column_name"]) == ["Amount", "Date"]
    assert q.quarantine_rows(cur, 2).empty
    assert not q.has_demo_data(cur)
    with store.write(small_store) as w:
        w.execute("UPDATE batches SET is_demo = TRUE WHERE batch_id = 2")
    assert q.has_demo_data(cur)
    assert q.store_version(cur)[:2] == (2, 2)
