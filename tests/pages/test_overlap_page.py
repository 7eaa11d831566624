"""The Upload page and a re-sent month: the overlap is shown before loading, and staff choose."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apptools import APP
from lib import store
from lib.ingest import load_file

APRIL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "devon_cc_over500_202504.csv"
pytestmark = pytest.mark.skipif(not APRIL.exists(), reason="../shared/corpus is not on this machine")


def _spend(db):
    cur = store.cursor(db)
    try:
        return cur.execute("SELECT count(*), sum(amount), list(DISTINCT batch_id) FROM transactions").fetchone()
    finally:
        cur.close()


@pytest.mark.parametrize("choice", ["skip", "replace"])
def test_resent_month_is_shown_then_skipped_or_replaced(fresh_db, choice):
    first = load_file(APRIL, db=fresh_db)
    lines, total, _ = _spend(fresh_db)
    resent = APRIL.read_bytes().replace(b"\r\n", b"\n").replace(b",697.00,", b",797.00,", 1)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].set_value(("april_again_202504.csv", resent, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(w.value for w in at.warning)
    assert "Already loaded?" in shown and "236 of this file's 237 lines" in shown
    assert f"batch {first.batch_id}" in shown and "2025-04" in shown
    at.radio(key=f"overlap_spend:april_again_202504.csv:{len(resent)}").set_value(choice).run()
    at.button(key="load_btn").click().run()
    assert not at.exception, [e.value for e in at.exception]
    after = _spend(fresh_db)
    if choice == "skip":
        assert after == (lines, total, [first.batch_id])
        assert any("skipped, nothing added" in i.value for i in at.info)
    else:
        assert after[:2] == (237, total + 100) and after[2] != [first.batch_id]
        assert any(f"replaced batch {first.batch_id}" in s.value for s in at.success)
