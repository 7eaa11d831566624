"""A spend file loaded into a store that holds registers and earlier files works out only what it
adds (its suppliers' links, its lines' covering contracts, its sums), and the store then holds
exactly what working everything out again from every line gives.

Files are loaded one by one through the product's own path (lib.ingest.load_file, so the write's
closing refresh, lib.derived); after each, every derived table is compared with a copy of the store
whose derived state was thrown away and recomputed from the lines (:func:`recomputed`). The files
are made to move things a file can move: a supplier first seen unlinked whose later line carries a
register ID (its link appears, and its earlier lines gain a contract), a VAT number, a trading name,
a redacted line, a credit, a contract quoted in the description, a supplier new to the store.
"""
from __future__ import annotations

from conftest import _copy_store, rows_of as rows
from lib import derived, store, summary
from lib.ingest import load_file, remove_batch

REGISTER = """Supplier ID,Supplier Name,Postcode,VAT Number
S1,Ribble Vans Ltd,PR1 2HE,
S2,Wigan Fuel Ltd,WN5 0AA,GB 111 2222 33
S3,John Smith T/A Smith Plumbing,PR2 1AA,
S4,Preston Care CIC,PR2,
S5,Fleetwood Tyres Ltd,FY7 6AA,
"""
CONTRACTS = """Contract Reference,Title,Supplier ID,Supplier Name,Start Date,End Date,Contract Value,Route to Market
C-100,Vans,S1,Ribble Vans Ltd,01/04/2019,31/03/2021,"10,000",ESPO
C-200,Fuel,,Wigan Fuel Ltd,01/05/2019,,"20,000",Own tender
C-300,Legal panel,,Legal Panel Ltd,01/04/2019,31/03/2021,"8,000",Own tender
C-500,Tyres,S5,Fleetwood Tyres Ltd,01/04/2019,31/03/2021,"5,000",Own tender
"""
HEAD = "Date,Supplier Name,Supplier ID,VAT Number,Amount,Description,Department\n"
FILES = {
    "spend_2019-04.csv": HEAD + """01/04/2019,Ribble Vans Ltd,S1,,1000.00,Van hire,Operations
15/04/2019,Wigan Fuel Depot,,GB111222233,2000.00,Fuel,Operations
20/04/2019,Smith Plumbing,,,500.00,Boiler,HQ
22/04/2019,Tyre Depot,,,120.00,Tyres,Fleet
25/04/2019,REDACTED,,,300.00,Welfare,HQ
""",
    "spend_2019-05.csv": HEAD + """02/05/2019,Ribble Vans Limited,,,250.00,Van repairs,Operations
10/05/2019,London Legal LLP,,,350.00,Advice under C-300,HQ
20/05/2019,Unlisted Traders,,,200.00,Cleaning,HQ
28/05/2019,Wigan Fuel Ltd,S2,,-100.00,Fuel credit,Operations
""",
    # The tyre depot's line now carries S5's ID: its link appears, and April's line gains C-500.
    "spend_2019-06.csv": HEAD + """03/06/2019,Tyre Depot,S5,,80.00,Tyres,Fleet
05/06/2019,Preston Care CIC,,,40.00,Welfare,HQ
07/06/2019,New Kid Ltd,,,60.00,Sundries,HQ
""",
    "spend_2019-07.csv": HEAD + """01/07/2019,Unlisted Traders,,,20.00,Cleaning,HQ
09/07/2019,Ribble Vans Ltd,S1,,75.00,Van hire,Operations
""",
}

