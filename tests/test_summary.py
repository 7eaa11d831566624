"""Spend summed ahead (lib/summary.py): the figures read from the summary tables are the figures read
from the lines, for every filter the tables answer, after loads, a removal, lines added to a batch
and a contracts register arriving; and a filter they cannot answer reads the lines."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from lib import bodies, derived, peers, queries, store, summary, suppliers
from lib.geo import queries as geo
from lib.filters import Filters
from lib.ingest import load_file
from lib.ingest.load import remove_batch
from lib.scorecard import contracts, spend
from conftest import rows_of

SPEND_A = ("Date,Supplier Name,Supplier ID,Amount,Department,Expense Type,Body\n"
           "01/05/2019,Ribble Vans Ltd,S1,100.00,Fleet,Vehicles,Lancashire Constabulary\n"
           "02/05/2019,Wigan Fuel,,50.00,,Fuel,Lancashire Constabulary\n"
           "03/05/2019,Ribble Vans Limited,S1,-20.50,Fleet,Vehicles,Lancashire Constabulary\n"
           "04/06/2019,REDACTED PERSONAL DATA,,700.00, ,Interpreters,Lancashire Constabulary\n")
SPEND_B = ("Date,Supplier Name,Supplier ID,Amount,Department,Expense Type,Body\n"
           "05/05/2020,Ribble Vans Ltd,S1,300.00,Fleet,Vehicles,Lancashire Constabulary\n"
           "06/04/2020,Wigan Fuel,,80.10,Estates,Fuel,Lancashire Constabulary\n"
           "07/03/2020,Wigan Fuel,,19.90,Estates,Fuel,Lancashire Constabulary\n")
REGISTER = ("Supplier ID,Supplier Name,Postcode,Employees\n"
            "S1,Ribble Vans Ltd,PR1 2HE,12\n,Wigan Fuel,WN1 1AA,400\n")
CONTRACTS = ("Contract Reference,Title,Supplier ID,Supplier Name,Start Date,End Date,Contract Value,Route to Market\n"
             "C1,Vans,S1,Ribble Vans Ltd,01/04/2019,31/03/2021,10000,Own tender\n")


def _records(df) -> list[dict]:
    """A frame's rows, a missing value as None (NaN is not equal to itself)."""
    return df.astype(object).where(df.notna(), None).to_dict("records")


def figures(cur, f: Filters) -> dict:
    """Every figure the summary tables serve, for ``f``."""
    return {
        "years": queries.financial_years(cur), "months": queries.months_available(cur),
        "options": queries.filter_options(cur), "headline": queries.headline(cur, f),
        "trend": queries.monthly_trend(cur, f).to_dict("records"),
        "departments": queries.spend_by_department(cur, f).to_dict("records"),
        "categories": queries.spend_by_category(cur, f).to_dict("records"),
        "suppliers": queries.top_suppliers(cur, f).to_dict("records"),
        "matching": queries.transactions_summary(cur, f),
        # pages of lines in date order, each way, read within the months the month summary says they fall in
        "pages": [queries.transactions(cur, f, limit, offset, order).to_dict("records")
                  for order in (("Date", False), ("Date", True), "date", ("Amount", True))
                  for limit, offset in ((2, 0), (2, 1), (1, 3), (3, 2), (100, 0), (2, 50))],
        "facts": spend.spend_facts(cur, f).to_dict("records"),
        "rings": geo.spend_by_ring(cur, f).to_dict("records"),
        "rings by category": geo.rings_by(cur, f, "category").to_dict("records"),
        "growth": {k: v.to_dict("records") for k, v in geo.local_growth(cur, f, 50).items()},
        "relative rings": peers.relative_rings(cur, f),
        "bodies": bodies.all_bodies(cur).to_dict("records"), "peers": peers.comparison(cur).to_dict("records"),
        "matched": suppliers.matched_share(cur), "register": suppliers.register_summary(cur),
        # the Suppliers page: its spend figures under the filters, and each supplier's spend by year
        "register under f": suppliers.register_summary(cur, None, f),
        "register table": _records(suppliers.register_table(cur, None, None, 5000, f)),
        "by year": {r: suppliers.supplier_detail(cur, r)["spend_by_year"].to_dict("records")
                    for r in suppliers.register_table(cur)["supplier_ref"]},
        "worklist": suppliers.worklist(cur)[["supplier_ref", "amount"]].to_dict("records"),
        "routes": contracts.collaborative_by_route(cur, f).to_dict("records"),
        "review": contracts.review_list(cur, f).to_dict("records"), "review_top": {k: v.to_dict("records") if k == "rows" else v
                       for k, v in contracts.review(cur, f, 1).items()},
        "review_rows": contracts.review(cur, f, 100)["rows"].to_dict("records"),
        "burn": [contracts.contract_burn(cur, d).to_dict("records") for d in (date(2019, 5, 2), date(2021, 3, 31))],
    }


