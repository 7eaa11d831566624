"""Registers (suppliers, contracts, savings) through the same reader, mapping and quarantine as spend.

Each field is parsed by its type (text, money, date, int, pct, bool); a row is quarantined when a
required field is missing or a typed cell holds text that is not of its type, naming the column.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from lib import format as fmt
from lib.ingest import columns as colmod
from lib.ingest import listed
from lib.ingest.columns import (POUNDS_CELL, SAVING_COSTS, Kind, Mapping, fy_text, header_scale, in_order_words_sql,
                                names_a_years_value, names_currency, row_sql, tokens, typed_year)
from lib.ingest.read import mendable
from lib.suppliers import TRADING_AS_RE

_PARSE = {
    "text": "nullif(trim({c}), '')",
    # (m102) as spend reads them, or as registers write them ("£1.5m", "Up to £250,000", "April 2023");
    # a placeholder ("TBC", "N/A", "-") in any of them is an empty cell, not a reason to quarantine
    "money": "parse_register_money({c})",
    "date": "parse_register_start({c})",
    "int": "parse_register_int({c})",
    "pct": "parse_register_pct({c})",
    "bool": "parse_register_bool({c})",
}
# Fields read otherwise than their type says: an end date written as a month ends on its last day
# ("Ongoing" is open-ended); an SME answer may be the supplier's size (Micro, Small, Medium; Large);
# a VCSE answer may be the organisation's form ("Charity", "CIC": m167).
_FIELD_PARSE = {
    ("contracts", "end_date"): "parse_register_end({c})",
    ("contracts", "end_now"): "parse_register_end({c})",
    ("contracts", "end_early"): "parse_register_end({c})",
    ("suppliers", "is_sme"): "parse_sme({c})",
    ("suppliers", "is_vcse"): "parse_vcse({c})",
}
# A column that names the arrangement ("Framework", "Consortium", "Buying organisation") says yes by
# naming one; a column that asks the question ("Collaborative", "Joint procurement?") by yes or no or
# the words that answer it ("Regional", "Force only"; "maybe" there is no answer, and is quarantined
# as one). A route's text is read for them too, where the store decides collaboration (m107).
_ARRANGEMENT_WORDS = {"framework", "consortium", "buying", "organisation", "organization", "agreement"}
# A name cell holding the name and its details ("Supplier Name and Details", as the Transparency Code's
# contracts register has it): the name is its first line (staged), up to the details written after it
# on that line ("Acme Ltd, 1 High St, Preston PR1 1AA": m125's register_name_of, read of each name as
# stored, CONTRACTS_STORED and SUPPLIERS_STORED, after a cell naming several suppliers is split).
_NAME_FIELDS = {("contracts", "supplier_name"), ("suppliers", "name")}
_FIRST_LINE = "register_first_line({c})"
# (a contract's cell with a supplier a line, each with its own details: every line, m144)
_SUPPLIER_LINES = "register_supplier_lines({c})"
# Facts a record carries beside what makes it one: a contract's value, weightings and collaboration,
# a supplier's size and answers. A cell of one that cannot be read ("10% of quality", "Don't know",
# "<2") leaves that fact empty (unknown) and says so; it no longer quarantines the whole record (a
# contract's spend then went off contract for want of a weighting). A record's dates still must
# read: an end left empty would make a contract run for ever.
def _soft(kind: Kind, f: str) -> bool:
    return f not in kind.required and kind.types.get(f, "text") not in ("text", "date") and f not in _PARTS


# A saving's cashable and non-cashable parts (lib.ingest.columns.add_saving_parts): each stored as a
# saving of its type. A part that cannot be read quarantines its saving, as its amount would.
_PARTS = ("cashable", "non_cashable")


_WHAT = {"money": "a sum of money", "date": "a real date (day/month/year)", "int": "a whole number",
         "pct": "a percentage", "bool": "yes or no"}


# A date column written month first (04/15/2024), as spend's are read (lib.ingest.load): read so
# throughout when some of its dates can only be month first and none can only be day first.
_MONTH_FIRST = {"date": "coalesce(parse_us_date({c}), _register_month({c}))",
                "end": "coalesce(parse_us_date({c}), last_day(_register_month({c})))"}


def month_first_columns(cur, table: str, m: Mapping, kind: Kind, lo: int, hi: int) -> set[int]:
    """The date columns of a register segment written month first (see _MONTH_FIRST). Identifiers
    are generated (c0..cN); the bounds are bound values."""
    cols = sorted({int(i) for f, i in m.columns.items() if i is not None and kind.types.get(f) == "date"})
    if not cols:
        return set()
    got = cur.execute("SELECT " + ", ".join(
        f"count(*) FILTER (WHERE date_order(clean_text(c{i})) = 'mdy') > 0 AND "
        f"count(*) FILTER (WHERE date_order(clean_text(c{i})) = 'dmy') = 0" for i in cols)
        + " FROM " + table + " WHERE rn > ? AND rn <= ?", [lo, hi]).fetchone()
    return {i for i, yes in zip(cols, got) if yes}


# Both weightings read from one column of the evaluation in words (m146)
_WEIGHTINGS_IN_WORDS = {"quality_pct": "criteria_quality({c})", "social_value_pct": "criteria_social_value({c})"}
# A UK postcode as a register's cells write one, in capitals, spaced or not: the one pattern for a postcode
# found in an address (SUPPLIERS_STORED) and one made of two columns' halves (_field_parse)
_OUTWARD, _POSTCODE = colmod.OUTWARD, colmod.POSTCODE


def _field_parse(kind: Kind, f: str, m: Mapping, month_first: set = frozenset()) -> tuple[str, str, bool]:
    """(the cell, the SQL that reads it with {c} for the cell, whether it is read from another
    field's column) for field ``f`` of a register segment mapped by ``m``; ``month_first``: its date
    columns written month first."""
    i = m.columns.get(f)
    cell = "NULL::VARCHAR" if i is None else f"c{i}"
    if m.joined.get(f):  # written over several columns, a line each (columns.add_spread_lines): joined
        parts = [f"nullif(trim(c{int(j)}), '')" for j in m.joined[f]]
        # (lines of an address by a comma; a name carried on into the next column by a space)
        cell = "nullif(concat_ws('" + (", " if f in kind.spread else " ") + "', " + ", ".join(parts) + "), '')"
        if f == "postcode":
            # a postcode's two halves in two columns ("Postcode 1" | "Postcode 2": "PR1" | "2AB"): one
            # postcode when they make one, else the first column's as it is (two sites' postcodes)
            whole = "concat_ws(' ', " + ", ".join(parts) + ")"
            cell = (f"CASE WHEN regexp_full_match(upper({whole}), '{_POSTCODE}') THEN {whole} "
                    f"ELSE {parts[0]} END")
    t = kind.types.get(f, "text")
    if i is not None and i == m.weightings_in_words and f in _WEIGHTINGS_IN_WORDS:
        # the evaluation written out (columns.add_weightings_in_words): a cell that names no such weighting
        # gives none, and is no cell that could not be read (said once: _weightings_in_words_note); or its
        # weightings in the turn its header names them, written so (columns.add_weightings_in_order)
        if m.weightings_in_order:
            cell = in_order_words_sql(cell, m.weightings_in_order)
        return cell, _WEIGHTINGS_IN_WORDS[f], True
    parse = _FIELD_PARSE.get((kind.name, f)) or (
        (_SUPPLIER_LINES if kind.name == "contracts" else _FIRST_LINE) if (kind.name, f) in _NAME_FIELDS else _PARSE[t])
    if t == "date" and i is not None and int(i) in month_first:
        # (an end, as _FIELD_PARSE reads it, written as a month ends on the month's last day)
        return cell, _MONTH_FIRST["end" if parse == _FIELD_PARSE[("contracts", "end_date")] else "date"], False
    if (kind.name, f) == ("contracts", "collaborative"):
        if _ARRANGEMENT_WORDS & set(tokens(m.header_of(f))):
            return cell, "parse_collaborative({c})", False
        route = m.columns.get("route")
        if i is None and route is not None and _ARRANGEMENT_WORDS & set(tokens(m.header_of("route"))):
            # no column says it, and the route's names the framework let through ("Framework":
            # Bluelight Commercial): a framework named is a collaborative arrangement (read from the
            # route's cell, which is checked as the route)
            return f"c{int(route)}", "parse_collaborative({c})", True
        # a column that asks: yes or no, or words that answer it ("Regional", "Force only": m107)
        parse = "parse_collaborative_answer({c})"
    if (kind.name, f) == ("contracts", "duration"):
        # a bare number is in the unit its header gives, months unless it says years; a cell that
        # says its unit ("3 years", "36 months") keeps it; a term with its options ("2+1+1") with no
        # unit from the cell or the header is in years up to 5 (m119). (The unit: a fixed letter.)
        header = m.header_of(f) or ""
        unit = ("y" if re.search(r"\b(years?|yrs?)\b", header, re.I)
                else "m" if re.search(r"\b(months?|mths?)\b", header, re.I) else "a")
        return cell, "parse_term_months({c}, '" + unit + "')", False
    scale = header_scale(m.headers[i] if i is not None and i < len(m.headers) else None) if t == "money" else None
    if scale:
        parse = "parse_register_money_scaled({c}, '" + scale + "')"  # (the scale: a fixed letter)
    if (kind.name, f) == ("savings", "amount") and m.months:
        # a register laid out by month: its total where a column gives one, else the months' sum (a
        # total that is not their sum is quarantined: stage_register)
        # (_months_read: the months read once, below the segment's SELECT: _segment_sql; a dozen cells
        # read again in each place the amount is written ran past DuckDB's expression depth)
        months = ("CASE WHEN len(list_filter(_months_read, lambda x: x.a IS NOT NULL)) > 0 THEN "
                  "list_sum(list_transform(_months_read, lambda x: coalesce(x.a, 0))) END")
        parse = ("coalesce(" + (parse if i is not None else "NULL") + ", " + months.replace("{", "{{").replace("}", "}}")
                 + ")")
    elif (kind.name, f) == ("savings", "amount") and any(m.columns.get(p) is not None for p in _PARTS):
        # a saving written as its cashable and non-cashable parts: its total where a column gives
        # one, else the parts' sum (a total that is not their sum is quarantined: stage_register)
        reads = [parse_p.format(c=cell_p) for cell_p, parse_p, _ in
                 (_field_parse(kind, p, m) for p in _PARTS if m.columns.get(p) is not None)]
        parts = "CASE WHEN " + " OR ".join(f"({r}) IS NOT NULL" for r in reads) + " THEN " + " + ".join(
            f"coalesce({r}, 0)" for r in reads) + " END"
        parse = ("coalesce(" + (parse if i is not None else "NULL") + ", " + parts.replace("{", "{{").replace("}", "}}")
                 + ")")
    elif (kind.name, f) == ("savings", "amount") and m.by_costs():
        # a saving written as the cost before and the cost after (columns.add_saving_costs): the one less the other
        before, after = (_field_parse(kind, c, m) for c in SAVING_COSTS)
        parse = "(" + before[1].format(c=before[0]) + ") - (" + after[1].format(c=after[0]) + ")"
        parse = parse.replace("{", "{{").replace("}", "}}")
    return cell, parse, False


_MONTHS_TYPE = "STRUCT(mo INTEGER, yr INTEGER, a DECIMAL(14,2), t VARCHAR)[]"


def _month_parse(m: Mapping, i: int) -> str:
    """The sum in month column ``i`` (its header's scale, if it gives one)."""
    scale = header_scale(m.headers[i] if i < len(m.headers) else None)
    return f"parse_register_money_scaled(c{int(i)}, '{scale}')" if scale else f"parse_register_money(c{int(i)})"


def _months_sql(m: Mapping) -> str:
    """A savings row's sums by month [{mo, yr (None: the row's financial year's), a}], or NULL when the
    register is not laid out by month. (Months and years: ints of the mapping; cells: c0..cN.)"""
    if not m.months:
        return "NULL::" + _MONTHS_TYPE
    # (a type its header says, colmod.add_saving_months: one of the two fixed words, written as a literal)
    types = {i: "'" + yt[1] + "'" for i, _, _ in m.months
             if (yt := typed_year(m.headers[i] if i < len(m.headers) else None)) and yt[1] in ("Cashable", "Non-cashable")}
    return ("CAST([" + ", ".join("{'mo': " + str(int(mo)) + ", 'yr': " + (str(int(y)) if y else "NULL") + ", 'a': "
                                 + _month_parse(m, i) + ", 't': " + types.get(i, "NULL") + "}"
                                 for i, mo, y in m.months) + "] AS " + _MONTHS_TYPE + ")")


def _segment_sql(table: str, width: int, m: Mapping, kind: Kind, month_first: set = frozenset()) -> tuple[str, list]:
    """SELECT of one segment: rn, each field parsed, each typed field's raw text, and the first problem.
    Identifiers are generated (c0..cN and the kind's own field names); values stay data."""
    # Each field is read once, in the inner SELECT (_p_<field>), and the checks below name the reading:
    # a register cell's reading is a large expression once its macros are expanded, and writing it
    # again in each check made DuckDB plan it four times over (a two-row file took seconds to stage).
    cols, checks, params, reads = [], [], [], []
    for f in kind.fields:
        t = kind.types.get(f, "text")
        cell, parse, derived = _field_parse(kind, f, m, month_first)
        reads.append(parse.format(c=cell) + " AS _p_" + f)
        cols.append("_p_" + f + " AS " + f)
        raw = f"nullif(trim({cell}), '')"
        label = kind.labels[f]
        if f in kind.required and f not in kind.may_be_blank:
            checks.append((f"_p_{f} IS NULL", "'no ' || ?", [label.lower()], m.header_of(f)))
        if (kind.name, f) == ("contracts", "duration"):  # as written, for the note on terms with options
            cols.append(raw + " AS _raw_" + f)
        if t != "text" and derived:
            cols.append("NULL::VARCHAR AS _raw_" + f)
        elif t != "text":
            cols.append(raw + " AS _raw_" + f)
            # (a sum by the year is no contract's value, and no reason to quarantine the contract: m108)
            per = f" AND NOT register_per_period({cell})" if t == "money" else ""
            bad = f"{raw} IS NOT NULL AND NOT register_blank({cell}){per} AND _p_{f} IS NULL"
            if _soft(kind, f):
                cols.append(f"coalesce({bad}, FALSE) AS _bad_{f}")
            else:
                checks.append((bad, "? || ' ''' || " + raw + " || ''' is not ' || ?", [label, _WHAT[t]], m.header_of(f)))
    # a cell of a column read a part a column (lib.ingest.listed) that did not hold the parts its header
    # lists is left whole, and its row is not an entry until a person says what it holds
    for i, (header, k) in m.listed.items():
        if i in m.columns.values():
            checks.insert(0, (f"c{int(i)} LIKE '%|%'", "? || CASE WHEN " + listed.several_sql(i) + " AND "
                              + listed.fits_sql(i, k) + " THEN ' names ' || len(" + listed.blocks_sql(i)
                              + ") || ' in one cell, a block each: a row of this register is one entry' "
                              "ELSE ' holds ' || len(string_split(c" + str(int(i)) + ", '|')) || ' parts set apart by "
                              "''|'', not the ' || ? || ' its header lists' END",
                              [f"'{header}'", str(int(k))], header))
    if kind.name == "savings":  # a register laid out by month (columns.add_saving_months): each month's sum
        cols.append(("_months_read" if m.months else "NULL::" + _MONTHS_TYPE) + " AS _months")
        for k, (i, _, _) in enumerate(m.months):
            cell, raw = f"c{int(i)}", f"nullif(trim(c{int(i)}), '')"
            bad = f"{raw} IS NOT NULL AND NOT register_blank({cell}) AND _months_read[{k + 1}].a IS NULL"
            checks.append((bad, "? || ' ''' || " + raw + " || ''' is not ' || ?", [m.label(i), _WHAT["money"]],
                           m.label(i)))
    all_cells = ", ".join(f"c{i}" for i in range(width))
    reason = "CASE " + " ".join(f"WHEN {cond} THEN {expr}" for cond, expr, _, _ in checks) + " END" if checks else "NULL"
    column = "CASE " + " ".join(f"WHEN {cond} THEN ?" for cond, _, _, _ in checks) + " END" if checks else "NULL"
    for _, _, p, _ in checks:
        params += p
    for _, _, _, header in checks:
        params.append(header)
    first = f"list_filter([{all_cells}], lambda x: nullif(trim(x), '') IS NOT NULL)[1]"
    filled = f"list_transform([{all_cells}], lambda x: nullif(trim(x), '') IS NOT NULL)"
    source = (f"(SELECT *, {_months_sql(m)} AS _months_read FROM {table})" if kind.name == "savings" and m.months
              else table)
    # (the row bounds, the last two values, are the inner SELECT's, at the end of the text)
    sql = ("SELECT ?::VARCHAR AS sheet, ?::VARCHAR AS _named_fy, rn, " + ", ".join(cols) + ", " + reason + " AS reason, "
           + column + " AS column_name, " + first + " AS first_cell, list_count(list_filter(" + filled
           + ", lambda x: x)) AS _filled, list_position(" + filled + ", TRUE) AS _first_col, "
           # (every cell written a figure: a total with no label, below the entries)
           + "len(list_filter([" + all_cells + "], lambda x: nullif(trim(x), '') IS NOT NULL AND NOT "
           "regexp_full_match(trim(x), '[-(£]*[\\d,]+(\\.\\d+)?\\)?'))) = 0 AS _sums_only FROM (SELECT *, "
           + ", ".join(reads) + " FROM " + source
           + " WHERE rn > ? AND rn <= ? AND nullif(trim(concat_ws('', " + all_cells + ")), '') IS NOT NULL)")
    return sql, params


def _other_currencies(cur, plans, kind: Kind, amount: str | None) -> None:
    """An entry whose sum a column beside it says is in another currency ("CONTRACT_CURRENCY" = EUR in
    an OJEU extract): quarantined, saying so, as a spend line in another currency is; the store holds
    sums in pounds (the euros were stored as pounds, without a word). A column is a currency's when
    its header is a currency's word and no field was taken from it."""
    if amount is None:
        return
    for plan in plans:
        for header_rn, last_rn, m in plan.segments:
            if m.columns.get(amount) is None:
                continue
            used = set(m.columns.values())
            cols = [i for i, h in enumerate(m.headers) if i not in used and names_currency(h)]
            if len(cols) != 1:
                continue
            c = int(cols[0])
            cur.execute(
                "UPDATE staged SET reason = ? || ' ''' || trim(_raw_" + amount + ") || ''' is in ' || r.ccy "
                "|| ', as its ''' || ? || ''' column says: the store holds sums in pounds; give the sum in pounds', "
                "column_name = ? FROM (SELECT rn AS _ccy_rn, clean_text(c" + str(c) + ") AS ccy FROM "
                + plan.sheet.table + " WHERE rn > ? AND rn <= ?) r WHERE staged.sheet = ? AND staged.rn = r._ccy_rn "
                "AND staged.reason IS NULL AND staged." + amount + " IS NOT NULL AND r.ccy IS NOT NULL "
                "AND NOT regexp_full_match(r.ccy, ?)",
                [kind.labels[amount].lower(), m.label(c), m.header_of(amount), header_rn, last_rn, plan.sheet.name,
                 POUNDS_CELL])


# Which register a number is of, as a register's type column names it ("Company", "Companies House",
# "Charity", "Charity Commission", "OSCR"): company, charity, or another (an FCA mutual's number).
_REG_PART_SPLIT = r"\s*[/;&]\s*|\s+and\s+"
_REG_KIND = ("list_transform([lower(replace(coalesce({t}, ''), '_', ' '))], lambda t: CASE "
             "WHEN regexp_matches(t, '\\b(charit(y|ies|able)|oscr|ccni)\\b') "
             "AND NOT regexp_matches(t, '\\bcompan(y|ies)\\b') THEN 'charity' "
             "WHEN regexp_matches(t, '\\b(compan(y|ies)|llp|cic|plc|ltd|limited)\\b') THEN 'company' "
             "ELSE 'other' END)[1]")
_TYPE_CELL = r"(?i).*\b(compan(y|ies)|charit(y|ies|able)|oscr|ccni|fca|mutual|society|llp|cic|plc)\b.*"
# A registry's own name, no type of the supplier's (a type column taken for the VCSE type is cleared of it)
_REGISTRY_NAME = r"(?i)\W*(compan(y|ies) house|registrar of companies|charit(y|ies) commission(er)?( for [a-z ]+)?|oscr|ccni)\W*"


def _registration_types(cur, plans, kind: Kind) -> None:
    """A supplier register's one column of registration numbers ("Registration number") beside a column
    saying whose register each is ("Registration type" = Company, Charity; "Registered with" = Charity
    Commission / Companies House, parts in the numbers' order): each number is the company's or the
    charity's, as its type says. Read as company numbers every one, a charity's number placed the
    charity among companies. The type column is one no other field took (or the VCSE type, which a
    registry's name is not, and is cleared of it) whose cells, nine in ten, name a registry or a legal
    form, written with spaces or underscores (Contracts Finder's COMPANIES_HOUSE). With no column taken
    for the company's number, the numbers are the one taken for the supplier's ID ("Ref Number" beside
    "Ref type", Contracts Finder's packed supplier): a number a registry's is no ID of the publisher's."""
    if kind.name != "suppliers":
        return
    for plan in plans:
        for header_rn, last_rn, m in plan.segments:
            num = m.columns.get("company_number")
            from_id = num is None and m.columns.get("supplier_id") is not None
            num = m.columns.get("supplier_id") if from_id else num
            if num is None or {"company", "companie", "co", "house", "crn"} & set(tokens(m.headers[num] if num < len(m.headers) else "")):
                continue  # (a column headed as the company's number is the company's)
            used = {i for f, i in m.columns.items() if f != "vcse_type"}
            free = [i for i in range(plan.sheet.width) if i not in used]
            if not free:
                continue
            # (every free column in one pass: its filled cells, and those naming a registry or a legal form)
            got = cur.execute(
                "SELECT " + ", ".join(f"count(clean_text(c{i})), count(*) FILTER (WHERE regexp_full_match("
                                      f"replace(clean_text(c{i}), '_', ' '), $1))"
                                      for i in free)
                + " FROM " + plan.sheet.table + " WHERE rn > $2 AND rn <= $3", [_TYPE_CELL, header_rn, last_rn]).fetchone()
            fits = [(got[2 * k + 1], -k, i) for k, i in enumerate(free) if got[2 * k] >= 3 and got[2 * k + 1] >= 0.9 * got[2 * k]]
            if not fits:
                continue
            t = int(max(fits)[2])  # (the most such cells; of equals, the first)
            parts = "string_split_regex(trim({x}), '" + _REG_PART_SPLIT + "')"
            kinds = "list_transform(" + parts.format(x="typ") + ", lambda k: " + _REG_KIND.format(t="k") + ")"
            nums = parts.format(x="num")
            # (one type for one number, or as many parts of each, in order; else the number stands as read)
            of = ("CASE WHEN len(" + kinds + ") = len(" + nums + ") AND list_position(" + kinds + ", '{k}') > 0 "
                  "THEN " + nums + "[list_position(" + kinds + ", '{k}')] "
                  "WHEN len(" + kinds + ") = len(" + nums + ") THEN NULL END")
            cur.execute(
                "UPDATE staged SET company_number = CASE WHEN r.typ IS NULL OR len(" + kinds + ") <> len(" + nums + ") "
                "THEN staged.company_number ELSE " + of.format(k="company") + " END, "
                "charity_number = CASE WHEN regexp_matches(coalesce(staged.charity_number, ''), '\\d') "
                "OR parse_register_bool(staged.charity_number) IS NOT NULL OR r.typ IS NULL "
                "THEN staged.charity_number ELSE coalesce(" + of.format(k="charity") + ", staged.charity_number) END "
                "FROM (SELECT rn AS _reg_rn, clean_text(c" + str(int(num)) + ") AS num, clean_text(c" + str(t)
                + ") AS typ FROM " + plan.sheet.table + " WHERE rn > ? AND rn <= ?) r "
                "WHERE staged.sheet = ? AND staged.rn = r._reg_rn AND r.num IS NOT NULL",
                [header_rn, last_rn, plan.sheet.name])
            if from_id:  # (a number read as the company's or the charity's is not the publisher's ID too)
                cur.execute("UPDATE staged SET supplier_id = NULL WHERE sheet = ? AND rn > ? AND rn <= ? "
                            "AND supplier_id IN (company_number, charity_number)", [plan.sheet.name, header_rn, last_rn])
            if t == m.columns.get("vcse_type"):
                cur.execute("UPDATE staged SET vcse_type = NULL WHERE sheet = ? AND rn > ? AND rn <= ? "
                            "AND regexp_full_match(replace(vcse_type, '_', ' '), ?)",
                            [plan.sheet.name, header_rn, last_rn, _REGISTRY_NAME])
            note = (f"{_where(plan.sheet.name)}'{m.label(t)}' says whose register each number under "
                    f"'{m.label(num)}' is of: a charity's number is read as its charity number, not its company's")
            if note not in plan.notes:
                plan.notes.append(note)


# A contract's own fields, as against its supplier's: what a row naming one more supplier leaves blank
_SUPPLIERS_OWN = ("supplier_id", "supplier_name")


def _staged_columns(cur) -> set[str]:
    """The columns of the temp table ``staged`` (a field's reading, its raw text, its flags)."""
    return {c for (c,) in cur.execute("SELECT column_name FROM (DESCRIBE staged)").fetchall()}


def _more_suppliers_below(cur, plans, kind: Kind) -> None:
    """Rows under a contract that name a supplier and nothing of a contract (no reference, title, dates,
    value, route...), one or more in a run: more suppliers of the contract above, as registers list a
    framework's suppliers or a joint award ("Calder Building Services Ltd, 48 Enterprise Park, ..." under
    the framework's row, its company number and SME answer beside it). They were quarantined as
    contracts with no reference. Each now takes the contract's fields from the entry above it (a
    contract a supplier, as a cell naming several is read: m007). Identifiers are the kind's own field
    names; the rest stays data."""
    have = _staged_columns(cur)
    own = [f for f in kind.fields if f not in _SUPPLIERS_OWN and f in have]
    copied = own + [c for c in sorted(have) if c.startswith(("_raw_", "_bad_")) and c.split("_", 2)[2] in own]
    if "supplier_name" not in have or not own:
        return
    blank = " AND ".join(f"{c} IS NULL" if not c.startswith("_bad_") else f"NOT coalesce({c}, FALSE)" for c in copied)
    cur.execute("CREATE OR REPLACE TEMP TABLE _more AS SELECT coalesce(sheet, '') AS sh, rn FROM staged "
                "WHERE reason IS NOT NULL AND supplier_name IS NOT NULL AND " + blank)
    try:
        if not cur.execute("SELECT count(*) FROM _more").fetchone()[0]:
            return
        # the entry above each, with nothing between them but such rows
        cur.execute(
            "CREATE OR REPLACE TEMP TABLE _more_of AS SELECT m.sh, m.rn, e.rn AS entry_rn FROM _more m ASOF JOIN "
            "(SELECT coalesce(sheet, '') AS sh, rn FROM staged WHERE reason IS NULL) e ON m.sh = e.sh AND m.rn > e.rn "
            "WHERE NOT EXISTS (SELECT 1 FROM staged s WHERE coalesce(s.sheet, '') = m.sh AND s.rn > e.rn AND s.rn < m.rn "
            "AND NOT EXISTS (SELECT 1 FROM _more k WHERE k.sh = m.sh AND k.rn = s.rn))")
        got = cur.execute("SELECT sh, count(*), min(rn) FROM _more_of GROUP BY sh ORDER BY sh").fetchall()
        if not got:
            return
        cur.execute(
            "UPDATE staged SET " + ", ".join(f"{c} = x.{c}" for c in copied) + ", reason = NULL, column_name = NULL "
            "FROM (SELECT o.sh AS _sh, o.rn AS _rn, " + ", ".join(f"e.{c}" for c in copied) + " FROM _more_of o JOIN staged e "
            "ON coalesce(e.sheet, '') = o.sh AND e.rn = o.entry_rn) x WHERE coalesce(staged.sheet, '') = x._sh "
            "AND staged.rn = x._rn")
        for sheet, n, first in got:
            plan = next((p for p in plans if (p.sheet.name or "") == sheet), plans[0])
            plan.notes.append(f"{_where(sheet)}{n} row{'s' if n != 1 else ''} under a contract name{'' if n != 1 else 's'} "
                              f"a supplier and nothing else of a contract (the first, row {first}): read as "
                              f"{'more suppliers' if n != 1 else 'one more supplier'} of the contract above")
    finally:
        cur.execute("DROP TABLE IF EXISTS _more")
        cur.execute("DROP TABLE IF EXISTS _more_of")


def _where(sheet_name: str) -> str:
    return f"sheet '{sheet_name}': " if sheet_name else ""


def _project_printed_once(cur, sheet, m: Mapping, kind: Kind, lo: int, hi: int) -> int:
    """A savings register's project written once over the rows of its years ("Custody healthcare
    re-tender", 2023/24, £20,000; then a blank project, 2024/25, £40,000), as a report lays it out or
    a merged cell leaves it in a CSV: read on each row under it whose project is blank and which has a
    saving and a year (or a type) of its own (such rows were quarantined: "no project"). Rows in
    (lo, hi] of the sheet's table; returns how many were filled. Identifiers are generated (c0..cN,
    our own table names); the bounds are bound values."""
    p, a = m.columns.get("project"), m.columns.get("amount")
    if kind.name != "savings" or p is None or a is None:
        return 0
    own = [f"nullif(trim(c{int(m.columns[f])}), '') IS NOT NULL" for f in ("fy", "saving_type")
           if m.columns.get(f) is not None]
    if not own:
        return 0
    c, money = f"c{int(p)}", f"parse_register_money(c{int(a)})"
    # (not a total: no cell says so, "Total 2024/25")
    total = row_sql(sheet.width)[2]
    row = (f"nullif(trim({c}), '') IS NULL AND {money} IS NOT NULL AND (" + " OR ".join(own) + ") AND NOT " + total)
    if not cur.execute("SELECT EXISTS (SELECT 1 FROM " + sheet.table + " WHERE rn > ? AND rn <= ? AND " + row + ")",
                       [lo, hi]).fetchone()[0]:
        return 0
    table, rn = mendable(cur, sheet)
    # The project above: the last one written in the segment that is not a total ("Fleet Total"). A
    # row whose saving is the sum of the savings above it, or of those of its year, is a total whose
    # label was left out, not a year of the project: left as it is.
    above = " OVER (ORDER BY " + rn + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)"
    named = "NOT " + total  # (every saving above, its project written or not, but the labelled totals)
    year = f"trim(c{int(m.columns['fy'])})" if m.columns.get("fy") is not None else "NULL"
    # (never past a total: the rows under a return's TOTAL, "Memo" | "Force savings target 2023/24",
    # are no years of the project above it)
    return cur.execute(
        "UPDATE " + table + " SET " + c + " = f.v FROM (SELECT " + rn + " AS r, last_value(CASE WHEN NOT is_total_label("
        + c + ") THEN nullif(trim(" + c + "), '') END IGNORE NULLS)" + above + " AS v, "
        "max(CASE WHEN NOT is_total_label(" + c + ") AND nullif(trim(" + c + "), '') IS NOT NULL THEN " + rn + " END)"
        + above + " AS v_rn, max(CASE WHEN " + total + " THEN " + rn + " END)" + above + " AS t_rn, "
        "coalesce(sum(CASE WHEN " + named + " THEN " + money + " END)" + above + ", 0) AS all_above, "
        "coalesce(sum(CASE WHEN " + named + " THEN " + money + " END) OVER (PARTITION BY " + year + " ORDER BY " + rn
        + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS year_above FROM " + table + " WHERE " + rn
        + " > ? AND " + rn + " <= ?) f WHERE " + rn + " = f.r AND f.v IS NOT NULL AND (f.t_rn IS NULL OR f.v_rn > f.t_rn) "
        "AND " + money + " NOT IN "
        "(f.all_above, f.year_above) AND " + row, [lo, hi]).fetchone()[0]


def _another_bodys(cur, sheet, m: Mapping, lo: int, hi: int) -> str | None:
    """The register's column naming one public body (or a few) on every line (``m.body_named``, found as
    the spend's body column is: "Organisation name" = Norfolk County Council) when a body it names is not
    one of the store's own (lib.bodies, as a spend file's names are resolved): the register is that
    body's, yet its contracts (or savings) are read as the store's own, and so are the figures they make
    (its contracts mark the store's spend with their suppliers as on contract). Said, with what to do;
    None otherwise. A supplier register says what suppliers are, whoever keeps it. Identifiers are
    generated (c0..cN); the bounds are bound values."""
    from lib import bodies

    if m.body_named is None:
        return None
    names = [r[0] for r in cur.execute(
        f"SELECT DISTINCT v FROM (SELECT clean_text(c{int(m.body_named)}) AS v FROM " + sheet.table
        + " WHERE rn > ? AND rn <= ?) WHERE v IS NOT NULL ORDER BY v", [lo, hi]).fetchall()]
    others = [b["name"] for b in bodies.preview(cur, names) if not b["own"]]
    if not others:
        return None
    where = "on every line" if len(names) == 1 else "on its lines"
    return (f"'{m.label(m.body_named)}' names {' and '.join(others)} {where}, not one of the store's own bodies "
            f"({', '.join(bodies.own_names(cur))}): it is read as the store's own register, and its figures count "
            "as the store's own: if it is another body's, do not load it (or remove its batch on the Data page)")


def stage_register(cur, plans, kind: Kind) -> None:
    """Build temp table ``staged`` (status ok | quarantine, reason, column_name, amount) for a register."""
    selects, params = [], []
    for plan in plans:
        for header_rn, last_rn, m in plan.segments:
            first = month_first_columns(cur, plan.sheet.table, m, kind, header_rn, last_rn)
            if first:
                plan.notes.append("the dates in " + ", ".join(f"'{m.label(i)}'" for i in sorted(first))
                                  + " are written month first (04/15/2024): read so throughout")
            filled = _project_printed_once(cur, plan.sheet, m, kind, header_rn, last_rn)
            if filled:
                plan.notes.append(f"{_where(plan.sheet.name)}the project in '{m.label(m.columns['project'])}' is written "
                                  f"once over its rows: read on the {filled:,} row{'s' if filled != 1 else ''} under it "
                                  "left blank with a saving and a year of their own")
            if kind.name == "savings" and m.by_costs():
                note = (f"{_where(plan.sheet.name)}no column gives the saving: each is '{m.header_of('cost_before')}' "
                        f"less '{m.header_of('cost_after')}'")
                if note not in plan.notes:
                    plan.notes.append(note)
            if kind.name != "suppliers":
                other = _another_bodys(cur, plan.sheet, m, header_rn, last_rn)
                if other:
                    plan.notes.append(_where(plan.sheet.name) + other)
            sql, p = _segment_sql(plan.sheet.table, plan.sheet.width, m, kind, first)
            selects.append(sql)
            params += [plan.sheet.name, None if plan.fy_named is None else fy_text(plan.fy_named)] + p + [header_rn, last_rn]
    amount = {"contracts": "value", "savings": "amount"}.get(kind.name)
    extra = ""
    if kind.name == "savings":
        # a saving needs its financial year, given or from the date it was recorded
        # (or a quarter, a month or a run of months of it: "Q3 2024/25", "Apr-24", "April 2024 - March
        # 2025"; else the year named once for its sheet: the title above the header, "Savings 2024/25",
        # else the sheet's name, "2024-25", else the file's: load.plan_sheet)
        extra = (", coalesce(parse_fy(fy), fy_label(fy_start_of(parse_period(fy))), "
                 "fy_label(fy_start_of(parse_period(regexp_extract(fy, '^(.*?)\\s+(-|–|to)\\s+', 1)))), "
                 "fy_label(fy_start_of(recorded_on)), "
                 # (a register laid out by month with years in its headers: the first month's year)
                 "fy_label(fy_start_of(make_date(_months[1].yr, coalesce(nullif(_months[1].mo, 0), 4), 1))), parse_fy(sheet)) AS fy_parsed")
    sql = (
        "CREATE OR REPLACE TEMP TABLE staged AS SELECT *, "
        + (amount if amount else "NULL::DECIMAL(14,2)") + " AS amount_value" + extra + " FROM ("
        # (by name: a segment's mapping may read a field another's does not, "Annual Value" on one
        # sheet and not on the next, each with its own columns; a field a segment lacks is NULL there)
        + " UNION ALL BY NAME ".join(selects) + ")"
    )
    cur.execute(sql, params)
    if kind.name == "savings":
        _year_named_once(cur, plans)
        cur.execute(
            "UPDATE staged SET reason = coalesce(reason, CASE WHEN fy_parsed IS NULL AND nullif(trim(fy), '') IS NOT NULL "
            "THEN 'financial year ''' || trim(fy) || ''' is not a financial year (2024/25) or a date in one' "
            "WHEN fy_parsed IS NULL THEN "
            "'no financial year (give it, or the date the saving was recorded)' END), "
            "column_name = coalesce(column_name, CASE WHEN fy_parsed IS NULL THEN 'Financial year' END)"
        )
        # a saving not made (yet): in the pipeline, planned, at risk, withdrawn. Only savings delivered
        # count; the others are set aside with their stage, to load again when they are made.
        stage = _header(plans, "stage", kind.labels["stage"])
        cur.execute(
            "UPDATE staged SET reason = 'stage ''' || trim(stage) || ''' is not a saving made: only savings delivered "
            "count', column_name = ? WHERE reason IS NULL AND regexp_matches(lower(stage), ?)", [stage, _NOT_MADE])
        # ... and so are the savings under a heading that says so ("Savings at risk / not yet achieved
        # (excluded from the totals above)" on a row of its own, its savings under it), down to the next row
        # of one cell: they loaded as savings made
        cur.execute(
            "UPDATE staged SET reason = 'under the heading ''' || h.heading || ''' (row ' || h.rn || '): not a saving "
            "made; only savings delivered count' FROM (SELECT sheet, rn, trim(first_cell) AS heading, coalesce(lead(rn) "
            "OVER (PARTITION BY sheet ORDER BY rn), 2147483647) AS next_rn FROM staged WHERE _filled = 1) h "
            "WHERE staged.sheet IS NOT DISTINCT FROM h.sheet AND staged.rn > h.rn AND staged.rn < h.next_rn "
            "AND staged.reason IS NULL AND regexp_matches(lower(h.heading), ?) "
            # (a heading between savings, not a note: "Note: forecasts are shown apart" over the register
            # says nothing of the savings under it)
            "AND NOT regexp_matches(lower(h.heading), '^\\W*(notes?|nb|n\\.b\\.|sources?|key)\\b') "
            "AND EXISTS (SELECT 1 FROM staged e WHERE e.sheet IS NOT DISTINCT FROM h.sheet AND e.rn < h.rn "
            "AND e.reason IS NULL AND e._filled >= 2)", [_NOT_MADE])
        _settle_parts(cur, plans, kind)
        _settle_months(cur, plans, kind)
    if kind.name == "contracts":
        _more_suppliers_below(cur, plans, kind)
        # The end as it stands now: a date in a column saying it ended early where one is written (a
        # contract ended is not extended after), else in a column saying what else changed it
        # (extended, revised), else one written after such words in the end's own cell ("31/03/2024 -
        # extended to 31/03/2025", "31/03/2026 (terminated 30/06/2024)").
        cur.execute("UPDATE staged SET end_date = coalesce(end_early, end_now, parse_register_end(regexp_extract(lower("
                    "_raw_end_date), ?, 1)), end_date) WHERE end_early IS NOT NULL OR end_now IS NOT NULL "
                    "OR regexp_matches(lower(_raw_end_date), ?)", [_CHANGED_END, _CHANGED_END])
        # a term written in the start's cell ("01/04/2021 for 3 years", "01/06/2022 (2 years + 1)": the
        # term first let, the options after it not taken up) is the term, when no column gives one
        cur.execute("UPDATE staged SET duration = parse_term_months(regexp_extract(lower(_raw_start_date), ?, 1), 'm') "
                    "WHERE duration IS NULL AND end_date IS NULL AND start_date IS NOT NULL", [_TERM_IN_START])
        _term_options_note(cur, plans, kind)
        # no end given: the end of a period written in the start's cell ("01/04/2023 - 31/03/2024"),
        # else the start and the term ("Duration (months)" 12: 01/04/2023 to 31/03/2024)
        cur.execute(
            "UPDATE staged SET end_date = coalesce(parse_register_end(regexp_extract(_raw_start_date, "
            "'\\d\\s*(?:-|–|—|to|until)\\s*([^-–—]*\\d[^-–—]*)$', 1)), "
            "CASE WHEN duration = trunc(duration) THEN CAST(start_date + to_months(duration::INTEGER) "
            "- INTERVAL 1 DAY AS DATE) END) "
            "WHERE end_date IS NULL AND start_date IS NOT NULL"
        )
        _extensions_taken(cur, plans, kind)
        cur.execute(
            "UPDATE staged SET reason = 'end date is before the start date', column_name = 'End date' "
            "WHERE reason IS NULL AND end_date < start_date"
        )
        _fraction_weightings(cur, plans, kind)
        _social_value_of_the_whole(cur, plans, kind)
        _weightings_in_words_note(cur, plans)
        _annual_values(cur, plans)
        _years_sums_in_cells(cur, plans)
    _other_currencies(cur, plans, kind, amount)
    _registration_types(cur, plans, kind)
    # a total or a note under the entries ("TOTAL", "Total suppliers: 2", "* SME as defined by ..."):
    # kept aside with the totals, whatever else the line holds (m108)
    # a savings register's subtotal written in the project's own cell ("Fleet Total", "Sub-total ICT"):
    # a total of the savings above it, not a saving (it was added to them: the total doubled)
    # (a project is never named "Total ...": "Total collaborative", "Total force-only tenders" close groups)
    # (nor a saving type alone, a summary by type under the schemes: "Cash Releasing" | 922.4, "Cost
    # avoidance" | 120; nor both types together: "Combined cashable and non-cashable 2023/24")
    subtotal = ("OR is_total_label(project) OR regexp_matches(lower(trim(project)), '^(sub[\\s-]?|grand\\s+)?totals?\\s') "
                # (a type's words alone with no figure beside them head the savings of that type: _section_headings)
                "OR (_filled >= 2 AND regexp_full_match(lower(trim(project)), '(total\\s+)?" + _TYPE_WORDS + "(\\s+totals?)?\\s*:?')) "
                "OR regexp_matches(lower(project), '\\bcashable\\s+(and|&|\\+)\\s+non[- ]?cashable\\b') "
                # (nor the sum of the savings still to come, under those made: "Projected (not included above)")
                "OR regexp_full_match(lower(trim(project)), '(projected|forecast|pipeline|planned|target)(\\s+(savings?|totals?|"
                "figures?|benefits?))?\\s*(\\(.*\\))?\\s*:?') "
                # (nor a target named whose it is, "Regional target", "Force savings target 2023/24": a
                # target's word last, a year after it at most; "Target hardening" is a project)
                "OR regexp_full_match(lower(trim(coalesce(project, first_cell))), '([a-z0-9/&''-]+\\s+){0,3}targets?(\\s+(for\\s+)?"
                "(fy\\s*)?(19|20)\\d\\d([/-]\\d{2,4})?)?\\s*(\\(.*\\))?\\s*:?') "
                # (nor a summary by stage or category under the savings, "Summary by status" over "Delivered"
                # | 2,941,537.54: a stage's or a category's word in the project's cell, its own left empty)
                + "".join(f"OR (nullif(trim({c}), '') IS NULL AND lower(trim(project)) IN (SELECT lower(trim({c})) "
                          f"FROM staged WHERE nullif(trim({c}), '') IS NOT NULL)) " for c in ("stage", "category")) +
                # (nor a return's memorandum lines under its total: "Memo" | "Force savings target 2023/24")
                "OR regexp_full_match(lower(trim(first_cell)), 'memo(randum)?(\\s+items?)?\\s*:?') "
                # (nor the running sum under the months' totals: "Cumulative", "Cumulative savings", "Running total")
                "OR regexp_full_match(lower(trim(project)), '(cumulative|running)(\\s+(totals?|savings?|to\\s+date))?\\s*:?') "
                # (nor a share under them: "% of target achieved", "Percentage of annual target")
                "OR regexp_matches(lower(trim(project)), '^(%|per\\s*cent(age)?)\\s+(of|achieved|delivered)\\b') "
                if kind.name == "savings" else "")
    # a supplier register's counts at its foot, a label and its count ("Total vendors" | 58, "SME (Y)" |
    # 41): the count stands where a name would, and no supplier is named by a number alone
    # (nor a line that labels a total, "Sub-total – Fleet & Vehicles" | 279,930.05 over a category's
    # suppliers, "of which SMEs: 26 (72%)": the words of a total, as spend lines' are read, in a name
    # that ends in no firm's legal form)
    if kind.name == "suppliers":
        subtotal = ("OR regexp_full_match(trim(name), '[\\d,.\\s%£]+') "
                    "OR (is_total_label(name) AND NOT regexp_matches(lower(trim(name)), '" + colmod.LEGAL_FORM + "')) ")
    cur.execute(
        "ALTER TABLE staged ADD COLUMN status VARCHAR; "
        "UPDATE staged SET status = CASE WHEN register_total_line(first_cell) " + subtotal + "THEN 'total' "
        "WHEN reason IS NULL THEN 'ok' "
        # a row that is no entry whose first cell labels a total ("Fleet Total" in the category's column,
        # the project's left empty): a subtotal, not an entry missing its name
        "WHEN is_total_label(first_cell) THEN 'total' ELSE 'quarantine' END; "
        "UPDATE staged SET reason = NULL, column_name = NULL WHERE status = 'total'; "
        "ALTER TABLE staged RENAME COLUMN amount_value TO amount_parsed"
    )
    _section_headings(cur, plans, kind)
    if kind.name == "savings":
        # a sheet named for a type of saving ("Cashable Savings", "Cost Avoidance" beside it): the type of
        # its savings that give none (as a heading over them gives it, _section_headings)
        cur.execute("UPDATE staged SET saving_type = trim(sheet) WHERE status = 'ok' AND saving_type IS NULL "
                    "AND regexp_full_match(lower(trim(sheet)), ?)", [_TYPE_HEADING])
    _notes_below(cur, plans)
    if kind.name == "savings":
        _year_named_once_note(cur, plans)
    _soft_notes(cur, plans, kind)  # (on the entries: totals, headings and notes set aside above)
    _blank_notes(cur, plans, kind)
    _postcode_notes(cur, plans, kind)
    _no_saving(cur, plans, kind)
    # _fill_counts and quarantine read 'amount'
    if "amount" not in kind.fields:
        cur.execute("ALTER TABLE staged RENAME COLUMN amount_parsed TO amount")
    else:
        cur.execute("ALTER TABLE staged DROP COLUMN amount_parsed")


def _settle_parts(cur, plans, kind: Kind) -> None:
    """A saving written as its parts (see _PARTS) with its total beside them: a total that is not the
    parts' sum is quarantined, naming the three cells (which of them is wrong is for a person to
    say); beside a total, one part given makes the other the rest of the total ("Total Saving" |
    "of which cashable"). A row with no part written keeps its total, of the type its own column
    says, if any."""
    maps = [m for plan in plans for _, _, m in plan.segments]
    given = [p for p in _PARTS if any(m.columns.get(p) is not None for m in maps)]
    if not given:
        return
    total = _header(plans, "amount", kind.labels["amount"])
    has_total = any(m.columns.get("amount") is not None for m in maps)
    if has_total and len(given) == 2:
        names = [_header(plans, p, kind.labels[p]) for p in _PARTS]
        cur.execute(
            "UPDATE staged SET reason = ? || ' ' || _raw_amount || ' is not ' || ? || ' ' || coalesce(_raw_cashable, '0') "
            "|| ' + ' || ? || ' ' || coalesce(_raw_non_cashable, '0'), column_name = ? WHERE reason IS NULL "
            "AND (cashable IS NOT NULL OR non_cashable IS NOT NULL) "
            "AND amount <> coalesce(cashable, 0) + coalesce(non_cashable, 0)",
            [f"'{total}'", f"'{names[0]}'", f"'{names[1]}'", total])
    elif has_total:
        other = "non_cashable" if given[0] == "cashable" else "cashable"
        # (identifiers: the fixed pair of _PARTS)
        cur.execute("UPDATE staged SET " + other + " = amount - " + given[0] + " WHERE " + given[0] + " IS NOT NULL "
                    "AND amount IS NOT NULL")


def _notes_below(cur, plans) -> None:
    """Rows under a sheet's last entry that hold a sentence and little else ("Figures exclude VAT.",
    "Contracts over £5,000 are published quarterly", its comma having cut it in two): notes under the
    register, not entries missing their facts (quarantined as contracts with no supplier) nor entries
    of their own (a supplier register's "SME status as declared by each supplier" was a supplier).
    A row of three words or more in its first cell, with at most one cell more, below the last entry
    that loads; or, where nine in ten entries that load fill two cells or more, a row of such words
    alone below the last of those, three of them in small letters (a sentence, not a name). Set aside
    with the totals, as "Note:" and "Source:" lines are (m108), and said; an entry further up missing
    its facts stays quarantined, saying so. A row of figures alone there, no label and no name, is the
    register's total (a finance system's export closed its suppliers with their balances' sum in the
    balance's column alone), set aside and said the same way. And where the entries fill three cells
    or more, a total line under the last of them closes the register: the few rows under it holding a
    label and a figure at most ("Summary", "Number of SME suppliers" | 33, "Spend with SMEs £" |
    1,091,566.12) are its summary, not suppliers."""
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _notes AS WITH ends AS (SELECT sheet, max(rn) AS last_ok, "
        "max(rn) FILTER (WHERE _filled >= 2) AS last_full, max(rn) FILTER (WHERE _filled >= 3) AS last_wide "
        "FROM staged WHERE status = 'ok' GROUP BY sheet), "
        # (the share among the entries down to the last that fills two cells: the rows below are the question)
        "facts AS (SELECT e.*, (SELECT count(*) FILTER (WHERE _filled >= 2) / count(*) FROM staged s WHERE s.sheet = e.sheet "
        "AND s.status = 'ok' AND s.rn <= e.last_full) AS full_share, "
        "(SELECT count(*) FILTER (WHERE _filled >= 3) / count(*) FROM staged s WHERE s.sheet = e.sheet "
        "AND s.status = 'ok' AND s.rn <= e.last_wide) AS wide_share, "
        "(SELECT min(rn) FROM staged s WHERE s.sheet = e.sheet AND s.status = 'total' AND s.rn > e.last_wide) AS closed_at, "
        "(SELECT count(*) FROM staged s WHERE s.sheet = e.sheet AND s.status = 'ok' AND s._filled >= 3) AS entries FROM ends e), "
        # (a few rows under that total, as a summary is: an entry that fills two cells at the end of a long
        # register with no total over it stays an entry)
        "summary AS (SELECT s.sheet, s.rn FROM staged s JOIN facts f ON f.sheet = s.sheet WHERE s.status = 'ok' "
        "AND s._filled <= 2 AND f.wide_share >= 0.9 AND s.rn > f.closed_at "
        "QUALIFY count(*) OVER (PARTITION BY s.sheet) <= least(15, any_value(f.entries) OVER (PARTITION BY s.sheet))) "
        "SELECT s.sheet, s.rn, trim(s.first_cell) AS text, s._sums_only AS figures, "
        "(s.sheet, s.rn) IN (SELECT (sheet, rn) FROM summary) AS summed FROM staged s JOIN facts f ON f.sheet = s.sheet "
        # (a note may be numbered: "1. Contracts below £5,000 are not listed.", "(2) Values exclude VAT")
        # (or whom to ask, a mail or web address: "Enquiries: procurement@force.police.uk")
        "WHERE (s.status = 'quarantine' AND s._sums_only AND s.rn > f.last_ok) "
        "OR ((regexp_matches(s.first_cell, '^\\W*(\\d{1,2}[.):]\\s+\\S+(\\s+\\S+){2}|(\\d{1,2}\\s+)?[A-Za-z]\\S*(\\s+\\S+){2})') "
        "OR regexp_matches(s.first_cell, '[\\w.+-]+@[\\w-]+\\.[\\w.-]+|https?://|\\bwww\\.')) AND ("
        "(s.status = 'quarantine' AND s._filled <= 2 AND s.rn > f.last_ok) "
        # (an entry that loads is a note only when it reads as a sentence: three words in small letters,
        # as a name in capitals ("Zurich Municipal Insurance") does not)
        "OR (s.status = 'ok' AND s._filled = 1 AND f.full_share >= 0.9 AND s.rn > f.last_full "
        "AND len(regexp_extract_all(s.first_cell, '(?:^|\\s)[a-z]+\\b')) >= 3)) "
        "OR (s.sheet, s.rn) IN (SELECT (sheet, rn) FROM summary))")
    got = cur.execute("SELECT sheet, CASE WHEN summed THEN 'summary' WHEN figures THEN 'figures' ELSE 'note' END, "
                      "count(*), min_by(text, rn) FROM _notes GROUP BY ALL ORDER BY ALL").fetchall()
    if got:
        cur.execute("UPDATE staged SET status = 'total', reason = NULL, column_name = NULL FROM _notes n "
                    "WHERE staged.sheet = n.sheet AND staged.rn = n.rn")
    for sheet, figures, n, first in got:
        plan = next((p for p in plans if p.sheet.name == sheet), plans[0])
        if figures == "summary":
            plan.notes.append(f"{_where(sheet)}{n:,} row{'s' if n != 1 else ''} under the total that closes the entries "
                              f"{'are' if n != 1 else 'is'} the register's summary ('{first[:80]}'): set aside with the "
                              "totals, not suppliers")
            continue
        rows = f"{_where(sheet)}{n:,} row{'s' if n != 1 else ''} under the last entry "
        plan.notes.append(rows + (f"hold{'' if n != 1 else 's'} figures alone, no name: read as a total, set aside "
                                  "with the totals" if figures == "figures" else
                                  f"{'are notes' if n != 1 else 'is a note'} ('{first[:80]}'): set aside with the "
                                  "totals, not entries"))
    cur.execute("DROP TABLE _notes")


# A saving's type in words ("Cashable", "Cash releasing savings", "Cost avoidance"): under the savings, with a
# figure beside it, a summary of that type (stage_register); over them alone, their heading (_section_headings).
_TYPE_WORDS = (r"(non[- ]?)?(cash(able)?|cash[- ]releasing|cost[- ]avoidance|non[- ]cash[- ]releasing)"
               r"(\s+(savings?|efficienc(y|ies)|benefits?))?")
_TYPE_HEADING = _TYPE_WORDS + r"\s*(\([^()]*\))?\s*:?"


def _section_headings(cur, plans, kind: Kind) -> None:
    """A register grouped under headings of its own ("ICT", "Estates", "Fleet" each on a row alone
    over its contracts): such rows were quarantined as entries with no supplier. A heading is a row
    whose one cell is words (no sum, no date) that is no entry, with entries under it before the next
    heading; a sheet needs two or more, all in one column (a lone project name with nothing beside it
    is an entry missing its facts, and stays quarantined). Headings are set aside with the totals, not
    entries, and each is the category of the entries under it that give none."""
    # In a supplier register a name alone is an entry (a supplier with no facts given): a heading there is
    # written in capitals ("ESTATES & FACILITIES", "BRISTOL" over the district's suppliers), and ends in no
    # legal form (Ltd).
    # (a word in brackets after it may be in small letters: "VICTIM SERVICES (commissioned)")
    # Or in any case, when a subtotal under it names it again ("Environment & Waste" over its suppliers,
    # "Subtotal – Environment & Waste" under them).
    as_entry = ("OR (status = 'ok' AND ((list_transform([regexp_replace(first_cell, '\\([^()]*\\)', '', 'g')], "
                "lambda t: upper(t) = t)[1] AND NOT regexp_matches(lower(first_cell), '"
                + colmod.LEGAL_FORM + "')) OR EXISTS (SELECT 1 FROM staged t WHERE t.sheet IS NOT DISTINCT FROM staged.sheet "
                "AND t.rn > staged.rn AND t.status = 'total' AND lower(trim(regexp_replace(t.first_cell, "
                "'^\\s*(sub[\\s-]?|grand\\s+)?totals?(\\s+(for|of))?\\s*[:–—-]?\\s*|\\s*[:–—-]?\\s*(sub[\\s-]?)?totals?\\s*$', "
                "'', 'gi'))) = lower(trim(staged.first_cell)))))") if kind.name == "suppliers" else ""
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _headings AS SELECT sheet, rn, trim(first_cell) AS heading, _first_col "
        "FROM staged WHERE (status = 'quarantine' " + as_entry + ") AND _filled = 1 AND regexp_matches(first_cell, '[A-Za-z]') "
        "AND length(trim(first_cell)) <= 80 AND parse_register_money(first_cell) IS NULL "
        "AND parse_register_start(first_cell) IS NULL")
    if not cur.execute("SELECT count(*) >= 2 FROM _headings").fetchone()[0]:
        cur.execute("DROP TABLE _headings")
        return  # (most registers: no row of one cell that is no entry, or one alone)
    cur.execute(
        "DELETE FROM _headings h WHERE NOT EXISTS (SELECT 1 FROM staged s WHERE s.sheet = h.sheet AND s.rn > h.rn "
        "AND s.status = 'ok' AND s._filled >= 2 AND s.rn < coalesce((SELECT min(n.rn) FROM _headings n WHERE n.sheet = h.sheet "
        "AND n.rn > h.rn), 2147483647))")
    cur.execute("DELETE FROM _headings WHERE sheet IN (SELECT sheet FROM _headings GROUP BY sheet "
                "HAVING count(*) < 2 OR count(DISTINCT _first_col) > 1)")
    got = cur.execute("SELECT sheet, count(*), list(heading ORDER BY rn)[1:3] FROM _headings GROUP BY sheet").fetchall()
    if got:
        cur.execute("UPDATE staged SET status = 'total', reason = NULL, column_name = NULL FROM _headings h "
                    "WHERE staged.sheet = h.sheet AND staged.rn = h.rn")
        if "category" in kind.fields:
            cur.execute("UPDATE staged SET category = x.heading FROM (SELECT s.sheet, s.rn, h.heading FROM staged s "
                        "ASOF JOIN _headings h ON s.sheet = h.sheet AND s.rn > h.rn WHERE s.status = 'ok' "
                        "AND s.category IS NULL) x WHERE staged.sheet = x.sheet AND staged.rn = x.rn")
        if kind.name == "savings":
            # a heading that names a type of saving ("CASHABLE SAVINGS" over its projects, then "NON-CASHABLE
            # SAVINGS"): the type of the savings under it that give none
            cur.execute("UPDATE staged SET saving_type = x.heading FROM (SELECT s.sheet, s.rn, h.heading FROM staged s "
                        "ASOF JOIN _headings h ON s.sheet = h.sheet AND s.rn > h.rn WHERE s.status = 'ok' "
                        "AND s.saving_type IS NULL AND regexp_full_match(lower(trim(h.heading)), ?)) x "
                        "WHERE staged.sheet = x.sheet AND staged.rn = x.rn", [_TYPE_HEADING])
        for sheet, n, shown in got:
            plan = next((p for p in plans if p.sheet.name == sheet), plans[0])
            plan.notes.append(
                f"{_where(sheet)}{n:,} rows hold a heading over the entries under them ("
                + ", ".join(f"'{h}'" for h in shown) + (", ..." if n > len(shown) else "") + "): set aside, not "
                + "entries" + ("; each is the category of the entries under it that give none"
                               if "category" in kind.fields else ""))
    cur.execute("DROP TABLE _headings")


