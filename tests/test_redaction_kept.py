"""What redaction may touch, kept ahead (lib.publish.flagged): the proposals, pending lines and
status the pages read from it are exactly those worked out from every line, after loads, staff
decisions, rule changes, register changes and removals."""
from decimal import Decimal as D

import pytest

from lib import store, summary
from lib.publish import flagged
from lib.publish import redaction as r

FY = "2024/25"
# (batch, row, date, amount, supplier_name, supplier_key, is_redacted, category)
ROWS = [
    (1, 2, "2024-04-10", "1000.00", "Mr John Smith", "MR JOHN SMITH", False, "Interpreters"),
    (1, 3, "2024-05-10", "250.00", "Mr John Smith", "MR JOHN SMITH", False, "Witness Expenses"),
    (1, 4, "2024-04-11", "5000.00", "Acme Ltd", "ACME", False, "Vehicle Parts"),
    (1, 5, "2024-04-12", "800.00", "Acme Ltd", "ACME", False, "Witness Expenses"),
    (1, 6, "2024-04-13", "300.00", "REDACTED", "REDACTED", True, "Informant Payments"),
    (1, 7, "2024-04-14", "1200.00", "Pat Quinlan Plumbing", "PAT QUINLAN PLUMBING", False, "Repairs"),
    (1, 8, "2023-04-15", "700.00", "Jane Hargreaves", "JANE HARGREAVES", False, "Repairs"),  # an earlier year
    (1, 9, "2024-04-16", "90.00", "JANE HARGREAVES", "JANE HARGREAVES", False, "Repairs"),
]


def _fy(d: str) -> int:
    return int(d[:4]) - (d[5:7] < "04")


def _insert(cur, batch: int, rows) -> None:
    cur.execute("""INSERT INTO batches (batch_id, file_name, file_sha256, rows_read, rows_loaded, rows_quarantined,
                   rows_total_lines) VALUES (?, ?, ?, ?, ?, 0, 0)""", [batch, f"s{batch}.csv", f"x{batch}", len(rows), len(rows)])
    cur.executemany(
        """INSERT INTO transactions (batch_id, sheet, row_number, payment_date, period_start, fy, fy_start, amount,
               supplier_name, supplier_key, is_redacted, department, category, description, body, body_key, transaction_ref)
           VALUES (?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Ops', ?, 'x', 'Lancashire Constabulary',
                   (SELECT min(body_key) FROM bodies WHERE own), 'T' || ?)""",
        [(batch, n, d, d, f"{_fy(d)}/{(_fy(d) + 1) % 100:02d}", _fy(d), D(a), name, key, red, cat, n)
         for _, n, d, a, name, key, red, cat in rows])


@pytest.fixture
def kept_db(fresh_db):
    with store.write(fresh_db) as cur:
        _insert(cur, 1, ROWS)
        cur.execute("""INSERT INTO supplier_register (batch_id, sheet, row_number, supplier_id, name, supplier_key, sole_trader)
                       VALUES (1, '', 2, 'S9', 'Pat Quinlan Plumbing', 'PAT QUINLAN PLUMBING', TRUE)""")
        cur.execute("INSERT INTO supplier_links VALUES ('PAT QUINLAN PLUMBING', 'ID:S9', 'name', NULL)")
    return fresh_db


def _rows(df):
    """A status or proposals frame as comparable rows, in key order (lists as tuples)."""
    out = [tuple(tuple(v) if isinstance(v, list) else (None if v is None or v != v else v) for v in rec)
           for rec in df.astype(object).itertuples(index=False)]
    return list(df.columns), sorted(out, key=repr)


def assert_kept_equals_lines(db, monkeypatch, fys=(FY, "2023/24", None)):
    cur = store.cursor(db)
    assert flagged.is_fresh(cur)
    kept = {fy: (r.line_status(cur, fy, flagged_only=True), r.proposals(cur, fy), r.pending_lines(cur, fy))
            for fy in fys}
    with monkeypatch.context() as m:
        m.setattr(flagged, "is_fresh", lambda cur: False)
        for fy in fys:
            st, props, pending = kept[fy]
            assert _rows(st) == _rows(r.line_status(cur, fy, flagged_only=True)), fy
            lines_props = r.proposals(cur, fy)
            for part in ("suppliers", "lines"):
                assert _rows(props[part]) == _rows(lines_props[part]), (fy, part)
            assert pending == r.pending_lines(cur, fy), fy
    return kept


