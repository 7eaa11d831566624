"""Round trips: a value, written the ways publishers write it, reads back exactly."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import store


@pytest.fixture(scope="module")
def cur(tmp_path_factory):
    path = tmp_path_factory.mktemp("parse") / "p.duckdb"
    c = store.connect(path).cursor()
    yield c
    c.close()
    store.close(path)


pence = st.integers(min_value=-10**11, max_value=10**11)


def publish_amount(p: int, style: int) -> str:
    v = Decimal(p) / 100
    a = abs(v)
    plain, commas = f"{a:.2f}", f"{a:,.2f}"
    neg = p < 0
    forms = [
        ("-" if neg else "") + plain,
        ("-" if neg else "") + "£" + commas,
        (f"({commas})" if neg else commas),
        commas + ("-" if neg else ""),
        " " + ("-" if neg else "") + plain + " ",
        repr(float(v)),  # float text as Excel gives it
        ("-" if neg else "") + "£ " + commas,
        plain + ("CR" if neg else ""),
    ]
    return forms[style % len(forms)]


@settings(max_examples=300, deadline=None)
@given(pence, st.integers(min_value=0, max_value=7))
def test_amount_round_trip(cur, p, style):
    text = publish_amount(p, style)
    assert cur.execute("SELECT parse_amount(?)", [text]).fetchone()[0] == Decimal(p) / 100, text


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=9))
def test_float_noise_rounds_to_the_nearest_penny(cur, p, noise):
    text = repr(p / 100 + noise * 1e-12) if p < 10**9 else f"{p / 100:.2f}"
    assert cur.execute("SELECT parse_amount(?)", [text]).fetchone()[0] == Decimal(p) / 100


dates = st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2060, 12, 31))


def publish_date(d: dt.date, style: int) -> str:
    forms = [
        d.strftime("%d/%m/%Y"), f"{d.day}/{d.month}/{d.year}", d.strftime("%d/%m/%y"),
        d.strftime("%d-%b-%y"), f"{d.day} {d.strftime('%b %Y')}", d.strftime("%Y-%m-%d"),
        d.strftime("%Y-%m-%d 00:00:00"), str((d - dt.date(1899, 12, 30)).days),
        d.strftime("%d %B %Y"), d.strftime("%d.%m.%Y"), d.strftime("%d-%m-%Y"),
    ]
    return forms[style % len(forms)]


@settings(max_examples=400, deadline=None)
@given(dates, st.integers(min_value=0, max_value=10))
def test_date_round_trip(cur, d, style):
    text = publish_date(d, style)
    if style == 2 or style == 3:  # two-digit years read as 1969-2068
        if not (1969 <= d.year <= 2068):
            return
    assert cur.execute("SELECT parse_uk_date(?)", [text]).fetchone()[0] == d, text


@pytest.mark.parametrize("text", ["31/02/2020", "29/02/2021", "00/01/2020", "13/13/2020", "2020-02-30", "32-Jan-20", "soon", ""])
def test_impossible_dates_are_never_guessed(cur, text):
    assert cur.execute("SELECT parse_uk_date(?)", [text]).fetchone()[0] is None


@pytest.mark.parametrize("text", ["ten", "1.2.3", "--5", "NA", "", "£", "12,34x", None])
def test_not_money(cur, text):
    assert cur.execute("SELECT parse_amount(?)", [text]).fetchone()[0] is None


@pytest.mark.parametrize("a,b", [
    ("The Acme Co. Ltd", "ACME CO LIMITED"), ("Marks & Spencer PLC", "Marks and Spencer p.l.c."),
    ("PARKVIEW SOCIETY THE", "The Parkview Society"), ("J Smith T/A Smiths Plumbing", "J. Smith"),
    ("Smith & Jones LLP", "SMITH AND JONES"),
])
def test_supplier_key_groups_spellings(cur, a, b):
    ka, kb = (cur.execute("SELECT supplier_key(?)", [x]).fetchone()[0] for x in (a, b))
    assert ka == kb and ka


def test_financial_year(cur):
    assert cur.execute("SELECT fy_label(fy_start_of(DATE '2020-03-31')), fy_label(fy_start_of(DATE '2020-04-01'))").fetchone() == ("2019/20", "2020/21")
