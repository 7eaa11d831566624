"""Reading what a page shows in AppTest: the app's path, its metrics by label, a table by its columns."""
from __future__ import annotations

from pathlib import Path

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


def frame_with(at: AppTest, *columns: str):
    """The first table shown holding all these columns (AppTest does not expose dataframe keys)."""
    for df in at.dataframe:
        if set(columns) <= set(df.value.columns):
            return df.value
    raise AssertionError(f"no table with columns {columns}")
