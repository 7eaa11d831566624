"""A report printed to a text file, its columns lined up with spaces rather than set apart by a delimiter.

Finance systems' "print to file" reports (a creditor payments listing, an AP report saved as .txt
or .prn) write each line's fields at fixed places:

    PAYMENT DATE  SUPPLIER NAME                        REFERENCE       AMOUNT
    ------------  -----------------------------------  ----------  ----------
    03/04/2024    ACME CLEANING LTD                    INV-101       1,250.00

Read as a CSV, each line was one cell (or split at the commas inside its sums), and the file was
refused for want of a date column. Such a text is read as a sheet whose columns are the runs of
character places that the record-like lines (three or more fields set apart by two or more spaces)
mostly fill, between gutters they mostly leave blank: a title across the gutters is a minority and
does not close them. Each line is cut at those places, so the sheet keeps one row per line (a
line's row number is its line in the file) and is read as any workbook's sheet is: header found by
its words, totals, page marks and notes as anywhere else.
"""
from __future__ import annotations

import re

# Two or more spaces part a report's fields (one space parts the words of a field)
_FIELD_GAP = re.compile(r"\S(?:.*?\S)?(?=\s{2,}|$)")
RECORD_FIELDS = 3      # a record-like line holds at least this many fields
GUTTER_SHARE = 0.75    # a place left blank by this share of the record-like lines parts two columns
MIN_RECORDS = 3        # record-like lines needed to read the layout from
MIN_COLUMNS = 3


def _fields(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _FIELD_GAP.finditer(line)]


def columns_of(text: str, sample_lines: int = 2000) -> list[tuple[int, int]] | None:
    """The columns (start, end) of a report whose fields are lined up by spaces, from its first
    ``sample_lines`` lines; None when the text is not laid out so (a delimited file, prose)."""
    lines = [ln.rstrip("\r\n").expandtabs(8) for ln in text.splitlines()[:sample_lines]]
    records = [ln for ln in lines if len(_fields(ln)) >= RECORD_FIELDS]
    if len(records) < MIN_RECORDS or len(records) < 0.3 * sum(1 for ln in lines if ln.strip()):
        return None
    width = max(len(ln) for ln in records)
    filled = [0] * width
    for ln in records:
        for a, b in _fields(ln):
            for p in range(a, b):
                filled[p] += 1
    need = (1 - GUTTER_SHARE) * len(records)
    spans, start = [], None
    for p in range(width + 1):
        used = p < width and filled[p] > need
        if used and start is None:
            start = p
        elif not used and start is not None:
            spans.append((start, p))
            start = None
    merged: list[tuple[int, int]] = []
    for a, b in spans:  # (a gutter is two places at least, as the fields' own gaps are)
        if merged and a - merged[-1][1] < 2:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    spans = merged
    if len(spans) < MIN_COLUMNS:
        return None
    # each column runs to the next one's start (a field a little wider than most stays whole)
    return [(a, spans[k + 1][0] if k + 1 < len(spans) else max(len(ln) for ln in lines) + 1)
            for k, (a, _) in enumerate(spans)]


# a field that is a number, a sum or a date: printed right-aligned, so its end says its column
_NUMBERISH = re.compile(r"^[-+(£$]*[\d.,/:-]*\d[\d.,/:-]*\)?-?(\s*(cr|dr|CR|DR))?$")
_RULE = re.compile(r"^[-=_~*.\s]+$")  # an underline or a rule across the page
_PAGE = re.compile(r"(?i)^(page|pg\.?|page\s+no\.?)$")
_DIGITS = re.compile(r"\d+")


def _line_fields(ln: str) -> list[tuple[int, int, str]]:
    """A line's fields (start, end, text), "PAGE    1" kept as one."""
    out = []
    for a, b in _fields(ln):
        text = ln[a:b]
        if out and _PAGE.match(out[-1][2]) and text.isdigit():
            a0 = out.pop()[0]
            out.append((a0, b, ln[a0:b].split()[0] + " " + text))
            continue
        out.append((a, b, text))
    return out


def grid(text: str, spans: list[tuple[int, int]]) -> list[list[str | None]]:
    """Each line of ``text`` as a row (a blank line, or a rule of dashes, an empty row). A line is cut
    into the columns ``spans`` give, each field to the column its start lies in, or its end for a
    number (printed right-aligned, a wide sum reaches left past its column's start). A line above
    the first record-like one (a title, the report's dates) is its fields from the first column on,
    as a title typed into a sheet's first cells is; such a line printed again at the head of each
    page (its figures, the page's number, aside) is one cell, read as a note among the lines."""
    out, seen_record = [], False
    starts = [a for a, _ in spans]

    def column_at(p: int) -> int:
        k = 0
        while k + 1 < len(starts) and starts[k + 1] <= p:
            k += 1
        return k

    titles = set()  # the lines above the first record-like one, their figures aside (a page's number, a date)
    for ln in text.splitlines():
        ln = ln.rstrip("\r\n").expandtabs(8)
        if not ln.strip() or _RULE.match(ln):
            out.append([])
            continue
        fields = _line_fields(ln)
        seen_record = seen_record or len(fields) >= RECORD_FIELDS
        shape = _DIGITS.sub("9", " ".join(ln.split()))
        if not seen_record:  # a title: as a title is typed into a sheet's first cells
            titles.add(shape)
            out.append([t for _, _, t in fields])
            continue
        if shape in titles:  # the title printed again at the head of a page: one cell, a note
            out.append(["  ".join(t for _, _, t in fields)])
            continue
        cells: list[str | None] = [None] * len(spans)
        for a, b, t in fields:
            if _RULE.match(t):
                continue
            k = column_at(b - 1 if _NUMBERISH.match(t) else a)
            cells[k] = t if cells[k] is None else cells[k] + " " + t
        out.append(cells)
    return out