# Every derived table, as rows in an order of their own; sums merged by key (rows may share one).
VIEWS = {
    "links": "SELECT spend_key, supplier_ref, method FROM supplier_links ORDER BY ALL",
    "covered_by": "SELECT batch_id, row_number, covered_by FROM transactions ORDER BY ALL",
    "spend sums": "SELECT supplier_key, supplier_name, supplier_id, vat_raw, is_redacted, sum(amount), sum(lines) "
                  "FROM supplier_spend GROUP BY ALL ORDER BY ALL",
    "by month": "SELECT fy, period_start, body, department, category, is_redacted, sum(amount), sum(lines), "
                "sum(credit_amount), sum(credit_lines) FROM spend_by_month GROUP BY ALL ORDER BY ALL",
    "by supplier": "SELECT fy, body, supplier_key, supplier_name, is_redacted, covered_by, sum(amount), sum(lines) "
                   "FROM spend_by_supplier GROUP BY ALL ORDER BY ALL",
    "by name": "SELECT body, supplier_key, supplier_name, sum(amount), sum(lines) FROM spend_by_supplier_name "
               "GROUP BY ALL ORDER BY ALL",
    "off contract": "SELECT fy, body, supplier_key, supplier_name, department, sum(amount), sum(lines), "
                    "min(first_date), max(last_date) FROM spend_off_contract GROUP BY ALL ORDER BY ALL",
    "by contract day": "SELECT covered_by, body_key, day, sum(amount), sum(lines), sum(credit_lines) "
                       "FROM spend_by_contract_day GROUP BY ALL ORDER BY ALL",
    "by body and supplier": "SELECT fy, body_key, supplier_key, sum(amount), sum(lines), sum(credit_amount), "
                            "sum(credit_lines) FROM spend_by_body_supplier GROUP BY ALL ORDER BY ALL",
    "by category and supplier": "SELECT fy, body_key, category, supplier_key, sum(amount), sum(lines), "
                                "sum(credit_amount) FROM spend_by_supplier_category GROUP BY ALL ORDER BY ALL",
    "by batch and body": "SELECT batch_id, body_key, sum(amount), sum(lines), min(first_period), max(last_period) "
                         "FROM spend_by_body_batch GROUP BY ALL ORDER BY ALL",
    "batches held": "SELECT 'summary', * FROM summary_batches UNION ALL SELECT 'cover', * FROM cover_batches "
                    "UNION ALL SELECT 'sums', * FROM supplier_spend_batches ORDER BY ALL",
    "spend facts": "SELECT fy, fy_start, body_key, ring, sme_pa2023, sme_eu, is_vcse, cover_rank, sum(amount), "
                   "sum(lines) FROM spend_facts_kept GROUP BY ALL ORDER BY ALL",
    "filter choices": "SELECT kind, position, value, label FROM filter_choices ORDER BY ALL",
}
# What does not depend on the order the files came in (batch ids do): every line by its file.
ORDERLESS = {name: sql for name, sql in VIEWS.items()
             if name not in ("covered_by", "batches held", "by batch and body")} | {
    "covered_by": "SELECT b.file_name, t.row_number, t.covered_by FROM transactions t JOIN batches b USING (batch_id) "
                  "ORDER BY ALL"}


def snapshot(db) -> dict:
    return {name: rows(db, sql) for name, sql in VIEWS.items()}


def recomputed(db, tmp_path) -> dict:
    """The derived tables of a copy of ``db`` with every derived answer thrown away and worked out
    again from the lines (as on a store never refreshed)."""
    store.close(db)
    copy = _copy_store(db, tmp_path / "recomputed.duckdb")
    cur = store.connect(copy).cursor()  # opening refreshes: nothing to do yet
    cur.execute("BEGIN TRANSACTION")
    for sql in ("DELETE FROM derived_state", "UPDATE cover_state SET inputs = NULL",
                "UPDATE summary_state SET inputs = NULL", "UPDATE transactions SET covered_by = NULL",
                "DELETE FROM supplier_links", "DELETE FROM cover_links", "DELETE FROM cover_batches",
                "DELETE FROM summary_batches", "DELETE FROM supplier_spend", "DELETE FROM supplier_spend_batches",
                "UPDATE spend_facts_state SET inputs = NULL", "DELETE FROM spend_facts_kept",
                "DELETE FROM spend_facts_located", "UPDATE filter_choices_state SET inputs = NULL",
                "DELETE FROM filter_choices", *(f"DELETE FROM {t}" for t in summary._TABLES)):
        cur.execute(sql)
    cur.execute("COMMIT")
    cur.close()
    store.refresh(copy)
    got = snapshot(copy)
    store.close(copy)
    copy.unlink()
    return got


