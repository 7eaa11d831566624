"""Which body each spend line belongs to, and which bodies are the store's own.

A body is known by its key (the ``body_key`` SQL macro, m017: case, punctuation and the ways
forces and PCC offices are written folded together), then by ``body_aliases`` (other spellings
staff have said are the same body). The store's own bodies (``bodies.own``: by default Lancashire
Constabulary and the PCC's office) are what every figure shows unless other bodies are chosen;
a file from any other body is loaded as a peer and never counted in the force's figures.

A line's body comes from the file's body column when it has one, else the body its title names
(:func:`named_in_title`: "Lancashire Fire and Rescue Service - Payments over £500"), else the body
chosen on upload (``--body`` on the command line), else the store's default body (``bodies.is_default``).
"""
from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

from lib import format as fmt


# What a public body calls itself: a title naming one holds one of these words (and a name of its
# own: a place, "Blackpool Council", not "Police" alone).
_BODY_WORDS = frozenset("""council constabulary police fire rescue authority trust nhs commissioner pcc opcc
    borough county university college ambulance parish mayor metropolitan combined force foundation""".split())
# Words that say what a title is about, not whose it is: a name is read up to the first of them
# ("Lancashire Constabulary Payments over £500 April 2024"), and a figure, a £ or a year ends it too.
_TITLE_CUT = re.compile(r"\b(payments?|paid|spend|spending|spent|expenditure|transactions?|invoices?|purchases?|"
                        r"over|above|exceeding|under|report|data|list|listing|schedule|transparency|suppliers?|"
                        r"published|publication|period|month|quarter|year|financial|for the)\b|[£$€\d(\[]", re.I)
