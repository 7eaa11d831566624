"""Every table on every page, through AppTest: human column labels (never the store's own column
names), money as '£1,234.56' and percentages as lib.format writes them."""
from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

from apptools import column_configs, labels, open_app, pounds, shown
from lib import tables
from lib.ui.tables import MONEY_TYPED, prepare

# Column names of the store and of lib's frames that a reader must never see as a heading.
INTERNAL = {"fy", "set_by", "set_at", "supplier_name", "supplier_key", "period_start", "is_redacted", "batch_id",
            "row_number", "file_name", "amount", "share_pct", "local_pct", "spend_key", "supplier_ref",
            "decided_by", "decided_at", "edited_at", "edited_by", "contract_id", "source_note", "from_fy",
            "value_text", "target_text", "district_name", "rows_loaded", "amount_loaded", "loaded_at", "is_demo",
            "vcse_type", "start_date", "end_date", "quality_pct", "social_value_pct", "transaction_ref", "label"}
STAFF_PAGES = ["pages/data.py", "pages/suppliers.py", "pages/map.py", "pages/rings.py", "pages/scorecard.py",
               "pages/contracts.py", "pages/savings_social_value.py", "pages/contract_register.py",
               "pages/targets.py", "pages/redactions.py", "pages/worklist.py", "pages/transparency.py",
               "pages/spend_list.py", "pages/bodies.py", "pages/peers.py"]
MONEY_TEXT = re.compile(r"-?£\d{1,3}(,\d{3})*\.\d\d")


def _human(label: str) -> bool:
    return label not in INTERNAL and "_" not in label and label[:1] == label[:1].upper()


# Pages whose tabs work out only the open one (st.tabs with a key): each tab is opened in turn.
LAZY_TABS = {"pages/contracts.py": "ct_tab"}


def _views(at, page):
    """Run ``page``, then (LAZY_TABS) each of its other tabs; yield after each run."""
    at.switch_page(page).run()
    yield
    if page in LAZY_TABS:
        labels_ = [t.label for t in at.tabs]
        assert len(labels_) > 1, page
        for label in labels_[1:]:
            at.session_state[LAZY_TABS[page]] = label
            at.run()
            yield


def test_every_table_on_the_demo_speaks_to_people(demo_db):
    at = open_app()
    seen = 0
    for page in STAFF_PAGES:
        for _ in _views(at, page):
            assert not at.exception, (page, [e.value for e in at.exception])
            for table in at.dataframe:
                heads = labels(table)
                bad = [h for h in heads.values() if not _human(h)]
                assert not bad, (page, bad)
                text = shown(table)
                for col in heads:
                    money = tables.COLUMNS.get(col, ("", ""))[1] == tables.MONEY
                    if not (money and pd.api.types.is_float_dtype(table.value[col])):  # (a page may write it as text)
                        continue
                    grid_format = (column_configs(table)[col].get("type_config") or {}).get("format")
                    if grid_format:  # a cell people type in: the grid writes it
                        assert grid_format == MONEY_TYPED, (page, col, grid_format)
                    else:
                        cells = [t for t in text[col] if t != "—"]
                        assert all(MONEY_TEXT.fullmatch(t) for t in cells), (page, col, cells[:3])
                seen += 1
            for t in at.table:
                assert all(_human(c) for c in t.value.columns), (page, list(t.value.columns))
    assert seen >= 20  # the demo fills most tables


def test_money_is_written_exactly_and_still_sorts_as_a_number():
    df = pd.DataFrame({"supplier_name": ["A", "B", "C"],
                       "amount": [Decimal("343728705.45"), Decimal("-200.00"), None],
                       "share_pct": [Decimal("37.45"), None, Decimal("0.05")],
                       "period_start": [pd.Timestamp("2020-03-31").date()] * 3})
    styler, config = prepare(df)
    assert config["supplier_name"]["label"] == "Supplier (as published)"
    assert config["period_start"]["label"] == "Date"
    assert config["period_start"]["type_config"]["format"] == "DD/MM/YYYY"
    assert styler.data["amount"].dtype == "float64"  # sorts by the number
    text = styler.to_html()
    assert "£343,728,705.45" in text and "-£200.00" in text and "37.45%" in text and "—" in text


def test_money_too_large_to_show_exactly_is_refused():
    with pytest.raises(ValueError, match="too large"):
        tables.exact_float(pd.Series([Decimal("10000000000000.00")]))
    assert list(tables.exact_float(pd.Series([Decimal("9999999999999.99")]))) == [9999999999999.99]
    assert pounds(["£9,999,999,999,999.99"]) == [Decimal("9999999999999.99")]


def test_the_upload_preview_writes_money_and_dates_for_people(fresh_db):
    at = open_app("pages/upload.py")
    at.file_uploader[0].set_value(("spend_2020-04.csv", b"Payment Date,Supplier,Amount\n01/04/2020,Acme Ltd,1935.00\n",
                                   "text/csv"))
    at.run()
    preview = next(t for t in at.dataframe if "payment_date" in t.value.columns)
    heads = labels(preview)
    assert heads["payment_date"] == "Payment date" and heads["amount"] == "Amount"
    assert all(_human(h) for t in at.dataframe for h in labels(t).values())
    assert list(shown(preview)["amount"]) == ["£1,935.00"]  # not 1935.00


def test_the_category_groups_editor_speaks_to_people(small_store):
    at = open_app("pages/overview.py")
    editor = next(t for t in at.dataframe if "group" in t.value.columns)
    assert labels(editor) == {"category": "Category", "group": "Group", "why": "Why this group", "amount": "Spend",
                              "lines": "Lines"}
    assert all(MONEY_TEXT.fullmatch(t) for t in shown(editor)["amount"])


def test_a_large_table_leaves_money_with_nothing_below_zero_to_the_grid():
    n = 2_000  # 2,000 lines of six columns: past the cells a Styler is worth
    df = pd.DataFrame({"supplier_name": ["A"] * n, "category": ["C"] * n, "department": ["D"] * n,
                       "description": ["x"] * n, "amount": [Decimal("1234.56")] * (n - 1) + [None],
                       "transaction_ref": ["r"] * n})
    shown_, config = prepare(df)
    assert isinstance(shown_, pd.DataFrame)  # no Styler: nothing left for it to write
    assert config["amount"]["type_config"]["format"] == MONEY_TYPED
    assert shown_["amount"].dtype == "float64" and shown_["amount"].iloc[0] == 1234.56
    # a credit note: the grid's printf would write '£-200.00', so money() writes the column
    df.loc[0, "amount"] = Decimal("-200.00")
    styler, config = prepare(df)
    assert not isinstance(styler, pd.DataFrame) and (config["amount"].get("type_config") or {}).get("format") is None
    assert "-£200.00" in styler.to_html() and "£1,234.56" in styler.to_html()
