"""Reading what a page shows in AppTest: the app's path, its metrics by label, a table by its columns,
the labels and cell text a reader sees."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app(page: str | None = None) -> AppTest:
    """The app run once through its router, then switched to ``page``; fails on any exception."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict:
    return {m.label: m for m in at.metric}


def table_with(at: AppTest, *columns: str):
    """The first table (AppTest dataframe) shown holding all these columns."""
    for df in at.dataframe:
        if set(columns) <= set(df.value.columns):
            return df
    raise AssertionError(f"no table with columns {columns}")


def frame_with(at: AppTest, *columns: str):
    """The values of the first table shown holding all these columns."""
    return table_with(at, *columns).value


def column_configs(table) -> dict:
    """{column: its Streamlit column config (label, type_config …)} of ``table`` (an AppTest dataframe)."""
    config = json.loads(table.proto.columns or "{}")
    return {col: config.get(f"name:{col}") or config.get(str(col)) or {} for col in table.value.columns}


def labels(table) -> dict:
    """{column: the label a reader sees} for every column ``table`` (an AppTest dataframe) shows."""
    return {col: c.get("label") or str(col) for col, c in column_configs(table).items() if not c.get("hidden")}


def shown(table) -> pd.DataFrame:
    """``table``'s cells as a reader sees them (the text lib.ui.tables writes: '£1,234.56', '37.45%'),
    for the columns it writes; other columns as their values."""
    if not table.proto.arrow_data.styler.display_values:
        return table.value
    text = convert_arrow_bytes_to_pandas_df(table.proto.arrow_data.styler.display_values)
    text.columns = table.value.columns
    return text.reset_index(drop=True)


def pounds(texts) -> list[Decimal]:
    """'£1,234.56' / '-£200.00' as exact Decimals (a money cell read back)."""
    out = []
    for t in texts:
        assert re.fullmatch(r"-?£\d{1,3}(,\d{3})*\.\d\d", t), t
        out.append(Decimal(t.replace("£", "").replace(",", "")))
    return out
