"""A savings register that writes each saving as its cashable and non-cashable parts, in two money
columns, often with their total beside them ("Cashable Saving (£)" | "Non-Cashable Saving (£)" |
"Total Saving (£)"). All three could be the amount, and the load asked a person which; with the total
chosen every saving was of no type, and with a part chosen the other part was lost. Now each part is
a saving of its type (one row of the file, two savings), the total is checked against them, and the
scorecard's cashable and non-cashable figures are the register's (lib.ingest.columns.add_saving_parts,
lib.ingest.registers)."""
from __future__ import annotations

from decimal import Decimal

from conftest import rows_of as q
from lib import store
from lib.ingest import load_file
from lib.scorecard import registers
from test_register_layouts import _fields, _write

D = Decimal

HEAD = ["Project", "Financial Year", "Category", "Cashable Saving (£)", "Non-Cashable Saving (£)", "Total Saving (£)"]
ROWS = [["Custody healthcare re-tender", "2024/25", "Custody", "20,000.00", "", "20,000.00"],
        ["Fleet tyres framework", "2024/25", "Fleet", "12,500.00", "4,000.00", "16,500.00"],
        ["Airwave handsets", "2024/25", "ICT", "", "30,000.00", "30,000.00"],
        ["Interpreters call-off", "2024/25", "Criminal Justice", "8,250.50", "1,749.50", "10,000.00"],
        ["Body armour", "2024/25", "Uniform", "0", "5,000.00", "5,000.00"],
        ["Cleaning re-let", "2024/25", "Estates", "3,000.00", "1,000.00", "5,000.00"],
        ["Total", "", "", "43,750.50", "41,749.50", "86,500.00"]]


def _savings(db) -> list[tuple]:
    return q(db, "SELECT row_number, project, saving_type, amount FROM savings ORDER BY row_number, saving_type")


def test_each_part_is_a_saving_of_its_type_and_the_total_is_checked(tmp_path, db):
    res = load_file(_write(tmp_path / "savings.csv", HEAD, ROWS), db=db, kind="savings")
    assert _fields(res)["cashable"] == "Cashable Saving (£)"
    assert _fields(res)["non_cashable"] == "Non-Cashable Saving (£)"
    assert _fields(res)["amount"] == "Total Saving (£)"
    assert _savings(db) == [
        (2, "Custody healthcare re-tender", "Cashable", D("20000.00")),
        (3, "Fleet tyres framework", "Cashable", D("12500.00")),
        (3, "Fleet tyres framework", "Non-cashable", D("4000.00")),
        (4, "Airwave handsets", "Non-cashable", D("30000.00")),
        (5, "Interpreters call-off", "Cashable", D("8250.50")),
        (5, "Interpreters call-off", "Non-cashable", D("1749.50")),
        (6, "Body armour", "Non-cashable", D("5000.00"))]
    # a total that is not its parts' sum: which of the three is wrong is for a person to say
    assert q(db, "SELECT row_number, reason, column_name FROM quarantine") == [
        (7, "'Total Saving (£)' 5,000.00 is not 'Cashable Saving (£)' 3,000.00 + "
            "'Non-Cashable Saving (£)' 1,000.00", "Total Saving (£)")]
    # nothing lost: rows read = stored + quarantined + totals, and the sums agree
    assert (res.rows_read, res.rows_loaded, res.rows_quarantined, res.rows_total_lines) == (7, 5, 1, 1)
    assert res.amount_loaded == D("81500.00") == q(db, "SELECT sum(amount) FROM savings")[0][0]
    cur = store.cursor(db)
    try:
        got = registers.savings(cur, "2024/25")
    finally:
        cur.close()
    assert (got["cashable"], got["non_cashable"]) == (D("40750.50"), D("40749.50"))


def test_parts_with_no_total_beside_them_are_the_saving(tmp_path, db):
    res = load_file(_write(tmp_path / "parts.csv", ["Initiative", "Year", "Cash releasing saving £",
                                                     "Non cash releasing saving £"],
                           [["Vehicle leasing", "2024/25", "1,000", "250"],
                            ["Energy contract", "2024/25", "", "7,500"]]), db=db, kind="savings")
    assert "amount" not in _fields(res)
    assert _savings(db) == [(2, "Vehicle leasing", "Cashable", D("1000.00")),
                            (2, "Vehicle leasing", "Non-cashable", D("250.00")),
                            (3, "Energy contract", "Non-cashable", D("7500.00"))]
    assert res.amount_loaded == D("8750.00")