FILTERS = [Filters(), Filters(fy="2019/20"), Filters(fy="2020/21", suppliers=("RIBBLE VANS",)),
           Filters(fy="2019/20", departments=("Fleet", "(not given)")),
           Filters(fy="2019/20", categories=("Fuel",)), Filters(fy="2019/20", month_from=date(2019, 5, 1), month_to=date(2019, 5, 1)), Filters(fy="2015/16"),
           Filters(fy="2019/20", bodies=("LANCASHIRE CONSTABULARY", "DEVON COUNTY COUNCIL"))]


def same_either_way(db) -> None:
    cur = store.cursor(db)
    try:
        assert summary.is_fresh(cur) and derived.stale(cur) == []
        for f in FILTERS:
            summary.ENABLED = True
            summed = figures(cur, f)
            summary.ENABLED = False
            read = figures(cur, f)
            assert summed == read, f
    finally:
        summary.ENABLED = True
        cur.close()


def test_the_summary_gives_the_figures_the_lines_give(fresh_db, tmp_path):
    for name, text in (("spend_2019-05.csv", SPEND_A), ("spend_2020-05.csv", SPEND_B)):
        (tmp_path / name).write_text(text)
        load_file(tmp_path / name, db=fresh_db)
    (tmp_path / "suppliers.csv").write_text(REGISTER)
    load_file(tmp_path / "suppliers.csv", db=fresh_db, kind="suppliers")
    cur = store.cursor(fresh_db)
    # Every line is counted once in each table, and the tables answer the filters they hold.
    assert cur.execute("SELECT sum(lines), sum(amount) FROM spend_by_month").fetchone() == \
        cur.execute("SELECT count(*), sum(amount) FROM transactions").fetchone()
    assert cur.execute("SELECT sum(lines), sum(amount) FROM spend_by_supplier").fetchone() == \
        cur.execute("SELECT count(*), sum(amount) FROM transactions").fetchone()
    assert cur.execute("SELECT sum(lines), sum(amount) FROM spend_by_supplier_name").fetchone() == \
        cur.execute("SELECT count(*), sum(amount) FROM transactions").fetchone()
    # The contract tables hold the lines no contract covers, and those one does, once each.
    assert cur.execute("SELECT sum(lines), sum(amount) FROM spend_off_contract").fetchone() == \
        cur.execute("SELECT count(*), sum(amount) FROM transactions WHERE covered_by IS NULL").fetchone()
    assert cur.execute("SELECT count(*) FROM spend_by_contract_day").fetchone()[0] == 0
    assert summary.answers(cur, "spend_off_contract", Filters(fy="2019/20", departments=("Fleet",)))
    assert not summary.answers(cur, "spend_off_contract", Filters(fy="2019/20", categories=("Fuel",)))
    assert summary.answers(cur, "spend_by_contract_day", Filters())
    # a year's review list of the own bodies is read from its kept pairs, one row a pair
    assert contracts._review_kept(cur, Filters(fy="2019/20"))
    assert not contracts._review_kept(cur, Filters(fy="2019/20", departments=("Fleet",)))
    assert cur.execute("SELECT count(*), sum(lines) FROM review_kept").fetchone() == cur.execute(
        "SELECT count(DISTINCT (fy, supplier_key, coalesce(nullif(trim(department), ''), '(not given)'))), count(*) "
        "FROM transactions WHERE covered_by IS NULL").fetchone()
    assert summary.by_month(cur, Filters(fy="2019/20", departments=("Fleet",)))
    assert summary.by_supplier(cur, Filters(fy="2019/20", suppliers=("RIBBLE VANS",)))
    assert not summary.by_supplier(cur, Filters(fy="2019/20", departments=("Fleet",)))
    # A page of lines in date order is read from the months it falls in (May 2019 holds three lines, June one).
    f19 = Filters(fy="2019/20")
    assert queries._month_window(cur, f19, ("Date", False), 1, 3, None) == \
        (f19.replace(month_from=date(2019, 6, 1), month_to=date(2019, 6, 1)), 0)
    assert queries._month_window(cur, f19, ("Date", False), 2, 2, None) == \
        (f19.replace(month_from=date(2019, 5, 1), month_to=date(2019, 6, 1)), 2)
    assert queries._month_window(cur, f19, ("Date", True), 1, 0, None) == \
        (f19.replace(month_from=date(2020, 3, 1), month_to=date(2020, 3, 1)), 0)  # SPEND_B's March 2020
    assert queries._month_window(cur, f19, ("Date", False), 1, 0, "vans") is None
    h = queries.headline(cur, Filters(fy="2019/20"))["current"]
    assert (str(h["total"]), h["lines"], h["suppliers"], h["redacted_lines"], h["credit_lines"],
            str(h["credit_amount"])) == ("849.40", 5, 2, 1, 1, "-20.50")
    cur.close()
    same_either_way(fresh_db)


