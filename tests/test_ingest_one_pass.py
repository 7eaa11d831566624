"""The one-pass load (lib.ingest.fast) stores exactly what the whole-file path stores.

Each file is loaded twice into fresh stores: once read whole (the sample is made larger than any
file, so every file takes the full path) and once in one pass (a 100-line sample, so every file
past it does; the columns are profiled on the same 40 rows both ways). Every stored line, quarantined row, total line and the batch record must agree,
and files the first lines cannot settle must be read whole rather than loaded differently.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import store
from lib.ingest import columns as colmod
from lib.ingest import fast, load_file
from conftest import rows_of

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

HEADER = "Body,Date,Transaction Number,Amount,Supplier Name,Department,Expense Type,Description"


def _stored(db) -> dict:
    cols = ("sheet, row_number, body, payment_date, period_start, fy, fy_start, amount, irrecoverable_vat, "
            "supplier_name, supplier_key, is_redacted, supplier_id, vat_number, department, category, "
            "category_code, description, transaction_ref, extra_cells")
    return {
        "transactions": rows_of(db, f"SELECT {cols} FROM transactions ORDER BY sheet, row_number"),
        "quarantine": rows_of(db, "SELECT sheet, row_number, column_name, reason, amount, raw FROM quarantine "
                                  "ORDER BY sheet, row_number"),
        "total_lines": rows_of(db, "SELECT sheet, row_number, amount, raw FROM total_lines ORDER BY sheet, row_number"),
        "batches": rows_of(db, "SELECT kind, file_name, file_sha256, rows_read, rows_loaded, rows_quarantined, "
                               "rows_total_lines, amount_loaded, amount_quarantined, amount_total_lines, sheets, "
                               "mapping, columns_unused, columns_found FROM batches ORDER BY batch_id"),
    }


def both_ways(tmp_path, monkeypatch, path: Path, **kw):
    """Load ``path`` read whole and in one pass; return (whole, one pass), each (result, stored)."""
    out = []
    monkeypatch.setattr(colmod, "SAMPLE_WINDOW", 40)  # columns are profiled on rows 1-40 under the header, both ways
    for sample in (10**9, 100):
        monkeypatch.setattr(fast, "SAMPLE_LINES", sample)
        db = tmp_path / f"{path.stem}_{sample}.duckdb"
        try:
            res = load_file(path, db=db, **kw)
            out.append((res, _stored(db)))
        finally:
            store.close(db)
    (whole, whole_rows), (one, one_rows) = out
    assert not whole.one_pass
    for k in whole_rows:
        assert one_rows[k] == whole_rows[k], k
    a, b = whole.as_json(), one.as_json()
    a.pop("batch_id"), b.pop("batch_id")
    assert a == b
    assert (one.rows_read, one.rows_loaded, one.rows_quarantined, one.rows_total_lines) == (
        whole.rows_read, whole.rows_loaded, whole.rows_quarantined, whole.rows_total_lines)
    assert one.rows_read == one.rows_loaded + one.rows_quarantined + one.rows_total_lines
    assert one.problems == whole.problems
    return whole, one


def lines(n: int, seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        amount = rnd.choice(["12.50", '"1,234.56"', "-56.10", "£99.99", "(10.00)", "5000", "0.01"])
        supplier = rnd.choice(["Acme Ltd", "The Acme Limited", "Beta Supplies", "REDACTED", "Gamma plc", ""])
        out.append(f"Lancashire Constabulary,{1 + i % 28:02d}/0{1 + i % 9}/2021,T{i},{amount},{supplier},Fleet,Fuel,line {i}")
    return out


def write(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join([header] + rows) + "\n").encode(encoding))
    return path


def test_a_clean_file_loads_in_one_pass_exactly(tmp_path, monkeypatch):
    _, one = both_ways(tmp_path, monkeypatch, write(tmp_path / "clean.csv", lines(400)))
    assert one.one_pass and one.rows_loaded == 400


def test_rows_that_do_not_load_get_the_same_reasons(tmp_path, monkeypatch):
    rows = lines(300)
    rows[10] = "Lancashire Constabulary,31/02/2021,T10,12.00,Acme Ltd,Fleet,Fuel,no such day"
    rows[20] = "Lancashire Constabulary,01/02/2021,T20,twelve,Acme Ltd,Fleet,Fuel,not money"
    rows[30] = "Lancashire Constabulary,01/02/2021,T30,,Acme Ltd,Fleet,Fuel,no amount"
    rows[40] = ",,,9999.99,Total,,,"                                                  # a total line
    rows[50] = "Lancashire Constabulary,01/02/1971,T50,1.00,Acme Ltd,Fleet,Fuel,out of range"
    rows[60] = "Lancashire Constabulary,01/02/2021,T60,\"12,34\",Acme Ltd,Fleet,Fuel,ambiguous"
    rows[70] = ",,,,,,,"                                                                # blank: not a row
    rows[80] = "Lancashire Constabulary,01/02/2021,T80,5000000000,Acme Ltd,Fleet,Fuel,too big"
    rows[90] = "Lancashire Constabulary,,T90,12.00,Acme Ltd,Fleet,Fuel,no date"
    rows[95] = "Lancashire Constabulary,00:00:00,T95,12.00,Acme Ltd,Fleet,Fuel,time only"
    rows.append(",,,123.45,,,,")                                                        # a lone figure
    _, one = both_ways(tmp_path, monkeypatch, write(tmp_path / "quirks.csv", rows))
    assert one.one_pass and one.rows_quarantined >= 8 and one.rows_total_lines == 2


def test_a_period_in_the_name_dates_rows_with_no_day(tmp_path, monkeypatch):
    rows = lines(200)
    rows[5] = "Lancashire Constabulary,,T5,12.00,Acme Ltd,Fleet,Fuel,no day"
    _, one = both_ways(tmp_path, monkeypatch, write(tmp_path / "spend_2021-02.csv", rows))
    assert one.one_pass
    _, one = both_ways(tmp_path, monkeypatch, write(tmp_path / "spend.csv", rows))  # no period: quarantined
    assert one.one_pass and one.rows_quarantined == 1


def test_stray_cells_past_the_header_are_kept_not_refused(tmp_path, monkeypatch):
    rows = lines(200)
    rows[7] += ",#N/A"
    rows[150] += ",,stray"
    _, one = both_ways(tmp_path, monkeypatch, write(tmp_path / "stray.csv", rows))
    assert one.one_pass and one.columns_unused


@pytest.mark.parametrize("case", ["repeated header", "header last", "decimal commas", "late cp1252", "long cell",
                                  "title above", "no date column"])
def test_what_the_first_lines_cannot_settle_is_read_whole(tmp_path, monkeypatch, case):
    rows, header, encoding = lines(200), HEADER, "utf-8"
    if case == "repeated header":
        rows[120] = HEADER
    elif case == "header last":
        rows, header = lines(200)[:150] + [HEADER] + lines(200)[150:], "Lancashire Constabulary,01/01/2021,T,1.00,A,B,C,D"
    elif case == "decimal commas":
        rows = [r.replace('"1,234.56"', '"1.234,56"').replace("12.50", '"12,50"').replace("-56.10", '"-56,10"')
                .replace("£99.99", '"£99,99"').replace("(10.00)", '"(10,00)"').replace("0.01", '"0,01"') for r in rows]
    elif case == "late cp1252":
        rows[190] = "Lancashire Constabulary,01/02/2021,T1,1.00,Café Ltd,Fleet,Fuel,x"
        encoding = "cp1252"
    elif case == "long cell":
        monkeypatch.setenv("SPEND_MAX_CELL_CHARS", "100")
        rows[180] = rows[180] + "x" * 150
    elif case == "title above":
        header = "Spend over £500\n\n" + HEADER
    elif case == "no date column":
        rows = [",".join(r.split(",")[:1] + r.split(",")[2:]) for r in rows]
        header = "Body,Transaction Number,Amount,Supplier Name,Department,Expense Type,Description"
    path = write(tmp_path / "spend_2021-02.csv", rows, header, encoding)
    if case == "long cell":
        from lib.ingest import UnusableFile
        monkeypatch.setattr(colmod, "SAMPLE_WINDOW", 40)
        for sample in (10**9, 100):
            monkeypatch.setattr(fast, "SAMPLE_LINES", sample)
            with pytest.raises(UnusableFile, match="row 182"):
                load_file(path, db=tmp_path / f"s{sample}.duckdb")
            store.close(tmp_path / f"s{sample}.duckdb")
        return
    whole, one = both_ways(tmp_path, monkeypatch, path)
    if case != "title above":
        assert not one.one_pass


def test_a_file_plain_at_first_and_not_further_down_loads_the_same(tmp_path, monkeypatch):
    """Plain amounts and dates in the first lines: the pass reads those shapes alone (m046), and the
    lines further down written otherwise are read by the full rules, loaded or refused as the
    whole-file path does."""
    rows = [f"Lancashire Constabulary,{1 + i % 28:02d}/0{1 + i % 9}/2021,T{i},{i % 97}.{i % 100:02d},Acme Ltd,Fleet,Fuel,l{i}"
            for i in range(300)]
    rows[150] = 'Lancashire Constabulary,01/02/2021,T150,"£1,234.56",Acme Ltd,Fleet,Fuel,pound sign'
    rows[151] = "Lancashire Constabulary,01/02/2021,T151,(10.00),Acme Ltd,Fleet,Fuel,brackets"
    rows[152] = "Lancashire Constabulary,1 Feb 2021,T152,10.00,Acme Ltd,Fleet,Fuel,date in words"
    rows[153] = "Lancashire Constabulary,01-02-21,T153,10.00 CR,Acme Ltd,Fleet,Fuel,two shapes"
    rows[154] = "Lancashire Constabulary,31/02/2021,T154,10.00,Acme Ltd,Fleet,Fuel,no such day"
    rows[155] = 'Lancashire Constabulary,01/02/2021,T155,"1,2,3",Acme Ltd,Fleet,Fuel,not money'
    rows[156] = "Lancashire Constabulary,44230,T156,1E3,Acme Ltd,Fleet,Fuel,serial date"
    rows[157] = ",,,1234.50,Total,,,"
    _, one = both_ways(tmp_path, monkeypatch, write(tmp_path / "plain.csv", rows))
    assert one.one_pass and one.rows_loaded == 297 and one.rows_quarantined == 2 and one.rows_total_lines == 1


@pytest.fixture(scope="module")
def parse_cur(tmp_path_factory):
    path = tmp_path_factory.mktemp("plain") / "p.duckdb"
    c = store.connect(path).cursor()
    yield c
    c.close()
    store.close(path)


money_text = st.text(alphabet="0123456789,.-+£() ECR_", max_size=14)
date_text = st.one_of(
    st.text(alphabet="0123456789/-. :T", max_size=20),
    st.builds(lambda d, m, y, t: f"{d}/{m}/{y}{t}", st.integers(0, 40), st.integers(0, 14), st.integers(0, 2200),
              st.sampled_from(["", " 00:00", "x"])),
    st.builds(lambda y, m, d, t: f"{y:04d}-{m:02d}-{d:02d}{t}", st.integers(0, 9999), st.integers(0, 14),
              st.integers(0, 40), st.sampled_from(["", " 10:00:00", "T10:00", "junk"])),
)


@settings(max_examples=400, deadline=None)
@given(money_text)
def test_a_plain_amount_is_what_the_full_rules_read(parse_cur, s):
    plain, full = parse_cur.execute("SELECT parse_amount_plain(?), parse_amount(?)", [s, s]).fetchone()
    assert plain is None or plain == full


@settings(max_examples=400, deadline=None)
@given(date_text)
def test_a_plain_date_is_what_the_full_rules_read(parse_cur, s):
    plain, full = parse_cur.execute("SELECT parse_uk_date_plain(?), parse_uk_date(?)", [s, s]).fetchone()
    assert plain is None or plain == full


def test_a_resent_file_is_found_after_the_one_pass(tmp_path, monkeypatch):
    monkeypatch.setattr(fast, "SAMPLE_LINES", 100)
    monkeypatch.setattr(colmod, "SAMPLE_WINDOW", 40)
    db = tmp_path / "s.duckdb"
    rows = lines(300)
    try:
        first = load_file(write(tmp_path / "a.csv", rows), db=db)
        again = load_file(write(tmp_path / "b.csv", list(reversed(rows))), db=db)
        assert first.one_pass and again.skipped and again.overlap.batch_ids == [first.batch_id]
        assert rows_of(db, "SELECT count(*), count(DISTINCT batch_id) FROM transactions") == [(300, 1)]
        assert rows_of(db, "SELECT count(*) FROM batches") == [(1,)]
        dup = load_file(tmp_path / "a.csv", db=db)
        assert dup.duplicate and dup.batch_id == first.batch_id and dup.rows_loaded == 0
        replaced = load_file(tmp_path / "b.csv", db=db, on_overlap="replace")
        assert replaced.one_pass and replaced.replaced == [first.batch_id]
        assert rows_of(db, "SELECT count(*), min(batch_id) FROM transactions") == [(300, replaced.batch_id)]
    finally:
        store.close(db)


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not on this machine")
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.csv")) if CORPUS.exists() else [])
def test_corpus_file_is_stored_the_same_either_way(tmp_path, monkeypatch, name):
    both_ways(tmp_path, monkeypatch, CORPUS / name)


def test_a_line_further_down_with_more_cells_than_read_keeps_every_cell(tmp_path, monkeypatch):
    # The reader reads the widest of the first lines and a few spare columns; a line past those
    # lines with more cells than that is read again wider, never cut.
    rows = lines(400)
    rows[300] += ",x1,x2,x3,x4,x5,last"
    _, one = both_ways(tmp_path, monkeypatch, write(tmp_path / "wide.csv", rows))
    db = tmp_path / "wide_100.duckdb"
    try:
        (extra,), = rows_of(db, "SELECT extra_cells FROM transactions WHERE row_number = 302")
    finally:
        store.close(db)
    assert all(f'"{v}"' in extra for v in ("x1", "x2", "x3", "x4", "x5", "last")), extra
    assert one.rows_read == 400