def test_a_total_and_its_cashable_part_make_the_rest_non_cashable(tmp_path, db):
    load_file(_write(tmp_path / "of_which.csv", ["Project", "Financial Year", "Total Saving", "Cashable Saving"],
                     [["Print managed service", "2024/25", "10,000", "6,000"],
                      ["Legal panel", "2024/25", "4,000", ""]]), db=db, kind="savings")
    # (no part written: the total, of no type said)
    assert _savings(db) == [(2, "Print managed service", "Cashable", D("6000.00")),
                            (2, "Print managed service", "Non-cashable", D("4000.00")),
                            (3, "Legal panel", None, D("4000.00"))]


def test_parts_in_thousands_and_an_unreadable_part(tmp_path, db):
    res = load_file(_write(tmp_path / "k.csv", ["Project", "FY", "Cashable (£k)", "Cost Avoidance (£k)"],
                           [["Body worn video", "2024/25", "12.5", "3"],
                            ["Taser cartridges", "2024/25", "see note", "2"]]), db=db, kind="savings")
    assert _savings(db) == [(2, "Body worn video", "Cashable", D("12500.00")),
                            (2, "Body worn video", "Non-cashable", D("3000.00"))]
    # a part that cannot be read quarantines its saving, naming the column, as the amount's would
    assert q(db, "SELECT row_number, column_name FROM quarantine") == [(3, "Cashable (£k)")]
    assert "see note" in q(db, "SELECT reason FROM quarantine")[0][0]
    assert res.rows_quarantined == 1


def test_a_cashable_question_and_one_amount_read_as_before(tmp_path, db):
    load_file(_write(tmp_path / "typed.csv", ["Project", "Financial Year", "Cashable?", "Saving (£)"],
                     [["Fuel cards", "2024/25", "Yes", "2,000"], ["Uniform", "2024/25", "No", "1,500"]]),
              db=db, kind="savings")
    assert _savings(db) == [(2, "Fuel cards", "Cashable", D("2000.00")), (3, "Uniform", "Non-cashable", D("1500.00"))]


def test_a_column_per_year_for_a_part_is_a_saving_of_that_year_and_type(tmp_path, db):
    """(It was left to a person; a column a year and type is now read so: lib.ingest.columns.typed_year.)"""
    load_file(_write(tmp_path / "years.csv", ["Project", "Cashable 2023/24", "Cashable 2024/25"],
                     [["Fleet", "1,000", "2,000"], ["ICT", "500", "700"]]), db=db, kind="savings")
    assert q(db, "SELECT project, fy, saving_type, amount FROM savings ORDER BY project, fy") == [
        ("Fleet", "2023/24", "Cashable", D("1000.00")), ("Fleet", "2024/25", "Cashable", D("2000.00")),
        ("ICT", "2023/24", "Cashable", D("500.00")), ("ICT", "2024/25", "Cashable", D("700.00"))]


def test_a_person_who_names_a_part_as_the_amount_loads_that_part(tmp_path, db):
    load_file(_write(tmp_path / "savings.csv", HEAD, ROWS[:2]), db=db, kind="savings",
              mapping={"amount": "Cashable Saving (£)"})
    assert _savings(db) == [(2, "Custody healthcare re-tender", None, D("20000.00")),
                            (3, "Fleet tyres framework", None, D("12500.00"))]


def test_parts_read_again_from_a_remembered_mapping(tmp_path, db):
    head = ["Initiative", "Year", "Cash releasing saving £", "Non cash releasing saving £"]
    load_file(_write(tmp_path / "q1.csv", head, [["Vehicle leasing", "2024/25", "1,000", "250"]]), db=db,
              kind="savings", mapping={"cashable": "Cash releasing saving £", "non_cashable": "Non cash releasing saving £"},
              remember_mapping=True)
    # the next file of these headers: read by the mapping the first one was loaded with
    res = load_file(_write(tmp_path / "q2.csv", head, [["Energy contract", "2024/25", "300", "7,500"]]), db=db,
                    kind="savings")
    assert res.as_json()["columns"]["cashable"]["found"] == "remembered"
    assert [r for r in _savings(db) if r[1] == "Energy contract"] == [
        (2, "Energy contract", "Cashable", D("300.00")), (2, "Energy contract", "Non-cashable", D("7500.00"))]


def test_the_preview_shows_the_savings_as_they_will_be_stored(tmp_path, db):
    from lib.ingest.load import preview_file

    res, rows, problems = preview_file(str(_write(tmp_path / "savings.csv", HEAD, ROWS)), db=db, kind="savings")
    assert (res.rows_loaded, res.amount_loaded) == (5, D("81500.00"))
    got = [(r.row, r.saving_type, r.amount) for r in rows.itertuples()]
    assert got[:3] == [(2, "Cashable", D("20000.00")), (3, "Cashable", D("12500.00")), (3, "Non-cashable", D("4000.00"))]
    assert sum(a for _, _, a in got) == D("81500.00")
    assert sorted(problems["row"]) == [7, 8]  # (the quarantined row and the total line)
    assert q(db, "SELECT count(*) FROM savings") == [(0,)]  # nothing stored