def test_files_loaded_one_by_one_give_what_a_full_recompute_gives(fresh_db, tmp_path):
    for name, text in [("suppliers.csv", REGISTER), ("contracts.csv", CONTRACTS), *FILES.items()]:
        (tmp_path / name).write_text(text)
    load_file(tmp_path / "suppliers.csv", db=fresh_db, kind="suppliers")
    load_file(tmp_path / "contracts.csv", db=fresh_db, kind="contracts")
    for i, name in enumerate(FILES):
        res = load_file(tmp_path / name, db=fresh_db)
        assert res.rows_loaded == FILES[name].count("\n") - 1
        got = snapshot(fresh_db)
        assert got == recomputed(fresh_db, tmp_path), name
        assert got["links"] and got["by month"]
    got = snapshot(fresh_db)
    links = {k: (ref, how) for k, ref, how in got["links"]}
    assert links["TYRE DEPOT"] == ("ID:S5", "id")            # linked by the June line's ID
    assert links["WIGAN FUEL DEPOT"] == ("ID:S2", "vat")     # by its VAT number
    assert links["SMITH PLUMBING"] == ("ID:S3", "name")      # by the register's trading name
    assert "NEW KID" not in links and "UNLISTED TRADERS" not in links
    covered = dict(((b, r), c) for b, r, c in got["covered_by"])
    april = rows(fresh_db, "SELECT min(batch_id) FROM batches WHERE kind = 'spend'")[0][0]
    # April's tyre line (row 5: header is row 1) gained C-500 when June linked its supplier
    assert rows(fresh_db, "SELECT c.reference FROM transactions t JOIN cover_contracts c ON c.contract_id = t.covered_by "
                          "WHERE t.batch_id = ? AND t.row_number = 5", [april]) == [("C-500",)]
    assert sum(c is not None for c in covered.values()) == 7  # Ribble x3, Wigan credit, C-300 quoted, tyres x2

    # Removing a batch re-works everything out from the lines: still what a recompute gives.
    remove_batch(april, db=fresh_db)
    assert snapshot(fresh_db) == recomputed(fresh_db, tmp_path)


def test_a_file_added_works_out_its_own_lines_only(fresh_db, tmp_path):
    for name, text in [("suppliers.csv", REGISTER), ("contracts.csv", CONTRACTS), *FILES.items()]:
        (tmp_path / name).write_text(text)
    load_file(tmp_path / "suppliers.csv", db=fresh_db, kind="suppliers")
    load_file(tmp_path / "contracts.csv", db=fresh_db, kind="contracts")
    load_file(tmp_path / "spend_2019-04.csv", db=fresh_db, refresh_suppliers=False)
    load_file(tmp_path / "spend_2019-05.csv", db=fresh_db, refresh_suppliers=False)
    with store.write(fresh_db) as cur:
        done = derived.refresh(cur)
    assert (done["links"], done["cover"], done["summary"]) == ("added", "changed", "added")
    # the links of a file whose suppliers are all known already are the ones they had
    before = rows(fresh_db, VIEWS["links"])
    load_file(tmp_path / "spend_2019-07.csv", db=fresh_db, refresh_suppliers=False)
    with store.write(fresh_db) as cur:
        done = derived.refresh(cur)
    assert (done["links"], done["cover"], done["summary"]) == ("added", "changed", "added")
    assert done["facts"] == "added"  # the scorecard's split took in July's lines alone
    assert rows(fresh_db, VIEWS["links"]) == before
    assert snapshot(fresh_db) == recomputed(fresh_db, tmp_path)
    # A register edit: every supplier is linked again.
    with store.write(fresh_db) as cur:
        cur.execute("INSERT INTO supplier_edits (supplier_ref, field, new_value, edited_by) "
                    "VALUES ('ID:S4', 'postcode', 'PR1 2HE', 'tester')")
        done = derived.refresh(cur)
    assert done["links"] == "computed"
    assert snapshot(fresh_db) == recomputed(fresh_db, tmp_path)