def _settle_months(cur, plans, kind: Kind) -> None:
    """A savings register laid out by month with a total beside the months: a total that is not the
    months' sum is quarantined, naming the total and the months it should add up from."""
    maps = [m for plan in plans for _, _, m in plan.segments]
    if not any(m.months and m.columns.get("amount") is not None for m in maps):
        return
    total = _header(plans, "amount", kind.labels["amount"])
    per = next((m.months_by for m in maps if m.months), "month")
    cur.execute(
        "UPDATE staged SET reason = ? || ' ' || _raw_amount || ' is not the sum of the ' || ? || 's beside it, ' || "
        "CAST(list_sum(list_transform(_months, lambda x: coalesce(x.a, 0))) AS VARCHAR), column_name = ? "
        "WHERE reason IS NULL AND _raw_amount IS NOT NULL AND len(list_filter(_months, lambda x: x.a IS NOT NULL)) > 0 "
        "AND amount <> list_sum(list_transform(_months, lambda x: coalesce(x.a, 0)))", [f"'{total}'", per, total])


def _year_named_once(cur, plans) -> None:
    """Savings with no year of their own (no year, date or month in the row, and none in the sheet's
    name as parse_fy reads it) are of the financial year named once for the sheet: the title above
    its header ("Savings 2024/25" over a sheet named "Q1"), else the file's name (load.plan_sheet);
    the load says so, and where it read the year."""
    cur.execute("ALTER TABLE staged ADD COLUMN _fy_named BOOLEAN")
    cur.execute("UPDATE staged SET fy_parsed = _named_fy, _fy_named = TRUE WHERE fy_parsed IS NULL AND _named_fy IS NOT NULL")


