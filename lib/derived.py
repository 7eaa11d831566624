"""Everything the store computes from its other tables, brought up to date by one step.

:func:`refresh` runs at the end of every write transaction (``lib.store.write``, which loads,
removals, register and contract edits, match decisions, settings and building the postcode
reference all go through) and when a store is opened (not one made just now: it holds nothing to
derive, and its first write brings every part up to date), so whichever order files, registers and
the postcode reference arrive in, the derived data is what it would have been in any other.
The parts, in the order they depend on each other:

    links      supplier_links: spend supplier → register supplier (lib.suppliers), from the
               spend's names, IDs and VAT numbers (summed by supplier in supplier_spend, which a
               new batch's lines are added to), the register, staff edits and match decisions; when
               only lines were added, only the suppliers they name are linked again
    locations  supplier_locations: each register supplier's ring, district and point, from the
               register, staff edits and the postcode reference
    register   register_kept: the current register as the supplier pages read it, one row a supplier
               with its SME and VCSE answers, ring and district (lib.suppliers), from the register,
               staff edits, the locations and the euro rate of the EU SME test; never moved by spend
    cover      transactions.covered_by: each line's covering contract (lib.cover, which keeps its
               own fingerprint and recomputes only the lines a change can have moved)
    summary    spend_by_month and spend_by_supplier: spend summed ahead for the pages (lib.summary,
               which keeps its own fingerprint: a new batch's lines are added, anything else rebuilds),
               and from them the filter bar's lists and the scorecard's spend split (a new batch's
               rows added while what the kept rows were summed from stands)
    redaction  redaction_names, redaction_categories, redaction_flagged: what redaction may touch,
               per supplier name and category, and the lines concerned (lib.publish.flagged, which
               keeps its own fingerprint and reads the summary's per-batch line counts)
    fuzzy      fuzzy_kept: Match review's candidates, each spend supplier scored once against the
               register (lib.suppliers.refresh_fuzzy: new keys only, every key when the register's
               names change)
    shapes     district_shapes: redrawn when the postcode reference they came from changed (they
               are drawn on first use, lib.geo.shapes; never drawn here the first time)

Each part's fingerprint (counts and hashes of its inputs, a few milliseconds) is stored in
``derived_state`` when the part is computed; a write recomputes only the parts whose fingerprint
moved, so a monthly spend file links its own suppliers, covers its own lines and adds its own sums,
reading its own lines and never the store's (its cost does not grow with the store), and never
recomputes locations or shapes. :func:`stale` names the parts whose stored answer no longer
matches their inputs (a store written outside ``lib.store.write``).
"""
from __future__ import annotations

# What the parts are computed from, each by counts and hashes cheap enough to check at every write.
# Batches of a kind by count and ids: a load or a removal moves them (ids are never reused).
_BATCHES = "count(*) || ':' || coalesce(sum(batch_id), 0) || ':' || coalesce(max(batch_id), 0) FROM batches"
_ITEMS = {
    "spend batches": f"{_BATCHES} WHERE kind = 'spend'",
    "register batches": f"{_BATCHES} WHERE kind = 'suppliers'",
    "lines": "count(*) FROM transactions",
    "register rows": "count(*) FROM supplier_register",
    "supplier edits": "count(*) || ':' || coalesce(max(edit_id), 0) FROM supplier_edits",
    "decisions": "count(*) || ':' || coalesce(bit_xor(hash(spend_key, supplier_ref, decision, decided_at)), 0) "
                 "FROM match_decisions",
    "reference": "coalesce(string_agg(source_sha256 || ':' || rows || ':' || built_at, ','), '') FROM reference_meta "
                 "WHERE name = 'codepoint'",
    "reference file": "coalesce(max(source_sha256), '') FROM reference_meta WHERE name = 'codepoint'",
    "postcodes": "count(*) FROM postcodes",
    "districts": "count(*) FROM districts",
    "outward codes": "count(*) FROM outward_codes",
    "euro rate": "coalesce(max(value), '') FROM settings WHERE name = 'gbp_per_eur'",
}
_INPUTS = {
    "links": ("spend batches", "register batches", "lines", "register rows", "supplier edits", "decisions"),
    "locations": ("register batches", "register rows", "supplier edits", "reference", "postcodes", "districts",
                  "outward codes"),
    "register": ("register batches", "register rows", "supplier edits", "reference", "postcodes", "districts",
                 "outward codes", "euro rate"),
    "shapes": ("reference file",),
}
PARTS = ("links", "locations", "register", "cover", "summary", "redaction", "fuzzy", "shapes")
# Every input now and every part's stored fingerprint in one query of plain rows (as scalar
# subqueries of one SELECT the planner alone took tens of milliseconds; this runs at every write).
_STATE_SQL = (" UNION ALL ".join(f"SELECT '{name}', ({sql.split(' FROM ')[0]})::VARCHAR FROM {sql.split(' FROM ', 1)[1]}"
                                 for name, sql in _ITEMS.items())
              + " UNION ALL SELECT 'stored ' || part, inputs FROM derived_state")


