"""m104 and m105 write the date, amount and period readings so that DuckDB plans each once: every rewritten macro
must read every cell exactly as the definition it replaces did (the older definitions are taken
from the migrations themselves and compared, cell for cell, NULL for NULL, on some fifty thousand
cells of every shape the readings know and of none), and the expanded statement must be a fraction
of the size it was (the size is what planning cost; no timing is asserted)."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from lib import store

MIGRATIONS = Path(__file__).resolve().parent.parent / "lib" / "migrations"
# What m104 and m105 redefine, and parse_amount (unchanged) over the two it calls.
REWRITTEN = ["parse_uk_date", "date_order", "parse_us_date", "_parse_amount_uk", "_uk_past_penny",
             "amount_past_penny", "parse_amount_eu", "amount_form", "parse_amount",
             "_period_range", "_period_quarter", "parse_period", "fy_period_number"]


def _older(name: str) -> str:
    """The last definition of ``name`` before m104 (m105's macros were not touched by m104), as its
    migration wrote it."""
    found = None
    for f in sorted(MIGRATIONS.glob("m*.sql")):
        if f.name >= "m104":
            break
        for m in re.finditer(r"CREATE OR REPLACE MACRO " + re.escape(name) + r"\(.*?;\s*$", f.read_text(),
                             re.S | re.M):
            found = m.group(0)
    assert found, name
    return found


def _as_old(sql: str) -> str:
    for n in REWRITTEN:
        sql = re.sub(r"(?<![\w])" + re.escape(n) + r"\(", "old" + n + "(", sql)
    return sql


def _cells(n: int = 50_000) -> list[str | None]:
    rnd = random.Random(104)
    days = ["1", "01", "9", "12", "13", "28", "29", "30", "31", "32", "1st", "2nd", "23rd"]
    months = ["1", "01", "02", "12", "13", "Jan", "jan", "Sept", "Sep", "September", "MAY", "Feb."]
    years = ["2023", "23", "1999", "99", "2101", "0"]
    seps = ["/", "-", ".", " ", ", ", "  "]
    pre = ["", "", "", "Mon ", "Tuesday, ", "Wed. ", " "]
    post = ["", "", " 00:00:00", "T12:30", " 10:15", "x"]
    marks = ["", "", "£", "Â£", "$", "€", "GBP ", "EUR"]
    sign = ["", "", "-", "−", "–", "+"]
    tail = ["", "", "-", "CR", " DR", " CR", "DR", ")"]
    out: list[str | None] = [None, "", " ", "-", "£-", "- £", "N/A", "nil", "0", "00000", "45123", "45123.5",
                             "20230415", "202304", "1E3", "1e-3", "12.345", "1,234.567", "1.234,56", "1 234,56"]
    while len(out) < n:
        k = rnd.random()
        if k < 0.35:  # a date in some shape
            a, b = rnd.choice(days), rnd.choice(months)
            if rnd.random() < 0.3:
                a, b = b, a
            s = rnd.choice(pre) + a + rnd.choice(seps) + b + rnd.choice(seps) + rnd.choice(years) + rnd.choice(post)
            if rnd.random() < 0.15:
                s = rnd.choice(years) + rnd.choice(["-", "/"]) + rnd.choice(["1", "04", "13"]) + rnd.choice(["-", "/"]) \
                    + rnd.choice(days) + rnd.choice(post)
        elif k < 0.5:  # a period in some shape: a month, a financial year's period, a range, a quarter
            m = rnd.choice(["APR", "Apr", "april", "Sept", "SEP", "Dec", "Jan", "JUNE", "Feb.", "Mar"])
            m2 = rnd.choice(["Jun", "MAR", "September", "Feb", "Dec", "Jan"])
            y, fy = rnd.choice(["2023", "23", "'23", "1999", "2100"]), rnd.choice(["2023/24", "2019-20", "2022/2023",
                                                                                   "2023/25", "FY2023/24", "2023 - 24"])
            q, p = rnd.choice(["Q1", "Q4", "QTR 2", "Quarter 3", "q5", "Q.2"]), rnd.choice(["P1", "P13", "Period 13",
                                                                                           "M5", "PD 09", "P17", "12"])
            sep = rnd.choice(["", " ", "-", " - ", "/", " to ", ", ", " & "])
            s = rnd.choice([m + sep + y, y + sep + m, rnd.choice(["202304", "2023-04", "04/2023", "2023.4", "13/2023"]),
                            p + sep + fy, fy + sep + p, q + sep + fy, fy + sep + q, q + sep + y, y + sep + q,
                            m + sep + m2 + " " + y, m + " " + y + sep + m2 + " " + y, m + sep + m2 + " " + fy, p])
            if rnd.random() < 0.2:
                s = " " + s.lower() + " "
        elif k < 0.8:  # an amount in some shape
            whole = str(rnd.choice([0, 7, 12, 999, 1000, 12345, 1234567, 98765432109]))
            if rnd.random() < 0.5 and len(whole) > 3:
                g = rnd.choice([",", ".", " ", "\u00a0", "_"])
                whole = f"{int(whole):,}".replace(",", g)
            frac = rnd.choice(["", ".5", ".50", ".05", ".123", ".1250", ",50", ",123", ".999", "E2", "e-2", ".5E1"])
            core = whole + frac
            s = rnd.choice(sign) + rnd.choice(marks) + core + rnd.choice(tail)
            if rnd.random() < 0.2:
                s = "(" + rnd.choice(marks) + core + ")"
            if rnd.random() < 0.1:
                s = " " + s + " "
        else:  # anything made of the characters the readings look at
            s = "".join(rnd.choice("0123456789,.£$€()-− /:ECRDR eMonSept\u00a0x'") for _ in range(rnd.randint(1, 14)))
        out.append(s)
    return out


@pytest.fixture(scope="module")
def cur(tmp_path_factory):
    path = tmp_path_factory.mktemp("m104") / "s.duckdb"
    con = store.connect(path)
    c = con.cursor()
    for n in REWRITTEN:
        c.execute(_as_old(_older(n)).replace("MACRO old", "TEMP MACRO old", 1))
    c.execute("CREATE TEMP TABLE cells AS SELECT unnest(?::VARCHAR[]) AS v", [_cells()])
    yield c
    c.close()
    store.close(path)


_LATER = ("(coalesce(other_currency(v) IS NOT NULL, FALSE) OR coalesce(_zoned_instant(trim(v)), FALSE) "
          "OR regexp_matches(coalesce(trim(v), ''), '(?i)\\d{1,2}(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\d'))")


@pytest.mark.parametrize("call", ["parse_uk_date({})", "parse_us_date({})", "date_order({})", "parse_amount({})",
                                  "parse_amount_eu({})", "amount_past_penny({}, FALSE)", "amount_past_penny({}, TRUE)",
                                  "amount_form({})", "_parse_amount_uk({})", "_uk_past_penny({})",
                                  "parse_period({})", "fy_period_number({})", "_period_range(upper(trim({})))",
                                  "_period_quarter(upper(trim({})))"])
def test_each_reading_reads_every_cell_as_before(cur, call):
    """(except the cells a later migration reads otherwise on purpose: a sum in another currency is not
    pounds, m109; a date run together, 01APR2024, is a date, m110; an instant in UTC is its UK day, m115)"""
    new, old = call.format("v"), "old" + call.format("v")
    differ, read, n = cur.execute(f"SELECT count(*) FILTER (WHERE ({new}) IS DISTINCT FROM ({old}) AND NOT {_LATER}), "
                                  f"count({new}), count(*) FROM cells").fetchone()
    assert n >= 50_000
    assert read >= 500, f"{call} read too few cells to show anything ({read})"
    if differ:
        rows = cur.execute(f"SELECT v, ({new})::VARCHAR, ({old})::VARCHAR FROM cells "
                           f"WHERE ({new}) IS DISTINCT FROM ({old}) AND NOT {_LATER} LIMIT 5").fetchall()
        pytest.fail(f"{call}: {differ} cells read differently, e.g. {rows}")


def test_the_readings_as_planned_are_a_fraction_of_their_size(cur):
    """The expanded statement's regular expressions, each compiled when DuckDB plans it."""
    def regexes(expr: str) -> int:
        return cur.execute(f"EXPLAIN SELECT {expr} FROM cells").fetchall()[0][1].count("regexp_")
    assert regexes("parse_uk_date(v)") <= 30 < 2 * 30 <= regexes("oldparse_uk_date(v)")
    assert regexes("parse_amount(v)") * 2 <= regexes("oldparse_amount(v)")
    assert regexes("parse_us_date(v)") * 2 <= regexes("oldparse_us_date(v)")
    assert regexes("parse_period(v)") * 2 <= regexes("oldparse_period(v)")