def _year_named_once_note(cur, plans) -> None:
    """Say how many savings :func:`_year_named_once` dated, once the rows that are no savings (totals,
    headings, a summary under them) are set aside: those are not counted."""
    got = cur.execute("SELECT sheet, _named_fy FROM staged WHERE _fy_named AND status = 'ok'").fetchall()
    for (sheet, fy), n in sorted(Counter(got).items()):
        plan = next((p for p in plans if p.sheet.name == sheet), plans[0])
        where = plan.fy_named_where or "the sheet"
        plan.notes.append(f"{_where(sheet)}{n:,} saving{'s' if n != 1 else ''} with no year of "
                          f"{'their' if n != 1 else 'its'} own: read in {fy}, which {where} names")


def _header(plans, f: str, default: str) -> str:
    """The header a file gives field ``f`` (the first segment that maps it), else ``default``."""
    return next((m.header_of(f) for plan in plans for _, _, m in plan.segments if m.header_of(f)), default)


def _extensions_taken(cur, plans, kind: Kind) -> None:
    """A register that writes the end as let beside which options to extend were taken ("End Date
    (Initial Term)" | "Term + Extension Options (yrs)" = 2+1+1 | "Extension(s) Taken" = 1st extension
    taken): the end as it stands is the end as let moved by the options taken (m169's extension_months),
    never the end all options could reach ("Maximum End Date"). An answer that says an option was taken
    but not how long, where the term names no options, leaves the end as let, and is said."""
    if not any(m.columns.get("extensions_taken") is not None for plan in plans for _, _, m in plan.segments):
        return
    # (the first figure is the term first let where the options are written with it: a term's column, or a
    # header naming the term beside them, "Term + Extension Options (yrs)"; under "Extension Options" alone
    # every figure is an option)
    named = _header(plans, "term_options", "")
    term_first = not named or bool({"term", "initial", "duration", "length"} & set(colmod.tokens(named)))
    options = "coalesce(term_options, _raw_duration), " + ("TRUE" if term_first else "FALSE")
    # (an end written as it stands now, extended or revised, or brought forward, is the end already)
    moved, example, unknown, said = cur.execute(
        "SELECT count(*) FILTER (WHERE k > 0), arg_max(t, k), count(*) FILTER (WHERE k IS NULL), "
        "any_value(t) FILTER (WHERE k IS NULL) FROM (SELECT extensions_taken AS t, extension_months(extensions_taken, "
        + options + ") AS k FROM staged WHERE reason IS NULL AND end_date IS NOT NULL AND end_now IS NULL "
        "AND end_early IS NULL)").fetchone()
    cur.execute("UPDATE staged SET end_date = CAST(end_date + to_months(CAST(round(extension_months(extensions_taken, "
                + options + ")) AS INTEGER)) AS DATE) WHERE reason IS NULL AND end_date IS NOT NULL AND end_now IS NULL "
                "AND end_early IS NULL AND extension_months(extensions_taken, " + options + ") > 0")
    header = _header(plans, "extensions_taken", kind.labels["extensions_taken"])
    if moved:
        plans[0].notes.append(f"'{header}' moves {moved:,} contract{'s' if moved != 1 else ''}' end{'s' if moved != 1 else ''} "
                              f"by the options taken (such as '{example}'): the end as it stands, not the end all "
                              "options could reach")
    if unknown:
        plans[0].notes.append(f"'{header}' says of {unknown:,} contract{'s' if unknown != 1 else ''} that an option was "
                              f"taken but not how long (such as '{said}'), and no term with its options is given: "
                              "the end as let is kept")


