"""The one way lib code reads rows from the store: exact Python values (DECIMAL as
:class:`decimal.Decimal`, DATE as :class:`datetime.date`, NULL as None), never float. Charts turn
money into float themselves, at the plotting edge.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

import duckdb

from lib import store

if TYPE_CHECKING:
    import pandas as pd


def cursor_of(db) -> duckdb.DuckDBPyConnection:
    """A cursor on the store ``db`` names (a path, or None for the default store), or ``db`` itself
    when it already is a connection or cursor."""
    if db is None or isinstance(db, (str, bytes, os.PathLike)):
        return store.cursor(db)
    return db


def frame(cur, sql: str, params: list | tuple = ()) -> pd.DataFrame:
    """Run ``sql`` with bound ``params`` and return the rows as a DataFrame of exact Python values
    (object columns for DECIMAL, DATE and anything with NULLs)."""
    import pandas as pd

    rel = cur.execute(sql, list(params))
    return pd.DataFrame(rel.fetchall(), columns=[d[0] for d in rel.description])


def records(cur, sql: str, params: list | tuple = ()) -> list[dict]:
    """The rows of ``sql`` as dicts of exact Python values."""
    rel = cur.execute(sql, list(params))
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, r)) for r in rel.fetchall()]