def test_loads_add_and_anything_else_rebuilds(fresh_db, tmp_path):
    def write(sql):
        with store.write(fresh_db) as cur:
            cur.execute(sql)
            return derived.refresh(cur)["summary"]

    (tmp_path / "a_2019-05.csv").write_text(SPEND_A)
    (tmp_path / "b_2020-05.csv").write_text(SPEND_B)
    load_file(tmp_path / "a_2019-05.csv", db=fresh_db)
    with store.write(fresh_db) as cur:
        assert summary.refresh(cur) == "none"
    load_file(tmp_path / "b_2020-05.csv", db=fresh_db)
    cur = store.cursor(fresh_db)
    # The second file's lines were added as rows of their own, not by summing every line again.
    assert cur.execute("SELECT count(*) FROM summary_batches").fetchone()[0] == 2
    cur.close()
    same_either_way(fresh_db)
    # A line added to a batch already summed: rebuilt.
    assert write("""INSERT INTO transactions (batch_id, sheet, row_number, payment_date, period_start, fy, fy_start,
                        amount, supplier_name, supplier_key, is_redacted)
                    SELECT batch_id, sheet, 99, payment_date, period_start, fy, fy_start, 1.00, 'Wigan Fuel',
                           'WIGAN FUEL', FALSE FROM transactions LIMIT 1""") == "rebuilt"
    same_either_way(fresh_db)
    # A contracts register: covering contracts move on lines already summed.
    (tmp_path / "contracts.csv").write_text(CONTRACTS)
    load_file(tmp_path / "contracts.csv", db=fresh_db, kind="contracts")
    cur = store.cursor(fresh_db)
    assert cur.execute("SELECT count(*) FROM spend_by_supplier WHERE covered_by IS NOT NULL").fetchone()[0] > 0
    assert cur.execute("SELECT sum(lines), sum(amount) FROM spend_by_contract_day").fetchone() == \
        cur.execute("SELECT count(*), sum(amount) FROM transactions WHERE covered_by IS NOT NULL").fetchone()
    assert cur.execute("SELECT sum(lines) FROM spend_by_contract_day").fetchone()[0] == 3  # Ribble Vans, 2019-21
    batch = cur.execute("SELECT min(batch_id) FROM batches WHERE kind = 'spend'").fetchone()[0]
    cur.close()
    same_either_way(fresh_db)
    # A batch removed.
    remove_batch(batch, db=fresh_db)
    same_either_way(fresh_db)
    cur = store.cursor(fresh_db)
    assert cur.execute("SELECT count(*) FROM spend_by_month WHERE fy = '2019/20'").fetchone()[0] == 1  # 2020-03's
    cur.close()