def _term_options_note(cur, plans, kind: Kind) -> None:
    """Say how many contracts' ends are to be worked out from a term written with its options
    ("2+1+1"), as no end is given: the first term only (m119), the options not counted."""
    if not any(m.columns.get("duration") is not None for plan in plans for _, _, m in plan.segments):
        return
    n, example, months = cur.execute(
        "SELECT count(*), min(_raw_duration), arg_min(duration, _raw_duration) FROM staged WHERE reason IS NULL AND "
        "end_date IS NULL AND start_date IS NOT NULL AND term_options(_raw_duration) AND duration IS NOT NULL"
    ).fetchone()
    if not n:
        return
    header = _header(plans, "duration", kind.labels["duration"])
    months = float(months)
    first = (f"{months / 12:g} year{'s' if months != 12 else ''}" if months % 12 == 0
             else f"{months:g} month{'s' if months != 1 else ''}")
    plans[0].notes.append(
        f"'{header}' gives {n:,} term{'s' if n != 1 else ''} with options to extend (such as '{example}'): "
        f"each is read as the term first let ('{example}' as {first}), the options not counted; an end "
        f"date that says an extension was taken moves the end")


def _fraction_weightings(cur, plans, kind: Kind) -> None:
    """Weightings a spreadsheet exported as fractions (0.6 for 60%, 0.1 for 10%: Excel's percent
    cells as their values): read as percentages, with a note, when every weighting in the column is
    at most 1, some lie between 0 and 1, and none is written with a % sign. (A weighting of 1% or
    less is no real tender's; a column of 0s and 1s alone is left as it is.)"""
    for f in ("quality_pct", "social_value_pct"):
        if f not in kind.fields:
            continue
        n, top, fractions, signed = cur.execute(
            "SELECT count(" + f + "), max(" + f + "), count(*) FILTER (WHERE " + f + " > 0 AND " + f + " < 1), "
            "coalesce(bool_or(strpos(_raw_" + f + ", '%') > 0), FALSE) FROM staged WHERE reason IS NULL"
        ).fetchone()  # (f: the kind's own field name)
        if not n or not fractions:
            continue
        if top > 1 or signed:  # a column of percentages, with some typed as fractions
            _fractions_among_percentages(cur, plans, kind, f)
            continue
        # (from the cell as written: the weighting read to two places has lost 0.025's last digit)
        cur.execute("UPDATE staged SET " + f + " = coalesce(CAST(TRY_CAST(trim(_raw_" + f + ") AS DECIMAL(12,6)) * 100 "
                    "AS DECIMAL(6,2)), " + f + " * 100) WHERE " + f + " IS NOT NULL")
        header = _header(plans, f, kind.labels[f])
        plans[0].notes.append(f"'{header}' holds fractions (0.1 for 10%), as a spreadsheet exports its percentages: "
                              f"read as percentages ({n:,} weighting{'s' if n != 1 else ''})")