def test_kept_ahead_equals_the_lines_through_decisions_rules_loads_and_removals(kept_db, monkeypatch):
    kept = assert_kept_equals_lines(kept_db, monkeypatch)
    st, props, pending = kept[FY]
    assert set(props["suppliers"]["supplier_key"]) == {"MR JOHN SMITH", "PAT QUINLAN PLUMBING", "JANE HARGREAVES"}
    # (row 6, an informant payment redacted at source, is withheld already: not pending)
    assert pending == 5 and set(props["lines"]["row_number"]) == {3, 5, 6}
    assert str(props["lines"].set_index("row_number").loc[5, "date"])[:10] == "2024-04-12"

    r.decide_suppliers(["MR JOHN SMITH"], "clear", None, "a company", "a.buyer", db=kept_db)
    r.decide_lines([(1, "", 5)], "clear", None, "a hotel", "a.buyer", db=kept_db)
    r.decide_lines([(1, "", 4)], "redact", r.COMMERCIAL, "price", "a.buyer", db=kept_db)  # nobody proposed it
    r.decide_suppliers(["ACME"], "redact", r.COMMERCIAL, "contract", "a.buyer", db=kept_db)
    assert_kept_equals_lines(kept_db, monkeypatch)

    r.set_category_words(["repairs"], r.OTHER, db=kept_db)  # a new rule catches older lines
    assert_kept_equals_lines(kept_db, monkeypatch)

    # A new batch: a new spelling of a proposed person, and a name that proposes an older one's key.
    with store.write(kept_db) as cur:
        _insert(cur, 2, [(2, 2, "2024-06-01", "40.00", "Mr J Smith", "MR JOHN SMITH", False, "Interpreters"),
                         (2, 3, "2024-06-02", "60.00", "Ann Oakes", "ACME", False, "Stationery"),
                         (2, 4, "2024-06-03", "10.00", "Bolton Council", "BOLTON COUNCIL", False, "Witness Expenses")])
    assert_kept_equals_lines(kept_db, monkeypatch)

    # The register now says Bolton Council is a sole trader (a staff edit of the register would too).
    with store.write(kept_db) as cur:
        cur.execute("""INSERT INTO supplier_register (batch_id, sheet, row_number, supplier_id, name, supplier_key, sole_trader)
                       VALUES (1, '', 3, 'S10', 'Bolton Council', 'BOLTON COUNCIL', TRUE)""")
        cur.execute("INSERT INTO supplier_links VALUES ('BOLTON COUNCIL', 'ID:S10', 'name', NULL)")
    assert "BOLTON COUNCIL" in set(r.proposals(kept_db, FY)["suppliers"]["supplier_key"])
    assert_kept_equals_lines(kept_db, monkeypatch)

    with store.write(kept_db) as cur:  # a batch removed
        cur.execute("DELETE FROM transactions WHERE batch_id = 2")
        cur.execute("DELETE FROM batches WHERE batch_id = 2")
    assert_kept_equals_lines(kept_db, monkeypatch)

    with store.write(kept_db) as cur:  # a line changed in place, as the contract of lib.summary asks
        cur.execute("UPDATE transactions SET supplier_name = 'Ms Ada Byron', supplier_key = 'MS ADA BYRON' "
                    "WHERE row_number = 4")
        summary.invalidate(cur)
    assert "MS ADA BYRON" in set(r.proposals(kept_db, FY)["suppliers"]["supplier_key"])
    assert_kept_equals_lines(kept_db, monkeypatch)


def test_written_behind_the_write_path_the_lines_are_read(kept_db):
    cur = store.cursor(kept_db)
    cur.execute("INSERT INTO transactions (batch_id, sheet, row_number, period_start, fy, fy_start, amount, supplier_name, "
                "supplier_key, is_redacted, body_key) SELECT 1, '', 99, DATE '2024-07-01', '2024/25', 2024, 5.00, "
                "'Mrs Late Entry', 'MRS LATE ENTRY', FALSE, body_key FROM transactions LIMIT 1")
    assert not flagged.is_fresh(cur)
    assert "MRS LATE ENTRY" in set(r.proposals(cur, FY)["suppliers"]["supplier_key"])  # fails closed: from the lines
    store.refresh(kept_db)
    assert flagged.is_fresh(cur) and "MRS LATE ENTRY" in set(r.proposals(cur, FY)["suppliers"]["supplier_key"])


def test_demo_force_kept_equals_lines(demo_db, monkeypatch):
    assert_kept_equals_lines(demo_db, monkeypatch, fys=("2024/25",))