def test_the_kept_review_list_takes_a_file_in(fresh_db, tmp_path):
    """A file adding lines to a supplier and department the review list holds already: the pair's row is
    its new total, the new spelling a name row of its own, and the list reads as from the lines."""
    (tmp_path / "a_2019-05.csv").write_text(SPEND_A)
    (tmp_path / "c_2019-06.csv").write_text(
        "Date,Supplier Name,Supplier ID,Amount,Department,Expense Type,Body\n"
        "10/06/2019,Wigan Fuel Ltd,,5.25,,Fuel,Lancashire Constabulary\n"
        "11/06/2019,Wigan Fuel Ltd,,1.00,,Fuel,Lancashire Constabulary\n"
        "12/06/2019,Ribble Vans Ltd,S1,7.00,Fleet,Vehicles,Lancashire Constabulary\n")
    load_file(tmp_path / "a_2019-05.csv", db=fresh_db)
    load_file(tmp_path / "c_2019-06.csv", db=fresh_db, refresh_suppliers=False)
    with store.write(fresh_db) as cur:
        assert derived.refresh(cur)["review"] == "added"
    assert rows_of(fresh_db, "SELECT amount, lines, first_date, last_date FROM review_kept "
                             "WHERE supplier_key = 'WIGAN FUEL'") == [(D("56.25"), 3, date(2019, 5, 2), date(2019, 6, 11))]
    # the names as published, by lines, where the list reads them (spend_off_contract)
    assert rows_of(fresh_db, "SELECT supplier_name, sum(lines) FROM spend_off_contract WHERE supplier_key = 'WIGAN FUEL' "
                             "GROUP BY ALL ORDER BY 1") == [("Wigan Fuel", 1), ("Wigan Fuel Ltd", 2)]
    cur = store.cursor(fresh_db)
    try:
        top = contracts.review(cur, Filters(fy="2019/20"), 10)
    finally:
        cur.close()
    assert top["pairs"] == 3 and top["amount"] == D("842.75")  # Ribble Vans' credit nets off its Fleet lines
    assert dict(zip(top["rows"]["supplier_key"], top["rows"]["supplier_name"]))["WIGAN FUEL"] == "Wigan Fuel Ltd"
    same_either_way(fresh_db)


def test_a_stale_summary_is_not_read(fresh_db, tmp_path):
    (tmp_path / "a_2019-05.csv").write_text(SPEND_A)
    load_file(tmp_path / "a_2019-05.csv", db=fresh_db)
    with store.write(fresh_db, refresh=False) as cur:
        cur.execute("DELETE FROM transactions WHERE amount < 0")
    cur = store.cursor(fresh_db)
    try:
        assert not summary.is_fresh(cur) and "summary" in derived.stale(cur)
        assert not summary.by_month(cur, Filters())
        assert queries.headline(cur, Filters(fy="2019/20"))["current"]["credit_lines"] == 0
    finally:
        cur.close()
    store.refresh(fresh_db)
    same_either_way(fresh_db)


@pytest.fixture(autouse=True)
def summary_on():
    yield
    summary.ENABLED = True


def test_publishing_reads_the_lines_and_counts_pending_among_the_flagged(small_store):
    from lib.publish import redaction

    # A name changed in place (no load, no removal): the summary does not see it, publishing must.
    with store.write(small_store) as cur:
        cur.execute("UPDATE transactions SET supplier_name = 'Mrs Ada Lovelace', supplier_key = 'MRS ADA LOVELACE' "
                    "WHERE row_number = 4 AND batch_id = 1")
    cur = store.cursor(small_store)
    try:
        # what is published is decided from the lines: the change is seen at once
        assert "Mrs Ada Lovelace" not in set(redaction.published_lines(cur, "2019/20")["Beneficiary"])
        full = redaction.line_status(cur, "2019/20")
        assert int(full["pending"].sum()) >= 1
        # the pages' proposals read what is kept ahead of the lines (lib.publish.flagged), brought up
        # to date when the change is declared, as lib.summary's contract asks of code that changes lines
        with store.write(small_store) as w:
            summary.invalidate(w)
        assert redaction.pending_lines(cur, "2019/20") == int(full["pending"].sum())
        assert "MRS ADA LOVELACE" in set(redaction.proposals(cur, "2019/20")["suppliers"]["supplier_key"])
    finally:
        cur.close()