def _fractions_among_percentages(cur, plans, kind: Kind, f: str) -> None:
    """A weighting typed as a fraction ("0.1", "0.05") in a column of percentages ("10%", "10", "5"),
    as a person typing into a cell with no format writes one: read as a percentage (0.1 as 10%), with
    a note saying how many and which, for a weighting of 1% or less is no real tender's (a "0.5%"
    written with its sign is left as it is). It was stored as 0.1%, below the policy's minimum, and
    said nothing. (f: the kind's own field name.)"""
    rows = cur.execute(
        "UPDATE staged SET " + f + " = coalesce(CAST(TRY_CAST(trim(_raw_" + f + ") AS DECIMAL(12,6)) * 100 AS DECIMAL(6,2)), "
        + f + " * 100) WHERE reason IS NULL AND " + f + " > 0 AND " + f + " < 1 AND strpos(_raw_" + f + ", '%') = 0 "
        "RETURNING rn, trim(_raw_" + f + ")").fetchall()
    if rows:
        row, raw = min(rows)
        header = _header(plans, f, kind.labels[f])
        plans[0].notes.append(f"{len(rows):,} weighting{'s' if len(rows) != 1 else ''} in '{header}' written as a "
                              f"fraction among percentages (row {row}: '{raw}'): read as a percentage ('{raw}' as "
                              f"{float(Decimal(raw) * 100):g}%)")


