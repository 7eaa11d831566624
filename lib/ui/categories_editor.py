"""The Overview's category groups: which standard group each published category counts in, and
staff's changes to it (lib.categories)."""
from __future__ import annotations

import streamlit as st

from lib import categories
from lib.filters import Filters
from lib.ui import cache, staff, tables

K_EDITOR = "cat_groups_editor"


def category_groups(f: Filters) -> None:
    """An expander listing every category with spend under ``f``, its group and why; staff type a
    group (a new name makes a new group; empty returns the category to the standard list) and save,
    recorded with their name."""
    with st.expander("Category groups: which group each category is counted in", icon=":material/category:"):
        table = cache.query("category_groups", f)
        if table.empty:
            st.caption("No categories under these filters.")
            return
        st.caption("The files' categories are free text, so the chart sums them into standard groups: by a "
                   "category's standard label (“GROUP : detail”), else by the keywords of "
                   "data/category_groups.csv, unless a group was chosen here. A category no keyword fits is "
                   "shown by its own name. Type a group to change one (a new name makes a new group); clear it "
                   "to return it to the standard list.")
        groups = sorted({g for g in table["group"] if g} | {g for g, _, _ in categories.keyword_rules()})
        key = f"{K_EDITOR}_{abs(hash(f))}"  # edits are kept by row: new filters, new rows, a new editor
        edited = tables.editor(
            table, key=key, width="stretch", editable=["group"],
            labels={"group": "Group", "why": "Why this group", "amount": "Spend"},
            config={"group": st.column_config.TextColumn(help="One of: " + "; ".join(groups))})
        changed = {c: (g or "").strip() for c, g, old in zip(table["category"], edited["group"], table["group"])
                   if (g or "").strip() != old and c != categories.NOT_GIVEN}
        if not changed:
            return
        st.markdown(f"{len(changed)} categor{'y' if len(changed) == 1 else 'ies'} changed: " + "; ".join(
            f"{c} → {g or 'the standard list'}" for c, g in changed.items()))
        who = staff.your_name()
        if st.button("Save the category groups", key="cat_groups_save", disabled=not who, type="primary"):
            categories.set_groups(changed, who, cache.db_path())
            st.session_state.pop(key, None)
            st.rerun()