_TITLE_PARTS = re.compile(r"\s[-–—]\s|[:|–—,;]|\s-|-\s")
# Words that name no one in particular: a title's name needs a word besides these and the body words.
_PLAIN_WORDS = frozenset("""the and of for in at on to by a an service services department directorate office
    finance procurement corporate central regional national local public group unit team division
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split())


def named_in_title(texts) -> str | None:
    """The public body a file's title names, or None. ``texts``: the cells above its header, in
    order. A part of a title (split at dashes, colons, bars and commas), read up to the first word
    of what the file is about (payments, spend, over, a figure...), names a body when it holds a
    word public bodies call themselves by (Council, Constabulary, Fire, Trust...) and a capitalised
    word of its own (a place): "Lancashire Fire and Rescue Service - Payments over £500 - April
    2024" names Lancashire Fire and Rescue Service; "Police expenditure over £500" names no one."""
    for text in texts:
        for part in _TITLE_PARTS.split(str(text or "")):
            cut = _TITLE_CUT.search(part)
            name = " ".join((part[:cut.start()] if cut else part).split()).strip(" .'\"")
            words = re.findall(r"[A-Za-z][A-Za-z'&.]*", name)
            if not 2 <= len(words) <= 10:
                continue
            lower = [w.lower().strip(".'") for w in words]
            if not _BODY_WORDS & set(lower):
                continue
            if any(w[0].isupper() and len(w) >= 3 and lw not in _BODY_WORDS and lw not in _PLAIN_WORDS
                   for w, lw in zip(words, lower)):
                return name
    return None


# Every district the postcode reference places, with its county and region (lib.peers reads the same file).
REGIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "reference" / "regions.csv"


def place_words(text: str) -> str:
    """A name as the words places are matched by: capitals, '&' as AND, anything else a space."""
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", (text or "").upper().replace("&", " AND ")).split())


def name_variants(name: str) -> set[str]:
    """The ways a name may hold a place's name: 'City of Kingston upon Hull' is also 'Kingston upon
    Hull', 'County Durham' also 'Durham'."""
    w = place_words(name)
    out = {w}
    for prefix in ("THE CITY OF ", "CITY OF ", "COUNTY OF ", "COUNTY "):
        if w.startswith(prefix) and len(w) > len(prefix) + 3:
            out.add(w[len(prefix):])
    return out


@functools.lru_cache(maxsize=1)
def place_names() -> dict[str, tuple[str, str, str]]:
    """{NAME IN CAPITALS: (code, kind, name)} for the regions, counties and districts of the
    reference (regions.csv); read without pandas, so the loader's command line need not import it."""
    with open(REGIONS_CSV, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    places = list(dict.fromkeys(
        (r[code_col], kind, r[name_col])
        for code_col, name_col, kind in (("district_code", "district_name", "district"),
                                         ("county_code", "county_name", "county"),
                                         ("region_code", "region_name", "region"))
        for r in rows if r[code_col]))
    out = {place_words(name): (code, kind, name) for code, kind, name in places}
    for code, kind, name in places:  # a shortened name never takes a full one ('City of London' is not London)
        for v in name_variants(name):
            out.setdefault(v, (code, kind, name))
    return out


def place_in_file_name(file_name: str, body_names) -> str | None:
    """The county, unitary or district a file's name gives ("hyndburn_spend250_2024-10.csv": Hyndburn;
    "devon_cc_over500_202503.csv": Devon) that no name of ``body_names`` holds, or None. A file named
    after a place its lines are not counted to is likely that place's council's (or another body's): the
    upload asks the person to check whose spend it is. Regions are not counted (a force's file may say
    "North West"); nor are places the bodies' own names give ("Lancashire")."""
    import os

    stem = os.path.splitext(os.path.basename(file_name or ""))[0]
    # camel case and letters run into figures are words of their own ("TraffordSpend2024")
    words = " " + place_words(re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", stem)) + " "
    owned = " " + " ".join(place_words(n) for n in body_names if n) + " "
    found = sorted((n for n, (_, kind, _) in place_names().items() if kind != "region" and len(n) >= 4
                    and f" {n} " in words), key=len, reverse=True)
    for n in found:
        if f" {n} " not in owned:
            return place_names()[n][2]
    return None


def file_name_note(file_name: str, body_names) -> str | None:
    """What to tell a person whose file's lines would all be counted to ``body_names`` (no column says
    whose they are) when the file's name gives another place (:func:`place_in_file_name`)."""
    place = place_in_file_name(file_name, body_names)
    if not place:
        return None
    whose = fmt.listed(list(body_names))
    return (f"the file's name gives {place}, a place not in the name of {whose}, whose spend its lines are "
            f"counted as: is the file another body's ({place}'s council, say)? Then say whose it is (on the Upload "
            "page, or --body NAME), and it is loaded as a peer, never into the force's figures")


# The store's own bodies, as SQL with no parameters (lib.filters puts it in every WHERE clause).
OWN_KEYS_SQL = "SELECT body_key FROM bodies WHERE own"


def key_of(cur, name: str | None) -> str | None:
    """The body a name stands for: its key, or the body its key is an alias of; None for blank."""
    if name is None:
        return None
    row = cur.execute(
        "SELECT coalesce(a.body_key, k.key) FROM (SELECT body_key(?) AS key) k "
        "LEFT JOIN body_aliases a ON a.alias_key = k.key", [str(name)]).fetchone()
    return row[0] if row else None


def keys_of(cur, names) -> dict:
    """{name: :func:`key_of` name} for many names in one statement (None for a blank one)."""
    texts = list(dict.fromkeys(str(n) for n in names if n is not None))
    found = dict(cur.execute(
        "SELECT k.n, coalesce(a.body_key, k.key) FROM (SELECT n, body_key(n) AS key FROM unnest(?::VARCHAR[]) t(n)) k "
        "LEFT JOIN body_aliases a ON a.alias_key = k.key", [texts]).fetchall()) if texts else {}
    return {n: None if n is None else found.get(str(n)) for n in names}


_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "upon", "at"}


def shown_name(name) -> str:
    """A body's name as a page shows it: spaces tidied, and a name written all in small letters (a short
    name a list keeps, "bolton") given its capitals ("Bolton"; "and", "of", "the" inside stay small)."""
    words = str(name).split()
    if any(c.isupper() for c in "".join(words)) or not any(c.isalpha() for c in "".join(words)):
        return " ".join(words)
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def ensure(cur, name: str, added_by: str | None = None) -> str | None:
    """The key of the body ``name`` stands for, adding it (not own) when the store does not know it.
    Inside the caller's write transaction."""
    return _add(cur, key_of(cur, name), name, added_by)


def _add(cur, key: str | None, name: str, added_by: str | None) -> str | None:
    """Add the body ``key`` under ``name`` when the store does not know it; return the key."""
    if key is None:
        return None
    cur.execute("INSERT INTO bodies (body_key, name, added_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [key, shown_name(name), added_by])
    return key


def default_key(cur) -> str:
    """The own body a line belongs to when neither its file nor the person loading it says."""
    row = cur.execute("SELECT body_key FROM bodies WHERE is_default AND own ORDER BY body_key LIMIT 1").fetchone()
    if row is None:
        row = cur.execute("SELECT body_key FROM bodies WHERE own ORDER BY body_key LIMIT 1").fetchone()
    if row is None:
        raise ValueError("the store has no own body: set one on the Bodies page")
    return row[0]


# A body named without its place ("OPCC", "PCC", "Office of the PCC", "Force", "Police") is the one of
# the force the file is about: that of the other bodies the file names ("Lancashire Constabulary"
# beside "OPCC"), else of the body chosen for the file (or the store's default). Its key alone would
# be a peer of its own, and a force's own PCC would drop out of the force's figures.
_PLACELESS = {"PCC": "Office of the Police and Crime Commissioner for {}", "CONSTABULARY": "{} Constabulary",
              "FORCE": "{} Constabulary"}
_PLACED = re.compile(r"^(?P<place>.+) (CONSTABULARY|PCC)$")


def _home_place(keys, fallback: str | None) -> str | None:
    """The place of the force a file is about: the one place its force and PCC keys name, else the
    fallback body's (None when that is not a force's or a PCC's)."""
    places = {m.group("place") for k in keys if k and (m := _PLACED.match(k))}
    if len(places) == 1:
        return places.pop()
    m = _PLACED.match(fallback or "")
    return m.group("place") if m and not places else None


def _keys_in_place(cur, raws: list, fallback: str | None, own: dict | None = None) -> dict:
    """{raw name: the key it stands for}, a name without its place read as the home force's
    (``own``: each raw name's own key, :func:`keys_of`, when the caller has them)."""
    keys = dict(own) if own is not None else keys_of(cur, raws)
    home = _home_place([k for k in keys.values() if k not in _PLACELESS], fallback)
    if home:
        for raw, key in keys.items():
            if key in _PLACELESS:
                keys[raw] = key_of(cur, _PLACELESS[key].format(home.title()))
    return keys


def stage(cur, names_sql: str, params: list, chosen: str | None = None, added_by: str | None = None) -> str:
    """Resolve the distinct body names a file gives (``names_sql`` selects them as ``body_raw``)
    into the temp table ``staged_bodies (body_raw, body_key)``, adding bodies the store does not
    know yet; return the key for lines that name none (the body chosen on upload, else the
    default). Inside the caller's write transaction."""
    fallback = ensure(cur, chosen, added_by) if chosen and chosen.strip() else default_key(cur)
    raws = [r[0] for r in cur.execute(names_sql, params).fetchall() if r[0] is not None]
    pairs = []
    own = keys_of(cur, raws)  # (each name keyed once: a key costs a statement)
    for raw, key in _keys_in_place(cur, raws, fallback, own).items():
        if key is not None and key != own[raw]:
            ensure(cur, _PLACELESS[own[raw]].format(_PLACED.match(key).group("place").title()), added_by)
        elif key is not None:
            _add(cur, key, raw, added_by)
        if key is not None:
            pairs.append((raw, key))
    cur.execute("CREATE OR REPLACE TEMP TABLE staged_bodies (body_raw VARCHAR, body_key VARCHAR)")
    if pairs:
        cur.executemany("INSERT INTO staged_bodies VALUES (?, ?)", pairs)
    return fallback


def preview(cur, names: list[str], chosen: str | None = None, lines: dict | None = None) -> list[dict]:
    """What a file's body names stand for, without writing: ``[{name, key, own, known}]`` for each
    distinct body (and for the chosen or default body when the file names none); with ``lines`` (each
    name's lines), the body with most lines first, as a load names them (:func:`batch_bodies`)."""
    out, seen = [], set()
    if not names:
        names = [chosen] if chosen and chosen.strip() else []
        if not names:
            key = default_key(cur)
            return [describe_key(cur, key) | {"given": None}]
    fallback = key_of(cur, chosen) if chosen and chosen.strip() else default_key(cur)
    placed = _keys_in_place(cur, names, fallback)
    for n in names:
        key = placed[n]
        if key is None or key in seen:
            continue
        seen.add(key)
        out.append(describe_key(cur, key, fallback_name=shown_name(n)) | {"given": n})
    if lines:
        per_key: dict = {}
        for n, c in lines.items():
            per_key[placed.get(n)] = per_key.get(placed.get(n), 0) + c
        out.sort(key=lambda b: -per_key.get(b["key"], 0))  # (stable: ties keep the names' order)
    return out


def describe_key(cur, key: str, fallback_name: str | None = None) -> dict:
    row = cur.execute("SELECT name, own FROM bodies WHERE body_key = ?", [key]).fetchone()
    if row is None:
        return {"key": key, "name": fallback_name or key, "own": False, "known": False}
    return {"key": key, "name": row[0], "own": bool(row[1]), "known": True}


def batch_bodies(cur, batch_id: int) -> list[dict]:
    """The bodies one batch's lines belong to: ``[{key, name, own, lines, amount, unnamed,
    unnamed_amount}]`` (``unnamed``: its lines whose body cell was empty), most lines first."""
    # the lines summed by body first, then named: a join of a few rows, not one a line
    rows = cur.execute(
        "SELECT t.body_key, coalesce(b.name, t.body_key), coalesce(b.own, FALSE), t.lines, t.amount, t.unnamed, "
        "t.unnamed_amount FROM (SELECT body_key, count(*) AS lines, sum(amount) AS amount, "
        "count(*) FILTER (WHERE body IS NULL) AS unnamed, sum(amount) FILTER (WHERE body IS NULL) AS unnamed_amount "
        "FROM transactions WHERE batch_id = ? GROUP BY body_key) t LEFT JOIN bodies b ON b.body_key = t.body_key "
        "ORDER BY t.lines DESC, 1", [int(batch_id)]).fetchall()
    return [{"key": k, "name": n, "own": o, "lines": c, "amount": a, "unnamed": u, "unnamed_amount": ua}
            for k, n, o, c, a, u, ua in rows]


def own_names(cur) -> list[str]:
    """The store's own bodies, by name (the default first)."""
    return [r[0] for r in cur.execute("SELECT name FROM bodies WHERE own ORDER BY is_default DESC, name").fetchall()]


def names_of(cur, keys) -> list[str]:
    """Names of the bodies ``keys`` (their keys where the store does not know them)."""
    keys = list(keys or [])
    if not keys:
        return own_names(cur)
    got = dict(cur.execute("SELECT body_key, name FROM bodies WHERE list_contains(?, body_key)", [keys]).fetchall())
    return [got.get(k, k) for k in keys]


def scope_text(cur, keys=()) -> str:
    """Whose figures these are, in words: 'Lancashire Constabulary and the Office of …' (the own
    bodies when ``keys`` is empty)."""
    names = names_of(cur, keys)
    if not names:
        return "no body"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# Each body's lines, spend, first and last period start and files: from the batches summed ahead
# (spend_by_body_batch, lib.summary) when up to date, else from the lines; the same figures either way.
_BODY_SUMS = {
    "spend_by_body_batch": "SELECT body_key, sum(lines)::BIGINT AS lines, sum(amount) AS amount, min(first_period) "
                           "AS first_month, max(last_period) AS last_month, count(DISTINCT batch_id) AS batches "
                           "FROM spend_by_body_batch GROUP BY body_key",
    "transactions": "SELECT body_key, count(*) AS lines, sum(amount) AS amount, min(period_start) AS first_month, "
                    "max(period_start) AS last_month, count(DISTINCT batch_id) AS batches "
                    "FROM transactions GROUP BY body_key",
}


def body_sums(cur) -> str:
    """The SQL of each body's sums (body_key, lines, amount, first_month, last_month, batches), a
    row for each body with spend: from the summary when it is up to date."""
    from lib import summary

    return _BODY_SUMS["spend_by_body_batch" if summary.answers(cur, "spend_by_body_batch", None) else "transactions"]


def all_bodies(cur):
    """Every body the store knows, own first: body_key, name, own, is_default, lines, amount,
    first and last payment month, batches."""
    from lib.rows import frame  # (pandas: the pages need it, a CLI load need not import it)

    return frame(cur, f"""
        SELECT b.body_key, b.name, b.own, b.is_default, coalesce(s.lines, 0) AS lines,
               coalesce(s.amount, 0)::DECIMAL(18,2) AS amount, s.first_month, s.last_month, coalesce(s.batches, 0) AS batches
        FROM bodies b LEFT JOIN ({body_sums(cur)}) s ON s.body_key = b.body_key
        ORDER BY b.own DESC, coalesce(s.lines, 0) DESC, b.name""")


def aliases(cur):
    from lib.rows import frame

    return frame(cur, "SELECT a.alias_key, a.body_key, b.name FROM body_aliases a "
                      "LEFT JOIN bodies b ON b.body_key = a.body_key ORDER BY b.name, a.alias_key")


def set_own(cur, keys: list[str], default: str, who: str | None = None) -> None:
    """Make ``keys`` the store's own bodies and ``default`` (one of them) the default. Inside the
    caller's write transaction. ValueError when none is chosen or the default is not among them."""
    keys = [k for k in keys if k]
    if not keys:
        raise ValueError("choose at least one body as the store's own")
    if default not in keys:
        raise ValueError("the default body must be one of the store's own")
    known = {r[0] for r in cur.execute("SELECT body_key FROM bodies").fetchall()}
    missing = [k for k in keys if k not in known]
    if missing:
        raise ValueError(f"unknown body: {', '.join(missing)}")
    cur.execute("UPDATE bodies SET own = list_contains(?, body_key), is_default = (body_key = ?)", [keys, default])


def add_body(cur, name: str, who: str | None = None) -> str:
    """Add a body by name (not own); return its key. ValueError for a blank name."""
    key = ensure(cur, name, who)
    if key is None:
        raise ValueError("a body needs a name")
    return key


def add_alias(cur, spelling: str, body_key: str, who: str | None = None) -> str:
    """Say that ``spelling`` is the body ``body_key``: later files so spelt belong to it, and lines
    already loaded under that spelling's own body move to it. Inside the caller's write transaction."""
    alias = cur.execute("SELECT body_key(?)", [spelling]).fetchone()[0]
    if alias is None:
        raise ValueError("the spelling is blank")
    if cur.execute("SELECT count(*) FROM bodies WHERE body_key = ?", [body_key]).fetchone()[0] == 0:
        raise ValueError(f"unknown body: {body_key}")
    if alias == body_key:
        return alias
    cur.execute("INSERT OR REPLACE INTO body_aliases (alias_key, body_key, added_by) VALUES (?, ?, ?)",
                [alias, body_key, who])
    cur.execute("UPDATE transactions SET body_key = ? WHERE body_key = ?", [body_key, alias])
    cur.execute("UPDATE batches SET body_key = ? WHERE body_key = ?", [body_key, alias])
    cur.execute("DELETE FROM bodies WHERE body_key = ? AND NOT own", [alias])
    cur.execute("UPDATE summary_state SET inputs = NULL")  # lines changed body: the summaries are rebuilt
    return alias


def choices(cur) -> list[str]:
    """Body names to choose from on upload: the default own body first, the other own bodies, then
    the peers already loaded."""
    return [r[0] for r in cur.execute(
        "SELECT name FROM bodies ORDER BY is_default DESC, own DESC, name").fetchall()]


def save_own(db, keys: list[str], default: str, who: str | None = None) -> None:
    """:func:`set_own` in a write transaction of its own (the Bodies page)."""
    from lib import store

    with store.write(db) as cur:
        set_own(cur, keys, default, who)


def save_alias(db, spelling: str, body_key: str, who: str | None = None) -> str:
    """:func:`add_alias` in a write transaction of its own (the Bodies page)."""
    from lib import store

    with store.write(db) as cur:
        return add_alias(cur, spelling, body_key, who)


def settle(cur, batch_id: int, fallback: str | None = None, chosen: bool = True) -> list[dict]:
    """The bodies of a batch just written (:func:`batch_bodies`), once every line's key is a body the
    store knows: a name first met past the lines read ahead (the one-pass load keys it with the
    ``body_key`` macro alone) follows the aliases, and a new body is added (not own). Lines whose
    body cell is empty in a file whose other lines all name one body are that body's, when no body
    was chosen for the file (:func:`_unnamed_follow`). Inside the caller's write transaction; one
    pass over the batch's lines, more only when a key moved."""
    found = _settled(cur, batch_id, fallback)
    if not chosen and _unnamed_follow(cur, batch_id, fallback or default_key(cur), found):
        return batch_bodies(cur, batch_id)
    return found


def _unnamed_follow(cur, batch_id: int, fallback: str, found: list[dict]) -> bool:
    """An Environment Agency month names the agency on 289 lines and leaves the cell empty on one:
    that line went to the store's default body, the force, and into its figures. When the lines
    keyed to the default are only lines that name no body, and the file's other lines name one body
    alone, the empty cells are that body's too (the lines are moved; True). A file naming several
    bodies is left as it is: :func:`unnamed_note` says so."""
    keys = {b["key"] for b in found}
    if fallback not in keys or len(keys) != 2:
        return False
    default = next(b for b in found if b["key"] == fallback)
    if not default["unnamed"] or default["unnamed"] != default["lines"]:
        return False
    cur.execute("UPDATE transactions SET body_key = ? WHERE batch_id = ? AND body_key = ?",
                [(keys - {fallback}).pop(), int(batch_id), fallback])
    return True


def settle_batch(cur, batch_id: int, fallback: str | None, chosen: bool) -> tuple[list[dict], str | None]:
    """Both loaders' last word on a batch's bodies: :func:`settle` them, record the body with most lines
    as the batch's, and say what :func:`unnamed_note` says. Returns (the bodies, the note or None)."""
    found = settle(cur, batch_id, fallback, chosen)
    if found:
        cur.execute("UPDATE batches SET body_key = ? WHERE batch_id = ?", [found[0]["key"], int(batch_id)])
    return found, unnamed_note(cur, batch_id, fallback, found)


def unnamed_note(cur, batch_id: int, fallback: str | None, bodies: list[dict]) -> str | None:
    """What to tell the person when lines that name no body, in a file whose other lines name
    bodies, were counted as the body chosen for the file or the store's default (None otherwise)."""
    fallback = fallback or default_key(cur)
    default = next((b for b in bodies if b["key"] == fallback), None)
    if len(bodies) < 2 or default is None or not default.get("unnamed"):
        return None
    n, amount, name = default["unnamed"], default["unnamed_amount"], default["name"]
    return (f"{n:,} line{'s' if n != 1 else ''} ({fmt.money(amount)}) name{'s' if n == 1 else ''} no body where the "
            f"file's other lines do: counted as {name}'s, the body chosen for the file or the store's default (if "
            "they are another body's, remove the batch and load it again, choosing whose it is)")


def _settled(cur, batch_id: int, fallback: str | None) -> list[dict]:
    found = batch_bodies(cur, batch_id)
    moved = False
    home = _home_place([b["key"] for b in found if b["key"] not in _PLACELESS], fallback or default_key(cur))
    for b in found:
        if b["key"] in _PLACELESS and home:  # "OPCC" first met past the lines read ahead: the home force's
            key = ensure(cur, _PLACELESS[b["key"]].format(home.title()))
            cur.execute("UPDATE transactions SET body_key = ? WHERE batch_id = ? AND body_key = ?",
                        [key, int(batch_id), b["key"]])
            moved = True
            continue
        alias = cur.execute("SELECT body_key FROM body_aliases WHERE alias_key = ?", [b["key"]]).fetchone()
        if alias:
            cur.execute("UPDATE transactions SET body_key = ? WHERE batch_id = ? AND body_key = ?",
                        [alias[0], int(batch_id), b["key"]])
            moved = True
        elif b["name"] == b["key"]:  # not in bodies yet: named as the file first spells it
            spelt = cur.execute("SELECT any_value(body) FROM transactions WHERE batch_id = ? AND body_key = ?",
                                [int(batch_id), b["key"]]).fetchone()[0]
            cur.execute("INSERT INTO bodies (body_key, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        [b["key"], shown_name(spelt or b["key"])])
            moved = True
    return batch_bodies(cur, batch_id) if moved else found


def has_peers(cur) -> bool:
    """True when the store holds any line of a body that is not its own (whose figures is then a choice):
    asked of the month summary when it is up to date (a row for every body with lines), else of the lines."""
    from lib import summary

    return bool(cur.execute(_HAS_PEERS_SQL["spend_by_month" if summary.by_month(cur, None) else "transactions"])
                .fetchone()[0])


_HAS_PEERS_SQL = {
    "spend_by_month": "SELECT EXISTS (SELECT 1 FROM spend_by_month WHERE body_key NOT IN (SELECT body_key FROM bodies "
                      "WHERE own))",
    "transactions": "SELECT EXISTS (SELECT 1 FROM transactions WHERE body_key NOT IN (SELECT body_key FROM bodies "
                    "WHERE own))",
}


def no_spend_text(cur, keys=()) -> str:
    """What to say when the chosen bodies (``keys``; the store's own when empty) show no spend:
    whose figures these are, whether any of their spend is loaded at all (the store may hold only
    peers'), and what to do."""
    chosen = scope_text(cur, keys)
    keys = list(keys or [r[0] for r in cur.execute(OWN_KEYS_SQL).fetchall()])
    loaded = cur.execute("SELECT EXISTS (SELECT 1 FROM transactions WHERE list_contains(?, body_key))", [keys]).fetchone()[0]
    if loaded:
        return (f"No spend of {chosen} matches these filters. Widen them under Filters at the top of the page, "
                "or press Clear all.")
    others = [r[0] for r in cur.execute(
        "SELECT b.name FROM bodies b WHERE NOT list_contains(?, b.body_key) AND EXISTS "
        "(SELECT 1 FROM transactions t WHERE t.body_key = b.body_key) ORDER BY b.own DESC, b.name", [keys]).fetchall()]
    own_chosen = not keys or set(keys) <= {r[0] for r in cur.execute(OWN_KEYS_SQL).fetchall()}
    whose = "the store's own bodies" if own_chosen else "the bodies chosen"
    text = f"Figures for {chosen}: no spend of {whose} is loaded yet."
    if others:
        held = others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1]
        files = "the force's files" if own_chosen else "their files"
        text += (f" The store holds spend of {held} only. Upload {files} on the Upload page, or choose a body "
                 "under Filters → Bodies at the top of the page to see its figures.")
    else:
        text += " Upload their files on the Upload page."
    return text