# A weighting given as a share of the whole evaluation, not of its quality element ("Social Value
# Weighting (% of total evaluation)", "% of overall score"): the header's words after "of".
_OF_THE_WHOLE = re.compile(r"\bof\s+(the\s+)?(total|overall|whole|entire)\b", re.I)


WHOLE_SHARE = 0.9  # of the contracts giving all three weightings, those whose three make 100


def _weights_make_the_whole(cur, plans) -> tuple[str, str, int, int] | None:
    """(the price column's header, the quality column's, the contracts whose three weightings make 100,
    those giving all three) when a register weights quality, price and social value side by side
    ("Quality %" 60, "Price %" 30, "Social Value %" 10 under one "Evaluation" heading) and on nine in
    ten contracts giving all three they add up to 100: social value is then a share of the whole
    evaluation, as a header saying "of the total" would say; None otherwise. The price column is the
    one column not used whose header names price or cost."""
    for plan in plans:
        for header_rn, last_rn, m in plan.segments:
            q, sv = m.columns.get("quality_pct"), m.columns.get("social_value_pct")
            price = [i for i in m.unused if i < len(m.headers) and m.headers[i]
                     and {"price", "cost", "commercial", "financial"} & set(tokens(m.headers[i]))]
            if q is None or sv is None or len(price) != 1:
                continue
            table, rn = mendable(cur, plan.sheet)
            n, whole = cur.execute(
                "SELECT count(*), count(*) FILTER (WHERE abs(s.quality_pct + r.p + s.social_value_pct - 100) <= 0.5) "
                "FROM staged s JOIN (SELECT " + rn + " AS rn, parse_register_pct(c" + str(int(price[0])) + ") AS p FROM "
                + table + ") r ON r.rn = s.rn WHERE s.sheet = ? AND s.rn > ? AND s.rn <= ? AND s.reason IS NULL "
                "AND s.quality_pct IS NOT NULL AND s.social_value_pct IS NOT NULL AND r.p IS NOT NULL",
                [plan.sheet.name, header_rn, last_rn]).fetchone()
            if n >= 3 and whole >= WHOLE_SHARE * n:
                return m.headers[price[0]], m.header_of("quality_pct"), whole, n
    return None


def _social_value_of_the_whole(cur, plans, kind: Kind) -> None:
    """Social value weighted as a share of the whole evaluation ("% of total evaluation", central
    government's way: PPN 06/20's 10% of the total score), where the policy's minimum is a share of the
    quality element (DOMAIN: at least 2.5% of quality): on a contract with its quality weighting, read
    as social value's share over quality's (2% of the whole with quality at 40% is 5% of quality),
    with a note; with none, kept as written, and said. Stored as written, 2% of the whole read as 2%
    of quality, under the minimum when it was over it."""
    if "social_value_pct" not in kind.fields or "quality_pct" not in kind.fields:
        return
    header = _header(plans, "social_value_pct", "")
    said = bool(_OF_THE_WHOLE.search(header or ""))
    summed = None if said else _weights_make_the_whole(cur, plans)
    if not said and summed is None:
        return
    # (m150: with a quality weighting to read it against, else kept as written)
    of_quality = "social_value_of_quality(social_value_pct, quality_pct)"
    read, kept = cur.execute("SELECT count(" + of_quality + "), count(*) - count(" + of_quality + ") FROM staged "
                             "WHERE reason IS NULL AND social_value_pct IS NOT NULL").fetchone()
    cur.execute("UPDATE staged SET social_value_pct = " + of_quality + " "
                "WHERE reason IS NULL AND social_value_pct IS NOT NULL AND " + of_quality + " IS NOT NULL")
    why = (f" (with '{summed[1]}' and '{summed[0]}', it makes 100 on {summed[2]:,} of {summed[3]:,} contracts)"
           if summed else "")
    note = (f"'{header}' gives social value as a share of the whole evaluation{why}: {read:,} weighting"
            f"{'s' if read != 1 else ''} read as a share of quality, the policy's measure (social value's share "
            f"over quality's: 2% of the whole with quality at 40% is 5% of quality)")
    if kept:
        note += f"; {kept:,} with no quality weighting to read it against kept as written"
    plans[0].notes.append(note)


