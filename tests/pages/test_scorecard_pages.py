"""The scorecard pages through AppTest on the hand-worked force of tests/test_measures.py: each
page runs, and the figures it shows are the hand-worked ones."""
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from apptools import APP, frame_with, metrics
from test_measures import load_force

PAGES = ["pages/scorecard.py", "pages/contracts.py", "pages/savings_social_value.py", "pages/targets.py",
         "pages/contract_register.py"]


@pytest.fixture
def force(fresh_db, codepoint_subset):
    load_force(fresh_db, codepoint_subset)
    return fresh_db


def run_app(page: str | None = None, fy: str | None = "2019/20") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if fy:
        at.selectbox(key="flt_fy").select(fy).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at



@pytest.mark.parametrize("page", PAGES)
def test_every_scorecard_page_runs(force, page):
    run_app(page)


def test_overview_tiles(force):
    at = run_app()
    m = metrics(at)
    assert m["On contract"].value == "76.33%"
    assert m["Collaborative"].value == "53.85%"
    assert m["Lancashire (local)"].value == "37.87%" and m["North West"].value == "58.58%"
    assert m["Location unknown"].value == "33.14%" and m["SME"].value == "46.15%" and m["VCSE"].value == "8.28%"
    assert m["Savings"].value == "£1.75k" and m["Social value"].value == "50.00%"
    assert "£6,450.00 of £8,450.00" in m["On contract"].help and "≥ 92.00%: met" in m["On contract"].help
    texts = " ".join(md.value for md in at.markdown)
    assert "**Not met** · target ≥ 92.00%" in texts and "**No target** · no target set" in texts
    # the previous year against the later one
    at = run_app(fy="2020/21")
    m = metrics(at)
    assert m["On contract"].value == "86.21%" and m["On contract"].delta == "+9.88 pts"


def test_scorecard_page_table_and_drill(force):
    at = run_app("pages/scorecard.py")
    table = at.dataframe[0].value
    row = table.set_index("Measure").loc["On contract"]
    assert (row["Value"], row["Numerator"], row["Denominator"], row["Status"]) == (
        "76.33%", "£6,450.00", "£8,450.00", "not met")
    assert table.set_index("Measure").loc["Social value", "Numerator"] == "2 contracts"
    at.selectbox(key="sc_measure").select("on_contract_pct").run()
    at.radio(key="sc_part").set_value(at.radio(key="sc_part").options[1]).run()  # off contract
    at.toggle(key="scorecard_on_contract_pct_off_contract_show").set_value(True).run()
    assert not at.exception
    assert any("3 lines, £2,000.00" in md.value for md in at.markdown)
    rows = at.dataframe[1].value
    assert sorted(rows["row_number"]) == [11, 12, 13] and {"file_name", "sheet"} <= set(rows.columns)


def test_contracts_page(force):
    at = run_app("pages/contracts.py")
    m = metrics(at)
    assert m["On contract"].value == "76.33%" and m["Collaborative"].value == "53.85%"
    assert m["Off contract (to review)"].value == "£2.00k" and m["Contracts live in the year"].value == "4"
    assert not any("pairs off contract" in md.value for md in at.markdown)  # a tab not open is not worked out
    at.session_state["ct_tab"] = "Review list"
    at.run()
    review = frame_with(at, "supplier_name", "department", "contracts_held")
    assert list(review["supplier_name"]) == ["Delta Services", "Gamma Charity", "REDACTED PERSONAL DATA"]
    assert any("**3** supplier and department pairs off contract, £2,000.00 in all" in md.value for md in at.markdown)
    assert at.download_button(key="ct_review_dl_csv") is not None
    at.session_state["ct_tab"] = "By route"
    at.run()
    at.toggle(key="ct_route_show").set_value(True).run()
    assert any("4 lines, £2,800.00" in md.value for md in at.markdown)  # ESPO, the largest route


def test_contracts_tabs_share_the_as_at_day(force):
    at = run_app("pages/contracts.py")
    at.session_state["ct_tab"] = "Expiring within 120 days"
    at.run()
    at.date_input(key="ct_as_of").set_value(date(2019, 5, 2)).run()
    at.session_state["ct_tab"] = "Contract burn"
    at.run()
    assert not at.exception
    assert at.date_input(key="ct_as_of").value == date(2019, 5, 2)
    assert any("up to 02/05/2019" in md.value for md in at.markdown)
    at.run()  # a rerun on the same tab keeps the day
    assert any("up to 02/05/2019" in md.value for md in at.markdown)


def test_savings_and_social_value_page(force):
    at = run_app("pages/savings_social_value.py")
    m = metrics(at)
    assert m["Savings recorded"].value == "£1.75k" and "£1,750.50" in m["Savings recorded"].help
    assert m["Cashable"].value == "£1.25k"  # £1,250.50 to three figures
    assert m["Non-cashable"].value == "£500" and m["Target"].value == "£1.70M"
    assert m["Contracts with social value ≥ 2.5%"].value == "50.00%"
    below = frame_with(at, "reference", "reason")
    assert sorted(below["reference"]) == ["LC-002", "LC-003"]