def test_the_filter_bars_lists_are_kept_ahead_for_the_own_bodies(fresh_db, tmp_path):
    """filter_choices holds the filter bar's lists as choices_sql gives them from the lines, and follows a
    load and a change of the store's own bodies; other bodies are worked out when asked."""
    from lib import bodies

    def from_lines(cur, chosen=()):
        summary.ENABLED = False
        try:
            return queries.filter_options(cur, chosen)
        finally:
            summary.ENABLED = True

    peer = SPEND_B.replace("Lancashire Constabulary", "Cumbria Constabulary").replace("Wigan Fuel", "Kendal Mint")
    for name, text in (("spend_2019-05.csv", SPEND_A), ("peer_2020-05.csv", peer)):
        (tmp_path / name).write_text(text)
        load_file(tmp_path / name, db=fresh_db)
    cur = store.cursor(fresh_db)
    try:
        assert summary.choices_fresh(cur)
        stored = queries.filter_options(cur)
        assert stored == from_lines(cur)
        # by spend, each under the spelling on most lines (the first in order on a tie)
        assert list(stored["suppliers"].items()) == [("REDACTED", "REDACTED PERSONAL DATA"),
                                                     ("RIBBLE VANS", "Ribble Vans Limited"), ("WIGAN FUEL", "Wigan Fuel")]
        assert "KENDAL MINT" not in stored["suppliers"]  # a peer's supplier is not the force's
        assert stored["departments"] == ["(not given)", "Fleet"]
        cumbria = bodies.key_of(cur, "Cumbria Constabulary")
        assert "KENDAL MINT" in queries.filter_options(cur, (cumbria,))["suppliers"]
    finally:
        cur.close()
    with store.write(fresh_db) as w:  # the peer becomes one of the store's own: the lists follow
        bodies.set_own(w, [bodies.default_key(w), cumbria], bodies.default_key(w))
    cur = store.cursor(fresh_db)
    try:
        assert summary.choices_fresh(cur)
        both = queries.filter_options(cur)
        assert "KENDAL MINT" in both["suppliers"] and both == from_lines(cur)
        assert both["departments"] == ["(not given)", "Estates", "Fleet"]
    finally:
        cur.close()


def test_the_scorecards_spend_split_follows_what_is_known_of_suppliers(fresh_db, tmp_path):
    """spend_facts_kept gives the facts the lines give, and is rebuilt when a supplier register arrives
    (links, SME facts) or a setting moves, though no spend line changed."""
    (tmp_path / "spend_2019-05.csv").write_text(SPEND_A)
    load_file(tmp_path / "spend_2019-05.csv", db=fresh_db)
    cur = store.cursor(fresh_db)
    try:
        assert summary.facts_fresh(cur)
        assert cur.execute("SELECT sum(lines), sum(amount) FROM spend_facts_kept").fetchone() == \
            cur.execute("SELECT count(*), sum(amount) FROM transactions").fetchone()
        assert cur.execute("SELECT count(*) FROM spend_facts_kept WHERE sme_pa2023").fetchone()[0] == 0
    finally:
        cur.close()
    same_either_way(fresh_db)
    (tmp_path / "suppliers.csv").write_text("Supplier ID,Supplier Name,Postcode,Employees,Turnover\n"
                                            "S1,Ribble Vans Ltd,PR1 2HE,12,1000000\n")
    load_file(tmp_path / "suppliers.csv", db=fresh_db, kind="suppliers")
    cur = store.cursor(fresh_db)
    try:
        assert summary.facts_fresh(cur)
        assert cur.execute("SELECT sum(amount) FROM spend_facts_kept WHERE sme_pa2023").fetchone()[0] == \
            cur.execute("SELECT sum(amount) FROM transactions WHERE supplier_key = 'RIBBLE VANS'").fetchone()[0]
    finally:
        cur.close()
    same_either_way(fresh_db)
    with store.write(fresh_db) as w:
        w.execute("UPDATE settings SET value = '0.90' WHERE name = 'gbp_per_eur'")
    cur = store.cursor(fresh_db)
    try:
        assert summary.facts_fresh(cur)
    finally:
        cur.close()
    same_either_way(fresh_db)