def _weightings_in_words_note(cur, plans) -> None:
    """Say where a contracts register's weightings were read from words (columns.add_weightings_in_words),
    how, and how many contracts gave each."""
    m = next((m for p in plans for _, _, m in p.segments if m.weightings_in_words is not None), None)
    if m is None:
        return
    header = m.label(m.weightings_in_words)
    n, quality, sv = cur.execute("SELECT count(*), count(quality_pct), count(social_value_pct) FROM staged "
                                 "WHERE reason IS NULL").fetchone()
    read_sv = m.columns.get("social_value_pct") == m.weightings_in_words
    how = ("gives each contract's weightings in the order its header names them ("
           + ", ".join(m.weightings_in_order) + ")" if m.weightings_in_order
           else "writes each contract's evaluation in words")
    plans[0].notes.append(
        f"'{header}' {how}: the quality weighting read from it on {quality:,} of {n:,} contracts"
        + (f" and the social value weighting on {sv:,}, as a share of quality, the policy's measure "
           "(social value written beside quality, or within it, is a share of the whole: 10% with quality at 60% is "
           "16.67% of quality; one written 'of quality' is kept as written)" if read_sv else ""))


def _times_term(year: str) -> str:
    """SQL: the sum ``year`` (a year's) times the staged contract's term, start to end: whole months
    over 12 where the term is whole months, else days over 365.25; NULL without a start and an end."""
    return ("CASE WHEN end_date IS NULL OR start_date IS NULL THEN NULL "
            "WHEN day(CAST(end_date + INTERVAL 1 DAY AS DATE)) = day(start_date) "
            f"THEN round({year} * date_diff('month', start_date, CAST(end_date + INTERVAL 1 DAY AS DATE)) / 12, 2) "
            f"ELSE round({year} * (date_diff('day', start_date, end_date) + 1) / 365.25, 2) END")


def _years_sums_in_cells(cur, plans) -> None:
    """A contract's value written as a year's sum in its own cell ("£18,600 p.a.", m176): the year's
    times its term, as :func:`_annual_values` reads a column whose header says so, with a note; a
    contract with no end keeps no value. (After _annual_values: a cell read here is not read again.)"""
    if "_raw_value" not in _staged_columns(cur):
        return
    # (the year's sum read once, then multiplied: the reading is a large macro, planned once)
    cur.execute("ALTER TABLE staged ADD COLUMN IF NOT EXISTS _year_sum DECIMAL(14,2); UPDATE staged SET _year_sum = "
                "register_year_sum(_raw_value) WHERE value IS NULL AND reason IS NULL AND _raw_value IS NOT NULL")
    got = cur.execute(
        "UPDATE staged SET value = " + _times_term("_year_sum") + " WHERE _year_sum IS NOT NULL "
        "RETURNING sheet, rn, _raw_value, value IS NOT NULL").fetchall()
    if not got:
        return
    cur.execute("UPDATE staged SET amount_value = value WHERE _year_sum IS NOT NULL")  # (the batch's sum)
    for plan in plans:
        mine = sorted((rn, raw, kept) for sh, rn, raw, kept in got if sh == plan.sheet.name)
        if not mine:
            continue
        n, open_ended = sum(1 for *_, kept in mine if kept), sum(1 for *_, kept in mine if not kept)
        rn, raw, _ = mine[0]
        note = (f"{_where(plan.sheet.name)}{len(mine):,} value{'s' if len(mine) != 1 else ''} in "
                f"'{_header([plan], 'value', 'Value')}' {'are' if len(mine) != 1 else 'is'} a year's sum (row {rn} "
                f"'{raw}'): the contract's value is the year's times its term, start to end")
        if open_ended:
            note += (f"; {open_ended:,} with no end date or term keep{'s' if open_ended == 1 else ''} no value"
                     if n else " (none has an end date or term: no value kept)")
        plan.notes.append(note)


def _annual_values(cur, plans) -> None:
    """A contract's value given as a year's (its column's header says so): the contract's value is the
    year's times its term, start to end (whole months over 12, else days over 365.25), with a note; a
    contract with no end (nor term) keeps no value, as a sum by the year written in a cell does (m108).
    Taken for a year's, it would be the whole contract's: spend against value read thrice its share
    for a three-year contract."""
    sheets = sorted({plan.sheet.name for plan in plans for _, _, m in plan.segments
                     if m.columns.get("value") is not None and names_a_years_value(m.header_of("value"))})
    if not sheets:
        return
    moved = cur.execute(
        "UPDATE staged SET value = " + _times_term("value") + " WHERE list_contains(?::VARCHAR[], sheet) AND value IS NOT NULL "
        "RETURNING value IS NOT NULL AS kept, reason IS NULL AS entry", [sheets]).fetchall()
    # (the batch's sum is its contracts' values)
    cur.execute("UPDATE staged SET amount_value = value WHERE list_contains(?::VARCHAR[], sheet)", [sheets])
    n = sum(1 for kept, entry in moved if kept and entry)
    open_ended = sum(1 for kept, entry in moved if not kept and entry)
    header = _header(plans, "value", "Value")
    note = (f"'{header}' gives a year's value: each contract's value is a year's times its term, start to end "
            f"({n:,} contract{'s' if n != 1 else ''})")
    if open_ended:
        note += f"; {open_ended:,} with no end date or term keep{'s' if open_ended == 1 else ''} no value"
    plans[0].notes.append(note)


# The stage of a saving not made: planned or forecast, in the pipeline, at risk, withdrawn, not achieved.
_NOT_MADE = (r"\b(pipeline|planned|planning|proposed|potential|forecasts?|expected|anticipated|projected|"
             r"at[\s-]risk|withdrawn|cancell?ed|abandoned|rejected|on[\s-]hold|ideas?|opportunit(y|ies)|identified|"
             r"in[\s-]progress|pending|draft|awaiting|"
             r"not\s+(yet\s+)?(achieved|delivered|realised|realized|made|started))\b")


# An end written after the end first let, in the end's cell, with the words that say it changed:
# "extended to 31/03/2025", "revised: 30/09/2025", "terminated early on 30/06/2024", "now 31/03/2026".
_CHANGED_END = (r"\d.*?\b(?:extended|extension\s+taken|revised|varied|amended|terminated|ended|now)\b"
                r"(?:\s+early)?(?:\s+(?:to|until|till|on|at|from))?\s*[:\-–]?\s*(\d[^()]*\d|[a-z]{3,9}\.?\s+\d[^()]*\d)")


# A term written after the start date in its cell: "for 3 years", "(36 months", "for an initial term
# of 2 years + 1": the number and its unit, the first term only.
_TERM_IN_START = (r"\d\s*(?:for\s+|\(\s*)(?:an?\s+)?(?:initial\s+)?(?:(?:term|period)\s+of\s+)?"
                  r"(\d+(?:\.\d+)?\s*(?:years?|yrs?|months?|mths?))\b")


def _no_saving(cur, plans, kind: Kind) -> None:
    """A savings register's row whose saving is nothing (£0, and no part or month of it anything: a
    tender let at the budget, a proposal that delivered none yet) records no saving: set aside with the
    totals, not stored, and said (a list of tenders stored a £0 saving for each of them). A row that
    gives no sum at all is still quarantined, saying so."""
    if kind.name != "savings":
        return
    got = cur.execute(
        "UPDATE staged SET status = 'total' WHERE status = 'ok' AND amount = 0 AND coalesce(cashable, 0) = 0 "
        "AND coalesce(non_cashable, 0) = 0 AND coalesce(list_bool_and(list_transform(_months, "
        "lambda x: coalesce(x.a, 0) = 0)), TRUE) RETURNING sheet, project").fetchall()
    for sheet in dict.fromkeys(sh for sh, _ in got):
        rows = [p for sh, p in got if sh == sheet]
        plan = next((p for p in plans if p.sheet.name == sheet), plans[0])
        plan.notes.append(f"{_where(sheet)}{len(rows):,} row{'s' if len(rows) != 1 else ''} record{'' if len(rows) != 1 else 's'} "
                          f"no saving (£0: '{rows[0][:60]}'{', ...' if len(rows) > 1 else ''}): set aside with the "
                          "totals, not savings")


def _soft_notes(cur, plans, kind: Kind) -> None:
    """A note for each field whose cells could not be read on records that load all the same (left
    empty: unknown), naming the column, how many, the first rows and what they said."""
    cols = _staged_columns(cur)
    for f in kind.fields:
        if "_bad_" + f not in cols:
            continue
        # (an entry's cells only: a total's are none, "Cyfanswm / Total" | 15 | 4 under the SME and VCSE ticks)
        got = cur.execute("SELECT sheet, rn, _raw_" + f + " FROM staged WHERE _bad_" + f + " AND status = 'ok' "
                          "ORDER BY sheet, rn").fetchall()
        if not got:
            continue
        for plan in plans:
            mine = [(rn, v) for sh, rn, v in got if sh == plan.sheet.name]
            if not mine:
                continue
            header = _header([plan], f, kind.labels[f])
            shown = ", ".join(f"row {rn} '{v}'" for rn, v in mine[:5]) + (f" and {len(mine) - 5:,} more" if len(mine) > 5 else "")
            where = _where(plan.sheet.name)
            n = len(mine)
            plan.notes.append(f"{where}{n:,} cell{'s' if n != 1 else ''} of '{header}' could not be read as "
                              f"{_WHAT[kind.types[f]]} and {'were' if n != 1 else 'was'} left empty (unknown), "
                              f"the record{'s' if n != 1 else ''} loaded: {shown}")


def _blank_notes(cur, plans, kind: Kind) -> None:
    """A note for each field an entry may leave blank (Kind.may_be_blank) that entries did leave
    blank: how many, and the first rows, each named by the first field it must give (a contract's supplier)."""
    for f in kind.may_be_blank:
        who = next(g for g in kind.required if g not in kind.may_be_blank)  # (field names: the kind's own)
        got = cur.execute("SELECT sheet, rn, " + who + " FROM staged WHERE status = 'ok' AND " + f + " IS NULL "
                          "ORDER BY sheet, rn").fetchall()
        for plan in plans:
            mine = [(rn, who) for sh, rn, who in got if sh == plan.sheet.name]
            if not mine:
                continue
            n = len(mine)
            shown = ", ".join(f"row {rn}" + (f" ({who})" if who else "") for rn, who in mine[:3]) + (
                f" and {n - 3:,} more" if n > 3 else "")
            plan.notes.append(f"{_where(plan.sheet.name)}{n:,} {'entries give' if n != 1 else 'entry gives'} no "
                              f"'{_header([plan], f, kind.labels[f])}': kept without one, shown as {fmt.NONE} ({shown})")


