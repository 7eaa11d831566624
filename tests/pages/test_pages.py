"""Every page through AppTest against the small store (tests/conftest.py): no exception, and
the figures shown are the hand-worked ones."""
from decimal import Decimal as D

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from apptools import APP, metrics
from conftest import SMALL
from lib import store



PAGES = ["pages/overview.py", "pages/transactions.py", "pages/data.py"]


def run_app(page: str | None = None, fy: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    if page:
        at.switch_page(page).run()
    if fy:
        at.selectbox(key="flt_fy").select(fy).run()
    assert not at.exception, [e.value for e in at.exception]
    return at



@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_small_store(small_store, page):
    run_app(page)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_what_to_do_on_an_empty_store(fresh_db, page):
    at = run_app(page)
    assert any("upload a file on the Upload page" in i.value for i in at.info)


def test_overview_headline_latest_year_against_previous(small_store):
    m = metrics(run_app())
    assert m["Total spend"].value == "£1.50k" and m["Total spend"].delta == "-£3.15k"
    assert m["Lines"].value == "2" and m["Lines"].delta == "-4"
    assert m["Suppliers"].value == "2" and m["Suppliers"].delta == "-1"


def test_overview_headline_for_2019_20(small_store):
    at = run_app(fy="2019/20")
    m = metrics(at)
    assert m["Total spend"].value == "£4.65k"
    assert "£4,650.74" in m["Total spend"].help  # exact to the penny
    assert m["Total spend"].delta == ""  # no 2018/19 loaded: no comparison
    assert m["Lines"].value == str(SMALL["fy19_lines"])
    assert m["Suppliers"].value == str(SMALL["fy19_suppliers"])
    assert m["Redacted lines"].value == "1" and "£750.25" in m["Redacted lines"].help
    assert any("credit notes worth -£200.00" in c.value for c in at.caption)
    # categories in their standard groups (lib.categories); '(not given)' stays apart
    assert at.selectbox(key="ov_cat_pick").options == [
        "Facilities and estates (£2,500.50)", "(not given) (£850.25)", "Vehicles and fleet (£800.00)",
        "ICT and telecoms (£499.99)"]


def _tx_total(at: AppTest) -> tuple[str, str]:
    m = metrics(at)
    return m["Total"].value, m["Lines"].value


def test_drill_from_a_department_to_its_transactions(small_store):
    at = run_app(fy="2019/20")
    at.selectbox(key="ov_dept_pick").select("Operations (£1,550.25)").run()
    at.button(key="ov_dept_go").click().run()
    assert not at.exception
    assert _tx_total(at) == ("£1,550.25", "3")
    assert at.multiselect(key="flt_departments").value == ["Operations"]
    rows = at.table[0].value
    assert list(rows["Amount"]) == ["£1,000.00", "-£200.00", "£750.25"]


def test_drill_from_a_month_of_the_previous_year(small_store):
    at = run_app()  # 2020/21, compared with 2019/20
    at.selectbox(key="ov_trend_pick").select("May 2019 (£2,600.50)").run()
    at.button(key="ov_trend_go").click().run()
    assert _tx_total(at) == ("£2,600.50", "2")
    assert at.selectbox(key="flt_fy").value == "2019/20"


def test_drill_from_not_given_category(small_store):
    at = run_app(fy="2019/20")
    at.selectbox(key="ov_cat_pick").select("(not given) (£850.25)").run()
    at.button(key="ov_cat_go").click().run()
    assert _tx_total(at) == ("£850.25", "2")


def test_transactions_total_equals_sum_of_rows_with_provenance(small_store):
    at = run_app("pages/transactions.py", fy="2019/20")
    assert _tx_total(at) == ("£4,650.74", "6")
    rows = at.table[0].value
    assert len(rows) == 6 and sum(D(a.replace("£", "").replace(",", "")) for a in rows["Amount"]) == SMALL["fy19_total"]
    assert {"File", "Sheet", "Row", "Batch"} <= set(rows.columns)
    assert list(rows["Date"][:2]) == ["10/04/2019", "20/04/2019"]
    assert any("all matching lines sum to £4,650.74" in c.value for c in at.caption)


def test_transactions_paging(small_store):
    at = run_app("pages/transactions.py", fy="All years")
    assert _tx_total(at) == ("£6,150.74", "8")
    at.selectbox(key="tx_size").select(50).run()
    assert len(at.table[0].value) == 8


def test_data_page_batches_and_quarantine(small_store):
    at = run_app("pages/data.py")
    batches = at.dataframe[0].value
    assert list(batches["batch_id"]) == [2, 1]
    at.selectbox(key="data_batch").select(1).run()
    held = at.dataframe[1].value
    assert list(held["row_number"]) == [8, 9]
    assert list(held["reason"]) == ["amount is not a number", "date missing"]


def test_data_page_remove_needs_confirmation(small_store):
    at = run_app("pages/data.py")
    assert at.button(key="data_remove").disabled
    at.checkbox(key="data_confirm_2").check().run()
    assert not at.button(key="data_remove").disabled
    at.button(key="data_remove").click().run()
    assert not at.exception
    assert list(at.dataframe[0].value["batch_id"]) == [1]


def test_demo_banner_when_demo_data(small_store):
    with store.write(small_store) as cur:
        cur.execute("UPDATE batches SET is_demo = TRUE WHERE batch_id = 2")
    for page in PAGES:
        at = run_app(page)
        assert any("Demo data" in w.value for w in at.warning)


def test_money_formats():
    from lib.format import money, money_short, percent, points, share_pct, signed
    assert money(D("1234.5")) == "£1,234.50" and money(D("-200")) == "-£200.00" and money(None) == "—"
    assert money_short(D("44712345.67")) == "£44.7M" and money_short(D("4650.74")) == "£4.65k"
    assert money_short(D("1905000")) == "£1.91M" and money_short(D("809000")) == "£809k"
    assert money_short(D("-3150.74")) == "-£3.15k" and money_short(D("1.25e9")) == "£1.25bn"
    assert money_short(D("999.49")) == "£999" and money_short(D("999500")) == "£1.00M"
    # one rounding rule, half up on the exact share: £3,745 of £10,000 is 37.45%, never 37.4%
    assert share_pct(D("3745"), D("10000")) == D("37.45") and percent(share_pct(1, 3)) == "33.33%"
    assert percent(D("37.445")) == "37.45%" and points(D("-0.004")) == "0.00 pts" and points(D("1.2")) == "+1.20 pts"
    assert signed("£1.9M") == "+£1.9M" and signed("-£3") == "-£3"


def test_upload_page_says_what_to_do(fresh_db):
    at = run_app("pages/upload.py")
    assert any("Choose one or more files" in i.value for i in at.info)
    assert at.title[0].value == "Upload spend files"


def test_data_page_names_what_a_register_batch_is_and_what_removing_it_does(fresh_db, tmp_path):
    """A register's amount is no spend: the Data page says what it is (a contracts register's value,
    none for a supplier register) and what removing the batch does, in its own rows' words."""
    from lib.ingest import load_file

    spend = tmp_path / "spend.csv"
    spend.write_text("Date,Supplier,Amount\n01/05/2024,Acme Ltd,\"1,000.00\"\n02/05/2024,Victim Support,250.25\n")
    p = load_file(spend, db=fresh_db).batch_id
    contracts = tmp_path / "contracts.csv"
    contracts.write_text("Contract Reference,Supplier Name,Start Date,End Date,Contract Value\n"
                         "C1,Acme Ltd,01/04/2019,31/03/2022,\"120,000\"\n"
                         "C2,Victim Support,01/04/2020,31/03/2023,80000.50\n")
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text("Supplier Name,Postcode\nAcme Ltd,PR2 1NN\n")
    c = load_file(contracts, db=fresh_db, kind="contracts").batch_id
    s = load_file(suppliers, db=fresh_db, kind="suppliers").batch_id
    at = run_app("pages/data.py")
    shown = at.dataframe[0].value.set_index("batch_id")
    assert shown.loc[c, "kind"] == "Contracts register" and shown.loc[c, "amount_loaded"] == D("200000.50")
    assert shown.loc[s, "kind"] == "Supplier register" and pd.isna(shown.loc[s, "amount_loaded"])
    assert shown.loc[p, "kind"] == "Spend" and shown.loc[p, "amount_loaded"] == D("1250.25")
    at.selectbox(key="data_batch").select(c).run()
    said = " ".join(m.value for m in at.markdown)
    assert "its 2 contracts (£200,000.50 in contract value) from the store: spend they covered counts as off " \
           "contract again" in said and "from every figure" not in said
    at.selectbox(key="data_batch").select(s).run()
    said = " ".join(m.value for m in at.markdown)
    assert "its 1 supplier from the store" in said and "£" not in said.split("its 1 supplier")[1].split(".")[0]
    at.checkbox(key=f"data_confirm_{s}").check().run()
    at.button(key="data_remove").click().run()
    assert not at.exception and s not in list(at.dataframe[0].value["batch_id"])


def test_data_page_says_whose_each_batch_is_lists_its_total_lines_and_a_peers_removal(fresh_db, tmp_path):
    from lib.ingest import load_file

    own = tmp_path / "spend_2024-05.csv"
    own.write_text("Date,Supplier,Amount\n01/05/2024,Acme Ltd,1000.00\n02/05/2024,Beta Ltd,250.25\n,,\n"
                   "Total,,1250.25\n")
    peer = tmp_path / "council_2024-05.csv"
    peer.write_text("Organisation Name,Date,Supplier,Amount\nHyndburn Borough Council,03/05/2024,Acme Ltd,700.00\n")
    o = load_file(own, db=fresh_db).batch_id
    p = load_file(peer, db=fresh_db).batch_id
    at = run_app("pages/data.py")
    grid = at.dataframe[0].value.set_index("batch_id")
    assert grid.loc[o, "whose"] == "Lancashire Constabulary"
    assert grid.loc[p, "whose"] == "Hyndburn Borough Council (peer)"
    at.selectbox(key="data_batch").select(o).run()
    totals = next(d.value for d in at.dataframe if "raw" in d.value.columns and "reason" not in d.value.columns)
    assert list(totals["row_number"]) == [5] and totals["amount"].iloc[0] == D("1250.25")
    said = " ".join(m.value for m in at.markdown)
    assert "its 2 lines (£1,250.25) from every figure" in said
    at.selectbox(key="data_batch").select(p).run()
    said = " ".join(m.value for m in at.markdown)
    assert ("its 1 line (£700.00) from the peer's figures on the Peers page (a peer's lines are in none of the "
            "force's)" in said)
