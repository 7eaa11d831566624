"""A column whose header lists the parts each of its cells holds, read as a column a part.

Contracts Finder's export writes each awarded supplier as one cell of six parts, under the header
"Supplier [Name|Address|Ref type|Ref Number|Is SME|Is VCSE]":
"[ACME LTD|1 High St, Preston, PR1 1AA|COMPANIES_HOUSE|01234567|Yes|No]", a block a supplier
("[A LTD|...][B LTD|...]" for a lot awarded to two). Read as it stands, the supplier's name would be
the whole cell. Any header of that form (words, then the parts' names between brackets, set apart
by '|') over cells that hold that many parts set apart by '|' (in square brackets or not) is read as
that many columns, "Supplier Name", "Supplier Address", ..., each recognised by its header and cells
as any column is. Where a row may name several entries (a contracts register: lib.ingest.registers
reads a contract with each supplier), a cell of several blocks gives each part's values in turn, set
apart by "; "; in another register a row is one entry, and such a cell is left whole. The first part
takes the column's place; the others are added after the sheet's last column. A cell holding another
number of parts is left whole where it was too: nothing in it is lost, the load says how many, and
a register quarantines its row saying why (lib.ingest.registers).
"""
from __future__ import annotations

import re

from lib.ingest.read import Sheet, mendable

# words, then the parts' names inside one pair of brackets, two or more, set apart by '|'
_LISTED = re.compile(r"^\s*(?P<base>[^\[\](){}|]*?)\s*[\[({](?P<parts>[^\[\](){}]*\|[^\[\](){}]*)[\])}]\s*$")
# SQL of cell c{i}: its blocks (each "[...]" when the cell is nothing but such blocks, side by side or
# set apart by commas or semicolons, "[A|...],[B|...]"; else the cell),
# and part {j} of each, set apart by "; "
_BLOCKS = ("CASE WHEN regexp_full_match(trim(c{i}), '(\\s*\\[[^\\[\\]]*\\]\\s*[,;]?\\s*)+') "
           "THEN regexp_extract_all(c{i}, '\\[([^\\[\\]]*)\\]', 1) ELSE [c{i}] END")
_PART = ("nullif(array_to_string(list_filter(list_transform(" + _BLOCKS + ", lambda b: trim(split_part(b, '|', {j}))), "
         "lambda x: x <> ''), '; '), '')")


def blocks_sql(i: int) -> str:
    """SQL: the blocks of cell c``i`` (a list of text)."""
    return _BLOCKS.format(i=int(i))


def fits_sql(i: int, k: int) -> str:
    """SQL: does every block of cell c``i`` hold ``k`` parts? (Both ints of ours.)"""
    return f"len(list_filter({blocks_sql(i)}, lambda b: len(string_split(b, '|')) <> {int(k)})) = 0"


def several_sql(i: int) -> str:
    """SQL: does cell c``i`` hold several blocks?"""
    return f"len({blocks_sql(i)}) > 1"
SPLIT_SHARE = 0.8  # the share of a column's filled cells that must hold its parts, as its header lists them


def listed_parts(header) -> tuple[str, list[str]] | None:
    """(the words before the list, the parts' names) when ``header`` lists its cells' parts
    ("Supplier [Name|Address|Ref Number]"), else None."""
    got = _LISTED.match(str(header)) if header else None
    if not got:
        return None
    parts = [" ".join(p.split()) for p in got["parts"].split("|")]
    return (" ".join(got["base"].split()), parts) if all(parts) else None


def _part_header(base: str, part: str) -> str:
    return f"{base} {part}" if base else part


def split_listed(cur, sheet: Sheet, headers: list, header_rn: int,
                 several: bool = True) -> tuple[list, list[str], dict]:
    """Split each column of ``sheet`` whose header lists its parts and whose cells below the header
    hold them; returns (the headers, with the parts' own; notes saying what was read so; {column split:
    (its header as written, how many parts)}: a cell of the column that still holds '|' did not hold
    them, and a register quarantines its row saying so). Identifiers are generated (c0..cN, our own
    table's names); values are bound. ``several``: a row may name several entries (a block each)."""
    notes: list[str] = []
    split: dict[int, tuple[str, int]] = {}
    headers = list(headers)
    for i, header in enumerate(list(headers)):
        listed = listed_parts(header)
        if listed is None or i >= sheet.width:
            continue
        base, parts = listed
        k = len(parts)
        table, rn = mendable(cur, sheet)
        filled, fits, blocks = cur.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {fits_sql(i, k)}), "
            f"count(*) FILTER (WHERE {fits_sql(i, k)} AND {several_sql(i)}) FROM {table} "
            f"WHERE {rn} > ? AND nullif(trim(c{i}), '') IS NOT NULL", [header_rn]).fetchone()
        if not filled or fits < SPLIT_SHARE * filled:
            continue
        w = sheet.width
        new_cols = [f"c{w + j}" for j in range(k - 1)]
        for c in new_cols:
            cur.execute("ALTER TABLE " + table + " ADD COLUMN " + c + " VARCHAR")
        # (one statement: every part is read from the cell as it was)
        cur.execute("UPDATE " + table + " SET " + ", ".join(
            f"{c} = " + _PART.format(i=i, j=j + 2) for j, c in enumerate(new_cols))
            + f", c{i} = " + _PART.format(i=i, j=1)
            + f" WHERE {rn} > ? AND " + fits_sql(i, k) + ("" if several else " AND NOT " + several_sql(i)),
            [header_rn])
        names = [_part_header(base, p) for p in parts]
        cur.execute("UPDATE " + table + " SET " + ", ".join(f"{c} = ?" for c in [f"c{i}", *new_cols])
                    + f" WHERE {rn} = ?", [*names, header_rn])
        if table == "raw_s0_t":  # (a CSV's grid: the view's columns are those of the table when it was made)
            cur.execute("CREATE OR REPLACE TEMP VIEW raw_s0 AS SELECT (rowid + 1)::INTEGER AS rn, * FROM raw_s0_t")
        sheet.width = w + len(new_cols)
        split[i] = (str(header), k)
        headers = headers + [None] * (w - len(headers)) + names[1:]
        headers[i] = names[0]
        where = f"sheet '{sheet.name}': " if sheet.name else ""
        other, apart = filled - fits, 0 if several else blocks
        whole = [f"{other:,} holding another number of parts"] if other else []
        whole += [f"{apart:,} naming several, a block each (a row here is one entry)"] if apart else []
        notes.append(f"{where}'{header}' holds {k} parts in each cell, set apart by '|': read as {k} columns, "
                     + ", ".join(f"'{n}'" for n in names)
                     + (f" (cells left whole in '{names[0]}': " + "; ".join(whole) + ")" if whole else ""))
    return headers, notes, split
