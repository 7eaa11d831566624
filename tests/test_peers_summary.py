"""The Peers page's largest shared suppliers read from spend by year, body and supplier key with
redacted lines kept apart (m082, lib.summary_pages): the same table as the lines give, after loads
and a removal, with redacted lines of every body left out."""
from __future__ import annotations

from decimal import Decimal

from lib import peers, store, summary
from lib.ingest import load_file
from lib.ingest.load import remove_batch

HEAD = "Date,Supplier Name,Supplier ID,Amount,Department,Expense Type,Body\n"
FORCE_2019 = (HEAD +
              "01/05/2019,Ribble Vans Ltd,S1,100.00,Fleet,Vehicles,Lancashire Constabulary\n"
              "02/05/2019,Ribble Vans Limited,S1,30.00,Fleet,Vehicles,Lancashire Constabulary\n"
              "03/05/2019,Wigan Fuel,,50.00,,Fuel,Lancashire Constabulary\n"
              "04/05/2019,REDACTED PERSONAL DATA,,700.00,,Interpreters,Lancashire Constabulary\n"
              "05/05/2019,Only The Force Ltd,,9.00,,Fuel,Lancashire Constabulary\n")
CUMBRIA_2019 = (HEAD +
                "01/05/2019,RIBBLE VANS LTD,S1,-20.50,Fleet,Vehicles,Cumbria Constabulary\n"
                "02/05/2019,Wigan Fuel,,80.10,Estates,Fuel,Cumbria Constabulary\n"
                "03/05/2019,Wigan Fuel Ltd,,1.00,Estates,Fuel,Cumbria Constabulary\n"
                "04/05/2019,REDACTED PERSONAL DATA,,900.00,,Interpreters,Cumbria Constabulary\n")
DEVON_2020 = (HEAD +
              "05/05/2020,Ribble Vans Ltd,S1,300.00,Fleet,Vehicles,Devon County Council\n"
              "06/05/2020,REDACTED PERSONAL DATA,,5.00,,Interpreters,Devon County Council\n")
FORCE_2020 = (HEAD + "05/05/2020,Ribble Vans Ltd,S1,3.00,Fleet,Vehicles,Lancashire Constabulary\n"
              "06/05/2020,REDACTED PERSONAL DATA,,5.00,,Interpreters,Lancashire Constabulary\n")


def both_ways(cur) -> dict:
    """Every shared-suppliers table (each year and all years) from the summaries, after checking it is
    the one the lines give."""
    out = {}
    for fy in ("2019/20", "2020/21", "2021/22", None):
        summary.ENABLED = True
        try:
            assert summary.answers(cur, "spend_by_body_supplier", None)
            summed = peers.shared_suppliers(cur, fy)
            summary.ENABLED = False
            read = peers.shared_suppliers(cur, fy)
        finally:
            summary.ENABLED = True
        assert summed.equals(read), fy
        out[fy] = summed
    return out


def test_shared_suppliers_read_from_the_summary_are_those_of_the_lines(fresh_db, tmp_path):
    for name, text in (("force_2019-05.csv", FORCE_2019), ("cumbria_2019-05.csv", CUMBRIA_2019),
                       ("devon_2020-05.csv", DEVON_2020), ("force_2020-05.csv", FORCE_2020)):
        (tmp_path / name).write_text(text)
        load_file(tmp_path / name, db=fresh_db)
    cur = store.cursor(fresh_db)
    # Redacted lines are kept apart in the summary, every line counted once.
    assert cur.execute("SELECT sum(lines) FILTER (WHERE is_redacted), sum(lines), sum(amount) "
                       "FROM spend_by_body_supplier").fetchone() == \
        cur.execute("SELECT count(*) FILTER (WHERE is_redacted), count(*), sum(amount) FROM transactions").fetchone()
    shared = both_ways(cur)
    y19 = shared["2019/20"].set_index("supplier")
    # Wigan Fuel and Ribble Vans are paid by the force and Cumbria; redacted lines (every body has
    # some) and a supplier only the force paid are not shared suppliers.
    assert sorted(y19.index) == ["Ribble Vans Ltd", "Wigan Fuel"]
    assert y19.loc["Ribble Vans Ltd", "Lancashire Constabulary"] == Decimal("130.00")
    assert y19.loc["Ribble Vans Ltd", "Cumbria Constabulary"] == Decimal("-20.50")
    assert y19.loc["Wigan Fuel", "total"] == Decimal("131.10")
    assert list(shared["2021/22"].columns) == ["supplier", "bodies", "total", "supplier_keys", "body_keys"]
    # Over every year Ribble Vans is paid by three bodies.
    assert shared[None].set_index("supplier").loc["Ribble Vans Ltd", "bodies"] == 3
    # A batch removed: the summaries are rebuilt and still agree with the lines.
    batch = cur.execute("SELECT batch_id FROM batches WHERE file_name = 'cumbria_2019-05.csv'").fetchone()[0]
    cur.close()
    remove_batch(batch, db=fresh_db)
    cur = store.cursor(fresh_db)
    assert both_ways(cur)["2019/20"].empty
    cur.close()