def assert_published_equals_lines(db, fy=FY):
    """The months' totals and every page of every month equal published_lines, from every line."""
    cur = store.cursor(db)
    assert flagged.is_fresh(cur)
    pub = r.published_lines(cur, fy)
    months = r.published_months(cur, fy)
    assert list(months["month"]) == sorted(set(pub["month"]))
    for m in months.itertuples():
        rows = pub[pub["month"] == m.month].reset_index(drop=True)
        assert (m.lines, m.amount) == (len(rows), sum(rows["Amount"], D("0.00"))), m.month
        assert r.month_figures(cur, fy, m.month) == {
            "lines": len(rows), "amount": sum(rows["Amount"], D("0.00")), "withheld": int(rows["redacted"].sum()),
            "withheld_amount": sum(rows.loc[rows["redacted"], "Amount"], D("0.00"))}, m.month
        paged = [r.published_page(cur, fy, m.month, 2, offset) for offset in range(0, len(rows), 2)]
        both = [r.published_page(cur, fy, m.month, None)] + [__import__("pandas").concat(paged, ignore_index=True)]
        for got in both:
            assert _rows(got) == _rows(rows) and list(got["Transaction reference"]) == list(rows["Transaction reference"])
    w = r.withheld_totals(cur, fy)
    assert (w["lines"], w["amount"]) == (int(pub["redacted"].sum()), sum(pub.loc[pub["redacted"], "Amount"], D("0.00")))
    return months


def test_published_a_month_at_a_time_equals_every_line(kept_db):
    assert_published_equals_lines(kept_db)
    assert r.withheld_totals(kept_db, FY)["lines"] == 6
    # A withheld person under other spellings: as a payee (withheld whole) and in other text (scrubbed).
    with store.write(kept_db) as cur:
        _insert(cur, 3, [(3, 2, "2024-04-20", "15.00", "smith, john", "SMITH JOHN", False, "Travel"),
                         (3, 3, "2024-05-21", "25.00", "Acme Ltd", "ACME", False, "Mileage J. Smith")])
    assert_published_equals_lines(kept_db)
    assert r.withheld_totals(kept_db, FY)["lines"] == 7
    r.decide_suppliers(["ACME"], "redact", r.COMMERCIAL, "contract", "a.buyer", db=kept_db)
    r.decide_lines([(1, "", 3)], "redact", r.OTHER, "witness", "a.buyer", db=kept_db)
    assert_published_equals_lines(kept_db)
    r.decide_suppliers(["MR JOHN SMITH"], "clear", None, "a company", "a.buyer", db=kept_db)
    assert_published_equals_lines(kept_db)


def test_a_line_changed_in_place_is_published_as_it_stands_now(kept_db):
    assert_published_equals_lines(kept_db)  # the year's withheld people worked out (and kept) as they were
    assert r.withheld_totals(kept_db, FY)["lines"] == 6
    # Acme's Vehicle Parts line was paid, it turns out, to the withheld Mr John Smith's firm: changed in
    # place, as lib.summary's contract asks. Nothing proposes the new name; his spelling withholds it.
    with store.write(kept_db) as cur:
        cur.execute("UPDATE transactions SET supplier_name = 'J Smith Ltd', supplier_key = 'J SMITH LTD' "
                    "WHERE batch_id = 1 AND row_number = 4")
        summary.invalidate(cur)
    assert_published_equals_lines(kept_db)
    assert r.withheld_totals(kept_db, FY)["lines"] == 7


def test_the_public_store_answers_the_same(kept_db, tmp_path):
    from lib.publish import public_store

    with store.write(kept_db) as cur:
        _insert(cur, 3, [(3, 2, "2024-04-20", "15.00", "smith, john", "SMITH JOHN", False, "Travel")])
    out = tmp_path / "public.duckdb"
    public_store.write_public_store(out, db=kept_db)
    con = public_store.connect(out)
    try:
        staff, public = r.published_months(kept_db, FY), public_store.published_months(con, FY)
        assert _rows(staff) == _rows(public)
        assert r.withheld_totals(kept_db, FY) == public_store.withheld_totals(con, FY) and \
            public_store.withheld_totals(con, FY)["lines"] == 7
        for m in staff["month"]:
            assert r.month_figures(kept_db, FY, m) == public_store.month_figures(con, FY, m), m
            for limit, offset in ((None, 0), (2, 0), (2, 2)):
                assert _rows(r.published_page(kept_db, FY, m, limit, offset)) == \
                    _rows(public_store.published_page(con, FY, m, limit, offset)), (m, limit, offset)
    finally:
        con.close()
