"""Every table the app shows, the one way: human labels and the kind of each column from
lib.tables, money '£1,234.56' and percentages '37.45%' written by lib.format (through a pandas
Styler, so a column still sorts by its number), dates DD/MM/YYYY, counts with thousands separators,
'—' where there is nothing."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import format as fmt
from lib import tables

_WRITTEN = {tables.MONEY: fmt.money, tables.PERCENT: fmt.percent, tables.POINTS: fmt.points}
_MAX_STYLED_CELLS = 200_000  # a Styler writes every cell in Python: past this the grid's own format is used
# The grid's printf form of lib.format.money, for a money cell someone types in (a Styler only
# writes cells that are not edited): the same text as money() for every value of 0 or more.
MONEY_TYPED = "£%,.2f"
# A Styler costs about 20 µs a cell, every cell of the table (a few thousand lines of ten columns
# take most of a second). Past this many cells, a money column with no value below 0 is written by
# the grid (MONEY_TYPED: the same text) and the Styler is left out when no other column needs it.
_GRID_MONEY_CELLS = 10_000


def _config(kind: str, label: str, styled: bool):
    cc = st.column_config
    if kind == tables.MONEY:
        return cc.NumberColumn(label, format=None if styled else MONEY_TYPED)
    if kind == tables.PERCENT:
        return cc.NumberColumn(label, format=None if styled else "%.2f%%")
    if kind == tables.POINTS:
        return cc.NumberColumn(label, format=None if styled else "%+.2f pts")
    if kind == tables.DATE:
        return cc.DateColumn(label, format="DD/MM/YYYY")
    if kind == tables.MONTH:
        return cc.DateColumn(label, format="MMM YYYY")  # 'Apr 2019', as lib.format.month_label writes it
    if kind == tables.DATETIME:
        return cc.DatetimeColumn(label, format="DD/MM/YYYY HH:mm")
    if kind == tables.COUNT:
        return cc.NumberColumn(label, format="%,d")
    if kind == tables.ID:
        return cc.NumberColumn(label, format="%d")
    if kind == tables.FLAG:
        return cc.CheckboxColumn(label)
    return cc.TextColumn(label)


# The grid sizes a column by its numbers, not by the text written in it: '£1,972,000.00' was cut to
# '£1,972,' in a wide table. A money column is given the width of its longest written sum (about
# this many pixels a character, and the cell's padding), or of its label when that is longer.
_PX_PER_CHAR, _PX_PADDING, _PX_MAX = 8, 28, 220


def _money_width(values: pd.Series, label: str) -> int:
    extremes = [v for v in (values.max(), values.min()) if v is not None and v == v]
    longest = max([len(fmt.money(v)) for v in extremes] + [int(len(label) * 0.9)])
    return min(_PX_MAX, _PX_PER_CHAR * longest + _PX_PADDING)


def prepare(data, *, labels: dict | None = None, kinds: dict | None = None, hide=(), config: dict | None = None,
            editable=(), missing: str = fmt.NONE) -> tuple:
    """(data to hand to st.dataframe or st.data_editor, column_config) for ``data`` (a DataFrame or
    a list of dicts). ``labels`` and ``kinds`` override lib.tables for this table's columns; ``hide``
    names columns not shown; ``config`` gives a column a Streamlit column config of its own (a
    progress bar, help text, a width: its label defaults to the dictionary's), or as in
    st.dataframe's column_config a label (text) or None (not shown); ``editable`` names
    columns someone types in, which keep their values as they are."""
    df = pd.DataFrame(data) if not isinstance(data, pd.DataFrame) else data.copy()
    labels, kinds, config, hide, editable = dict(labels or {}), kinds or {}, config or {}, set(hide), set(editable)
    styled = df.size <= _MAX_STYLED_CELLS
    big = df.size > _GRID_MONEY_CELLS
    column_config, formats = {}, {}
    for col, own in config.items():
        if own is None:
            hide.add(col)
        elif isinstance(own, str):
            labels.setdefault(col, own)
    config = {c: v for c, v in config.items() if isinstance(v, dict)}
    for col in df.columns:
        if col in hide:
            column_config[col] = None
            continue
        k = kinds.get(col) or tables.kind(col, df[col])
        if k in _WRITTEN and any(isinstance(v, str) for v in df[col].head(50)):
            k = tables.TEXT  # already written (by lib.format) for people: shown as it is
        label = labels.get(col) or tables.label(col)
        writes = k in _WRITTEN and col not in editable
        if k in _WRITTEN:
            df[col] = tables.exact_float(df[col]) if col not in editable else df[col]
        if writes and big and k == tables.MONEY and col not in config and not (df[col] < 0).any():
            writes = False  # the grid writes it, as money() would
        if writes and styled:
            formats[col] = _WRITTEN[k]
        own = config.get(col)
        if own is not None:
            cfg = dict(own)
            if cfg.get("label") is None:
                cfg["label"] = label
            column_config[col] = cfg
        else:
            column_config[col] = _config(k, label, styled and writes)
            if k == tables.MONEY and len(df):
                column_config[col]["width"] = _money_width(df[col], label)
    shown = df.style.format(formats, na_rep=missing) if formats else df
    return shown, column_config


def table(data, *, key: str | None = None, labels: dict | None = None, kinds: dict | None = None, hide=(),
          config: dict | None = None, missing: str = fmt.NONE, **kwargs):
    """st.dataframe of ``data`` with the app's labels and formats (see :func:`prepare`); ``missing``:
    what an empty cell reads (a share that cannot be worked out: "no data"); other arguments go to
    st.dataframe (hide_index is on unless said)."""
    shown, column_config = prepare(data, labels=labels, kinds=kinds, hide=hide, config=config, missing=missing)
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("placeholder", missing)
    return st.dataframe(shown, key=key, column_config=column_config, **kwargs)


def editor(data, *, key: str | None = None, labels: dict | None = None, kinds: dict | None = None, hide=(),
           config: dict | None = None, editable=(), **kwargs):
    """st.data_editor of ``data`` the same way; ``editable`` names the columns people type in (every
    other column is disabled). Returns what st.data_editor returns, as a DataFrame."""
    editable = list(editable)
    shown, column_config = prepare(data, labels=labels, kinds=kinds, hide=hide, config=config, editable=editable)
    columns = list(data.columns) if isinstance(data, pd.DataFrame) else list(pd.DataFrame(data).columns)
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("placeholder", fmt.NONE)
    return st.data_editor(shown, key=key, column_config=column_config,
                          disabled=[c for c in columns if c not in editable], **kwargs)