def _state(cur) -> dict[str, tuple[str, str | None]]:
    """{part: (fingerprint of its inputs now, fingerprint it was computed from)}."""
    got = dict(cur.execute(_STATE_SQL).fetchall())
    return {part: ("|".join(got[i] for i in items), got.get("stored " + part)) for part, items in _INPUTS.items()}


_HAS_SUPPLIERS = "SELECT EXISTS (SELECT 1 FROM supplier_register) OR EXISTS (SELECT 1 FROM supplier_edits)"


# What may move a link besides lines added: anything else re-links every supplier.
_LINK_RULES = ("register batches", "register rows", "supplier edits", "decisions")


def _links(cur, now: str, was: str | None) -> str | None:
    # Nothing to link to (no register, no staff-added supplier, no decision): no links, and no
    # need to sum the spend by supplier (or to import pandas, dear for a CLI load) to find that out.
    if cur.execute(_HAS_SUPPLIERS + " OR EXISTS (SELECT 1 FROM match_decisions)").fetchone()[0]:
        from lib import suppliers

        # The spend summed by supplier first: a batch added gives the suppliers its lines name.
        keys = suppliers.refresh_spend_sums(cur)
        items = _INPUTS["links"]
        before = dict(zip(items, was.split("|"))) if was and len(was.split("|")) == len(items) else {}
        rules_moved = not before or any(before[i] != v for i, v in zip(items, now.split("|")) if i in _LINK_RULES)
        suppliers.refresh_links(cur, None if rules_moved else keys)
        return None if rules_moved or keys is None else "added"
    else:
        cur.execute("DELETE FROM supplier_links")
        # nor are the spend sums kept: the first write that links builds them from the lines
        if cur.execute("SELECT EXISTS (SELECT 1 FROM supplier_spend_batches)").fetchone()[0]:
            for table in ("supplier_spend", "supplier_spend_batches"):
                cur.execute("DELETE FROM " + table)
            cur.execute("UPDATE supplier_spend_state SET merged_rows = 0")


def _locations(cur, now=None, was=None) -> None:
    if cur.execute(_HAS_SUPPLIERS).fetchone()[0]:
        from lib import suppliers

        suppliers.refresh_locations(cur)
    else:
        cur.execute("DELETE FROM supplier_locations")


def _register(cur, now=None, was=None) -> None:
    # No register and no staff-added supplier (a spend file into a new store): nothing to keep, and
    # the views are not planned (tens of milliseconds a load would pay).
    if cur.execute(_HAS_SUPPLIERS).fetchone()[0]:
        from lib import suppliers

        suppliers.refresh_register(cur)
    else:
        cur.execute("DELETE FROM register_kept")


def _shapes(cur, now=None, was=None) -> None:
    # Drawn before from another reference: redraw (seconds, only when the reference is rebuilt).
    if cur.execute("SELECT EXISTS (SELECT 1 FROM reference_meta WHERE name = 'district_shapes')").fetchone()[0]:
        from lib.geo import shapes

        if not shapes.shapes_built(cur=cur):
            shapes.store_shapes(cur, shapes.compute_shapes(cur))


_APPLY = {"links": _links, "locations": _locations, "register": _register, "shapes": _shapes}


def refresh(cur) -> dict:
    """Bring every derived part up to date, inside the caller's write transaction; recompute only
    the parts whose inputs moved. Returns {part: what was done} ('none', 'computed', or lib.cover's
    scope for 'cover'; and 'facts', the scorecard's spend split kept with the summary)."""
    from lib import cover, summary
    from lib.publish import flagged

    state = _state(cur)
    done, cover_changed = {}, None
    for part in PARTS:
        if part == "cover":  # after the links, which it reads
            covered = cover.refresh(cur)
            done[part], cover_changed = covered["scope"], covered["batches_changed"]
            continue
        if part == "summary":  # after the cover, which it sums by
            done[part] = summary.refresh(cur, cover_changed, done)  # and done['facts']
            continue
        if part == "redaction":  # after the links (sole traders) and the summary (batches)
            done[part] = flagged.refresh(cur)
            continue
        if part == "fuzzy":  # Match review's candidates: after the summary (the spend keys)
            from lib import suppliers

            done[part] = suppliers.refresh_fuzzy(cur)
            continue
        now, was = state[part]
        if now == was:
            done[part] = "none"
            continue
        how = _APPLY[part](cur, now, was)
        cur.execute("INSERT OR REPLACE INTO derived_state (part, inputs) VALUES (?, ?)", [part, now])
        done[part] = how or "computed"
    return done


def stale(cur) -> list[str]:
    """The parts whose stored answer was computed from inputs other than today's (empty when every
    derived table is up to date)."""
    from lib import cover, summary
    from lib.publish import flagged

    state = _state(cur)
    from lib import suppliers

    fresh = {"cover": cover.is_fresh, "summary": summary.is_fresh, "redaction": flagged.is_fresh,
             "fuzzy": suppliers.fuzzy_fresh}
    return [p for p in PARTS if not (fresh[p](cur) if p in fresh else state[p][0] == state[p][1])]
