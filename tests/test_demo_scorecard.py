"""On the demo store the 2019/20 scorecard reproduces the Procurement Strategy's figures
(DOMAIN.md, as at 31 March 2020) within one point."""
from decimal import Decimal as D

import pytest

from lib import store
from lib.filters import Filters
from lib.scorecard import catalogue, contracts
from lib.scorecard.card import kpis, scorecard


@pytest.fixture
def card(demo_db):
    cur = store.cursor(demo_db)
    yield scorecard(cur, "2019/20")
    cur.close()


@pytest.mark.parametrize("measure, figure", [
    ("on_contract_pct", 92), ("collaborative_pct", 75), ("local_pct", 39), ("north_west_pct", 58),
])
def test_strategy_percentages_within_one_point(card, measure, figure):
    m = card["measures"][measure]
    assert abs(m["value"] - figure) <= 1, (measure, m["value"])
    assert m["numerator"] <= m["denominator"] == card["total_spend"]


def test_spend_and_the_review_list(demo_db, card):
    assert abs(card["total_spend"] - D("44700000")) < D("500000")  # about £44.7M
    on = card["measures"]["on_contract_pct"]
    off = on["denominator"] - on["numerator"]
    assert abs(off - D("3700000")) < D("400000")  # the £3.7M to be reviewed
    review = contracts.review_list(store.cursor(demo_db), Filters(fy="2019/20"))
    assert sum(review["amount"], start=D(0)) == off


def test_savings_and_contracts(card):
    s = card["measures"]["savings"]
    assert abs(s["value"] - D("1700000")) < D("50000") and s["status"] == "met"
    assert s["cashable"] + s["non_cashable"] <= s["value"]
    assert card["contracts_live"] == 372


def test_kpis_object_for_the_demo(demo_db):
    k = kpis(store.cursor(demo_db), "2019/20")
    assert k["measures"]["collaborative_pct"]["target"] == 75.0
    assert set(k["measures"]) == set(catalogue.MEASURES)
    assert all(set(v) == {"value", "target", "status", "numerator", "denominator", "reason"}
               for v in k["measures"].values())
    assert all(v["reason"] is None for v in k["measures"].values())  # the demo has every register