def test_a_store_from_before_the_page_summaries_fills_them_from_the_batches_summed(fresh_db, tmp_path):
    """m060 fills its tables from the lines of the batches the summaries hold: a store that had them
    up to date still has, and a file loaded after adds its own sums to every table."""
    import duckdb

    for name, text in [("suppliers.csv", REGISTER), *list(FILES.items())[:3]]:
        (tmp_path / name).write_text(text)
    load_file(tmp_path / "suppliers.csv", db=fresh_db, kind="suppliers")
    for name in list(FILES)[:2]:
        load_file(tmp_path / name, db=fresh_db)
    store.close(fresh_db)
    con = duckdb.connect(str(fresh_db))  # the store as it was before m060
    for table in ("spend_by_body_supplier", "spend_by_supplier_category", "spend_by_body_batch"):
        con.execute(f"DROP TABLE {table}")
    # before m060, so before m082 too (which keys one of them by redacted or not)
    con.execute("DELETE FROM _migrations WHERE name IN ('m060_page_sums', 'm082_body_supplier_redacted')")
    con.close()
    cur = store.cursor(fresh_db)  # migrated on opening
    try:
        assert summary.is_fresh(cur)
        assert rows(fresh_db, "SELECT sum(lines) FROM spend_by_supplier_category") == [(9,)]
    finally:
        cur.close()
    assert snapshot(fresh_db) == recomputed(fresh_db, tmp_path)
    load_file(tmp_path / list(FILES)[2], db=fresh_db)
    assert snapshot(fresh_db) == recomputed(fresh_db, tmp_path)


def test_the_order_files_arrive_in_changes_no_figure(tmp_path, monkeypatch):
    """The same files loaded in two orders (June's line that links an earlier supplier first, and
    last) give the same derived tables as each other and as a recompute from the lines."""
    for name, text in [("suppliers.csv", REGISTER), ("contracts.csv", CONTRACTS), *FILES.items()]:
        (tmp_path / name).write_text(text)
    monkeypatch.setenv("SPEND_NO_DEMO", "1")
    got = []
    for order in (list(FILES), list(reversed(FILES)), ["spend_2019-06.csv", "spend_2019-04.csv",
                                                       "spend_2019-07.csv", "spend_2019-05.csv"]):
        db = tmp_path / f"order{len(got)}.duckdb"
        load_file(tmp_path / "suppliers.csv", db=db, kind="suppliers")
        for name in order[:2]:
            load_file(tmp_path / name, db=db)
        load_file(tmp_path / "contracts.csv", db=db, kind="contracts")  # the register arrives midway
        for name in order[2:]:
            load_file(tmp_path / name, db=db)
        got.append({name: rows(db, sql) for name, sql in ORDERLESS.items()})
        assert got[-1]["spend facts"] and got[-1]["filter choices"]
        store.close(db)
    assert got[0] == got[1] == got[2]
    db = tmp_path / "order0.duckdb"
    whole = recomputed(db, tmp_path)
    assert {name: got[0][name] for name in whole if name in ORDERLESS and name != "covered_by"} == \
        {name: rows for name, rows in whole.items() if name in ORDERLESS and name != "covered_by"}


def test_files_with_many_suppliers_merge_the_sums_and_still_match_a_recompute(fresh_db, tmp_path):
    """Past twice the rows last merged (at least 1,000), the summaries and the suppliers' spend merge
    the rows sharing a key (lib.summary._merge). Two files of the same 1,200 suppliers: the second
    file's sums cross that line in both, and the merged tables still hold what summing every line
    again gives, one row a key. (The suppliers' spend is kept once a register is loaded: the links
    are made from it.)"""
    (tmp_path / "suppliers.csv").write_text(REGISTER)
    load_file(tmp_path / "suppliers.csv", db=fresh_db, kind="suppliers")
    for month in (4, 5):
        lines = [f"{d:02d}/{month:02d}/2019,Trader {i:04d} Ltd,,,{i}.{month:02d},Goods,HQ"
                 for i, d in ((i, 1 + i % 28) for i in range(1200))]
        (tmp_path / f"many_{month}.csv").write_text(HEAD + "\n".join(lines) + "\n")
        assert load_file(tmp_path / f"many_{month}.csv", db=fresh_db).rows_loaded == 1200
    merged = rows(fresh_db, "SELECT merged_rows FROM supplier_spend_state")[0][0]
    spend_rows, keys, total = rows(fresh_db, "SELECT count(*), count(DISTINCT (supplier_key, supplier_name, "
                                   "supplier_id, vat_raw, is_redacted)), sum(amount) FROM supplier_spend")[0]
    lines_total = rows(fresh_db, "SELECT sum(amount) FROM transactions")[0][0]
    assert merged == spend_rows == keys == 1200  # merged: one row a supplier, not two
    assert total == lines_total
    assert snapshot(fresh_db) == recomputed(fresh_db, tmp_path)