def _postcode_notes(cur, plans, kind: Kind) -> None:
    """A note naming the postcodes of a supplier register that are no UK postcode, not even the outward
    code of one ("XX1", "N/A"): the supplier loads, but its postcode places it nowhere (its spend is not
    Lancashire's, the North West's or the rest of the UK's: Unknown, unless it is abroad). Said at the
    load, not only on the supplier's own panel: a register's new row with such a postcode replaces an
    older row's good one."""
    if kind.name != "suppliers" or not any(m.columns.get("postcode") is not None
                                           for plan in plans for _, _, m in plan.segments):
        return
    from lib.geo.postcodes import normalise

    got = cur.execute("SELECT sheet, rn, postcode FROM staged WHERE status = 'ok' AND nullif(trim(postcode), '') "
                      "IS NOT NULL ORDER BY sheet, rn").fetchall()
    bad = [(sh, rn, v) for sh, rn, v in got if normalise(v).outward is None]
    for plan in plans:
        mine = [(rn, v) for sh, rn, v in bad if sh == plan.sheet.name]
        if not mine:
            continue
        header = _header([plan], "postcode", kind.labels["postcode"])
        shown = ", ".join(f"row {rn} '{v}'" for rn, v in mine[:5]) + (f" and {len(mine) - 5:,} more" if len(mine) > 5 else "")
        n = len(mine)
        plan.notes.append(f"{_where(plan.sheet.name)}{n:,} cell{'s' if n != 1 else ''} of '{header}' "
                          f"{'are not UK postcodes' if n != 1 else 'is not a UK postcode'}: "
                          f"{'those suppliers are' if n != 1 else 'that supplier is'} loaded, but not placed by "
                          f"{'them' if n != 1 else 'it'} (the spend's location is unknown, unless the register says "
                          f"the supplier is abroad): {shown}")


# The savings as they are stored, from the staged rows that load (the preview shows these): a saving
# written as its parts (cashable, non-cashable) is a saving of each type, one row of the file stored as
# two savings, each with its row number; a part of nothing is no saving (a row whose parts are both
# nothing keeps its total, nothing too, of the type its column says). A register laid out by month
# stores each month's sum as a saving recorded in that month (and of its financial year); one laid out
# by financial year, each year's sum as a saving of that year. Columns:
# sheet, rn, project, fy, category, saving_type, amount, recorded_on.
_SPLIT = ("list_filter([{'t': 'Cashable', 'a': cashable}, {'t': 'Non-cashable', 'a': non_cashable}], "
          "lambda x: coalesce(x.a, 0) <> 0)")
_MONTHS_MADE = "list_filter(_months, lambda x: coalesce(x.a, 0) <> 0)"
# (a month with no year written is of the row's financial year, as a period beside a financial year is: m057;
# a column a financial year is month 0, the whole year: its saving is of that year, recorded on the day
# the row gives when that day is in the year, else on none)
_PIECES = ("CASE WHEN len(" + _MONTHS_MADE + ") > 0 THEN list_transform(" + _MONTHS_MADE + ", lambda x: "
           "{'t': x.t, 'a': x.a, 'd': CASE WHEN x.mo = 0 THEN make_date(x.yr, 4, 1) ELSE coalesce(make_date(x.yr, x.mo, 1), "
           "_in_fy(make_date(_fy_first_year(fy_parsed), x.mo, 1))) END, 'y': x.mo = 0}) "
           "WHEN len(" + _SPLIT + ") > 0 THEN list_transform(" + _SPLIT + ", lambda x: {'t': x.t, 'a': x.a, 'd': NULL::DATE, 'y': FALSE}) "
           "ELSE [{'t': NULL::VARCHAR, 'a': NULL::DECIMAL(14,2), 'd': NULL::DATE, 'y': FALSE}] END")
SAVINGS_STORED = (
    "SELECT sheet, rn, project, coalesce(fy_label(fy_start_of(part.d)), fy_parsed) AS fy, category, coalesce(part.t, CASE "
    # the public sector's two kinds: cashable (cash-releasing) and non-cashable (cost
    # avoidance, efficiency, productivity); a yes or no to "Cashable?"
    "WHEN regexp_matches(lower(saving_type), 'non[- ]?cash') THEN 'Non-cashable' "
    "WHEN regexp_matches(lower(saving_type), 'cash|releas|reduc') OR parse_bool(saving_type) THEN 'Cashable' "
    "WHEN regexp_matches(lower(saving_type), 'avoid|efficien|productiv') OR parse_bool(saving_type) = FALSE "
    "THEN 'Non-cashable' END) AS saving_type, coalesce(part.a, amount) AS amount, "
    "CASE WHEN part.y THEN CASE WHEN fy_start_of(recorded_on) = year(part.d) THEN recorded_on END "
    "ELSE coalesce(part.d, recorded_on) END AS recorded_on FROM staged, unnest(" + _PIECES + ") AS u(part) WHERE status = 'ok'")


# A supplier register's rows as they are stored: what the insert writes and the Upload page's preview
# shows (the postcode found in the address, a company number's zeros put back, ...).
# a VCSE heading's no: "Not VCSE", "Non-VCSE", "Not a charity", "Not third sector"
_NOT_VCSE = "^(not|non)[- ]?(an? )?(vcses?|voluntary|third[- ]sector|charity|social enterprise)\\b"

SUPPLIERS_STORED = (
    "SELECT * REPLACE ("
    # (a name it trades under beside its own, "Legal Name" | "Trading Name": the entry is "Legal T/A
    # Trading", as registers write it, so that spend under either name links to it: lib.suppliers)
    "CASE WHEN trading_name IS NOT NULL AND name IS NOT NULL AND supplier_key(trading_name) <> supplier_key(name) "
    "AND NOT regexp_matches(name, '" + TRADING_AS_RE + "') THEN name || ' T/A ' || trading_name ELSE name END AS name, "
    # (no postcode column: the postcode written last in the address, "12 Fishergate, Preston, PR1 2AB")
    # (a whole postcode written in lower case, without its space or with two, as the one way it is
    # written: "la10yb" is LA1 0YB; anything else is kept as written, for the note on it)
    "list_transform([coalesce(postcode, list_last(regexp_extract_all(upper(address), "
    "'\\b(" + _POSTCODE + ")\\b', 1)))], lambda p: CASE WHEN regexp_full_match(upper(trim(p)), '" + _POSTCODE
    + "') THEN regexp_replace(upper(trim(p)), '^(" + _OUTWARD + ")\\s*([0-9][A-Z]{2})$', '\\1 \\2') ELSE p END)[1] "
    "AS postcode, "
    # (a company number is eight characters: a spreadsheet that stored it as a number dropped its
    # leading zeros, 01234567 as 1234567)
    "CASE WHEN regexp_full_match(trim(company_number), '\\d{1,7}') THEN lpad(trim(company_number), 8, '0') "
    # (a company's number, or a VAT number, has digits: "n/a", "None", "Not registered" are none)
    "WHEN regexp_matches(company_number, '\\d') THEN company_number END AS company_number, "
    # a charity's number has digits (1234567, SC012345, NIC100001): "N/A", "Not a charity" are none
    "CASE WHEN regexp_matches(charity_number, '\\d') THEN charity_number END AS charity_number, "
    "CASE WHEN regexp_matches(vat_number, '\\d') THEN upper(replace(vat_number, ' ', '')) END AS vat_number, "
    # a yes or no under a VCSE heading is the VCSE answer, not a type ("Is the supplier a VCSE
    # organisation?"); a size there is the SME answer ("Supplier Type: SME / VCSE": SME, Large)
    "CASE WHEN parse_register_bool(vcse_type) IS NULL AND NOT regexp_matches(lower(trim(vcse_type)), '" + _NOT_VCSE
    + "') THEN vcse_type END AS vcse_type, "
    "coalesce(is_sme, CASE WHEN regexp_matches(lower(trim(vcse_type)), "
    "'^(smes?|micro|small|medium|large|non[- ]?sme)\\b') THEN parse_sme(vcse_type) END) AS is_sme, "
    "coalesce(is_vcse, parse_register_bool(vcse_type), "
    # a yes under a charity heading ("Registered Charity (Y/N)") says it is a charity, so a VCSE; a no
    # says only that it is not a charity (a CIC is a VCSE too): no answer
    "CASE WHEN NOT regexp_matches(coalesce(charity_number, ''), '\\d') AND parse_register_bool(charity_number) "
    "THEN TRUE END, "
    "CASE WHEN regexp_matches(lower(trim(vcse_type)), '^vcses?\\b') THEN TRUE "
    # ("Not VCSE", "Non-VCSE", "Not a charity" under a VCSE heading: the answer no)
    "WHEN regexp_matches(lower(trim(vcse_type)), '" + _NOT_VCSE + "') THEN FALSE "
    # the sector named in other words than supplier_facts reads ("Third sector organisation",
    # "Community group", "Faith-based organisation", "Non-profit organisation")
    "WHEN regexp_matches(lower(vcse_type), '\\b(third[- ]sector|community (group|organi[sz]ation)|"
    "faith[- ]based|non[- ]?profit)') THEN TRUE END) AS is_vcse), "
    "supplier_key(name) AS supplier_key FROM (SELECT * REPLACE (register_name_of(name_text(name)) AS name) FROM staged "
    "WHERE status = 'ok')")

# A contracts register's rows as they are stored. A framework's lot awarded to several suppliers, named
# in one cell ("Language Line Ltd; The Big Word Ltd", "A Ltd / B Ltd"): a contract with each (m007: one
# reference, one supplier), the supplier's ID kept only when the cell names one.
_SUPPLIERS_APART = "\\s*;\\s*|\\s+/\\s+|\\s*\\|\\s*"  # what parts suppliers named in one cell
CONTRACTS_STORED = (
    "SELECT * EXCLUDE (names, name) REPLACE (CASE WHEN len(names) = 1 THEN supplier_id END AS supplier_id, "
    "name AS supplier_name), supplier_key(name) AS supplier_key FROM (SELECT *, list_filter(list_transform(CASE "
    # (Contracts Finder packs each supplier as a record, "[Name|Address|Ref type|Ref Number|Is
    # SME|Is VCSE][Name|...]": each block's first field is a supplier, the rest is not one)
    "WHEN regexp_full_match(trim(supplier_name), '\\[[^\\]]*\\|[^\\]]*\\](\\s*[,;]?\\s*\\[[^\\]]*\\])*') "
    "THEN regexp_extract_all(supplier_name, '\\[([^|\\]]*)', 1) "
    # (a Welsh body's name in both its languages, "Prifysgol Bangor / Bangor University", is one
    # supplier, not two: its English name, as spend files write it; m121)
    "WHEN bilingual_english(supplier_name) IS NOT NULL THEN [bilingual_english(supplier_name)] "
    # (a joint venture named with its members in brackets, "Midland Metro Alliance (Colas Rail / Egis /
    # Balfour Beatty)", is one supplier: the marks that part suppliers are all inside the brackets)
    "WHEN NOT regexp_matches(regexp_replace(supplier_name, '\\([^()]*\\)', '', 'g'), '" + _SUPPLIERS_APART + "') "
    "THEN [supplier_name] "
    "ELSE string_split_regex(supplier_name, '" + _SUPPLIERS_APART + "') END, "
    # (each name without the details written after it on its line: m125)
    "lambda x: register_name_of(name_text(x))), lambda x: x IS NOT NULL) AS names "
    "FROM staged WHERE status = 'ok'), unnest(names) AS u(name)")


# Each register's rows as stored: (the statement, the columns of its table it fills)
_STORED = {
    "suppliers": (SUPPLIERS_STORED, "supplier_id, name, supplier_key, postcode, company_number, charity_number, "
                                    "vat_number, employees, turnover, balance_sheet, vcse_type, country, sole_trader, "
                                    "delivers_locally, delivers_locally_reason, is_sme, is_vcse"),
    "contracts": (CONTRACTS_STORED, "reference, title, supplier_id, supplier_name, supplier_key, start_date, end_date, "
                                    "value, route, collaborative, category, quality_pct, social_value_pct"),
    "savings": (SAVINGS_STORED, "project, fy, category, saving_type, amount, recorded_on"),
}


def stored_sql(kind: Kind) -> str:
    """The SELECT of a register's staged rows as they will be stored (one per entry stored: a contract
    with each supplier a row names, a saving of each part or month), columns named as the kind's table
    and fields; the insert and the Upload page's preview both read it."""
    return _STORED[kind.name][0]


def insert_register(cur, kind: Kind, batch_id: int) -> None:
    """Copy the staged ok rows into the kind's table, as :func:`stored_sql` reads them."""
    sql, columns = _STORED[kind.name]
    cur.execute("INSERT INTO " + kind.table + " (batch_id, sheet, row_number, " + columns + ") SELECT ?, sheet, rn, "
                + columns + " FROM (" + sql + ")", [batch_id])