def test_targets_page_sets_a_target_from_a_year(force):
    at = run_app("pages/targets.py")
    at.selectbox(key="tg_measure").select("on_contract_pct").run()
    at.selectbox(key="tg_from").select("2020/21").run()
    # the form starts from the target in force for the measure and year chosen
    assert at.number_input(key="tg_value_on_contract_pct_2020/21").value == 92.0
    assert at.selectbox(key="tg_direction_on_contract_pct_2020/21").value == "at_least"
    at.number_input(key="tg_value_on_contract_pct_2020/21").set_value(80.0)
    at.text_input(key="who_box").input("Head of Procurement")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception and any("Earlier years keep their targets" in s.value for s in at.success)
    # the table of targets in force, above the form (the latest year's: 2020/21 on), shows the new one at once
    shown = next(d.value for d in at.dataframe if "from_fy" in d.value.columns)
    assert shown.set_index("label").loc["On contract", "value"] == "80.00%"
    # an "at most" target keeps its way when only its figure is changed
    at.selectbox(key="tg_measure").select("unknown_location_pct").run()
    assert at.selectbox(key="tg_direction_unknown_location_pct_2020/21").value == "at_most"
    at = run_app(fy="2020/21")
    assert "target ≥ 80.00%" in " ".join(md.value for md in at.markdown)
    at = run_app(fy="2019/20")
    assert "target ≥ 92.00%" in " ".join(md.value for md in at.markdown)


def test_contract_register_edit_with_audit(force):
    at = run_app("pages/contract_register.py")
    assert any(o.startswith("LC-002 · ACME LIMITED") for o in at.selectbox(key="cr_pick").options)
    cid = "LC-002|KEY:ACME"  # reference | the supplier's register identity (no ID: its name key)
    at.selectbox(key="cr_pick").set_value(cid).run()
    at.text_input(key=f"cr_end_{cid}").input("30/06/2020")
    at.text_input(key="cr_reason").input("extended")
    at.text_input(key="who_box").input("Buyer")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception and any("1 change(s) saved by Buyer" in s.value for s in at.success)
    hist = frame_with(at, "field", "old_value", "edited_by")
    assert list(hist["field"]) == ["end_date"] and hist["old_value"].iloc[0] == "2020-05-31"
    at = run_app("pages/contracts.py", fy="2020/21")
    assert metrics(at)["On contract"].value == "100.00%"


def test_savings_page_with_no_contract_starting_in_the_year_says_so(force):
    # (2020/21: spend, and no contract let that year)
    at = run_app("pages/savings_social_value.py", fy="2020/21")
    assert metrics(at)["Contracts starting in the year"].value == "0"
    assert not any("meets the minimum" in s.value for s in at.success)  # no contract is no success
    assert any("No contract in the contracts register starts in 2020/21" in i.value for i in at.info)


def test_savings_page_before_any_spend_shows_the_registers_years(fresh_db, tmp_path):
    from lib.ingest import load_file
    from test_saving_parts import HEAD, ROWS
    from test_register_layouts import _write

    load_file(_write(tmp_path / "savings.csv", HEAD, ROWS), db=fresh_db, kind="savings")
    at = run_app("pages/savings_social_value.py", fy=None)
    assert at.selectbox(key="sv_year").value == "2024/25"
    m = metrics(at)
    assert (m["Savings recorded"].value, m["Cashable"].value, m["Non-cashable"].value) == ("£81.5k", "£40.8k", "£40.7k")
    assert "£81,500.00" in m["Savings recorded"].help
    assert not any("No spend yet" in i.value for i in at.info)


def test_contracts_page_before_any_spend_says_the_register_is_there(fresh_db, tmp_path):
    """A contracts register loaded before any spend: the page said only "No spend yet", as if nothing
    were loaded; it says how many contracts the register holds and where to see them."""
    from lib.ingest import load_file
    from test_register_layouts import _write

    at = run_app("pages/contracts.py", fy=None)
    assert any(i.value == "No spend yet: upload a file on the Upload page." for i in at.info)
    rows = [[f"C{i}", f"Service {i}", f"Supplier {i} Ltd", "01/04/2024", "31/03/2026", "10000"] for i in range(3)]
    load_file(_write(tmp_path / "contracts.csv", ["Contract Reference", "Title", "Supplier", "Start Date", "End Date",
                                                  "Value"], rows), db=fresh_db, kind="contracts")
    at = run_app("pages/contracts.py", fy=None)
    assert [i.value for i in at.info] == ["No spend yet, so nothing to hold against the 3 contracts in the contracts "
                                          "register: upload spend on the Upload page."]


def test_a_tiles_trend_draws_the_target_each_year_had(force):
    """A target raised from 2020/21 (92% → 95%) is drawn as a step on the On contract tile: 92% under
    2019/20, 95% under 2020/21, not this year's 95% across both; with one target throughout, one line."""
    from lib import store
    from lib.scorecard import card as cardmod
    from lib.scorecard import targets
    from lib.scorecard_charts import tile_sparkline

    targets.set_target("on_contract_pct", "2020/21", "95", set_by="Head of Procurement", db=force)
    m = cardmod.scorecard(store.cursor(force), "2020/21", True)["measures"]["on_contract_pct"]
    assert [(fy, float(t)) for fy, t in m["trend_targets"]] == [("2019/20", 92.0), ("2020/21", 95.0)]
    fig = tile_sparkline(m["trend"], m["target"], m["direction"], m["unit"], m["status"], m["trend_targets"])
    step = [t for t in fig.data if t.name == "target"]
    assert len(step) == 1 and list(step[0].y) == [92.0, 95.0] and step[0].line.shape == "hvh"
    assert not [s for s in fig.layout.shapes if s.name == "target"]
    flat = cardmod.scorecard(store.cursor(force), "2020/21", True)["measures"]["collaborative_pct"]
    fig = tile_sparkline(flat["trend"], flat["target"], flat["direction"], flat["unit"], flat["status"],
                         flat["trend_targets"])
    assert [s.y0 for s in fig.layout.shapes if s.name == "target"] == [float(flat["target"])]
    assert not [t for t in fig.data if t.name == "target"]
