"""Redaction: what the tool proposes, how staff decisions apply, and that publishing fails closed."""
import re
from decimal import Decimal as D

import pytest

from lib import store
from lib.publish import redaction as r

PEOPLE = ["Mr J Smith", "Mrs A Nuttall", "Ms D Evans", "Miss R Kowalski", "Dr L Kenyon", "Mx K Patel",
          "Mr C Mistry t/a Mistry Vehicle Recovery", "MRS W WHITE", "J Smith", "Jane Smith", "Smith J A"]
ORGANISATIONS = ["Lancashire County Council", "Blackpool Teaching Hospitals NHS Foundation Trust",
                 "University of Central Lancashire", "Preston College", "Colne Rape Crisis", "Victim Support",
                 "Rossendale Women's Aid", "Acme Ltd", "Dr Martens Ltd", "MSAB AB", "Lyon Optique Tactique SAS",
                 "Crown Commercial Service", "HM Courts & Tribunals Service", "Screwfix", "Royal Mail Group",
                 "Bluelight Commercial", "Runcorn Street Pastors", "Chorley Mind Matters", "BT", "Amazon",
                 "St Catherine's Hospice", "Blackburn Cathedral",
                 # (m132: public bodies and care providers with no company form, from councils' and the
                 # Greater London Authority's lists, proposed as people before)
                 "London Councils", "Planning Inspectorate", "Public Health England", "Berkshire East PCT",
                 "AXA PPP Healthcare", "Age Concern Slough", "Oxford Economic Forecasting", "Kingsmead Nursing Home"]


@pytest.fixture
def rules(fresh_db):
    return r.load_rules(fresh_db)


@pytest.mark.parametrize("name", PEOPLE)
def test_people_are_proposed(rules, name):
    assert r.name_reason(name, rules) in ("person_title", "person_name")


@pytest.mark.parametrize("name", ORGANISATIONS)
def test_organisations_are_not(rules, name):
    assert r.name_reason(name, rules) is None


@pytest.mark.parametrize("name", ["REDACTED PERSONAL DATA", "Withheld", "*****", "Redacted - commercial"])
def test_already_redacted_is_the_stores_one_rule(fresh_db, name):
    """A name its publisher had redacted is the store's is_redacted_name rule (m002), the one the
    loader marks is_redacted with; the proposals never ask name_reason about those lines."""
    assert store.cursor(fresh_db).execute("SELECT is_redacted_name(?)", [name]).fetchone()[0] is True


# (batch, sheet, row, date, amount, supplier_name, supplier_key, is_redacted, category, description)
ROWS = [
    (1, "", 2, "2024-04-10", "1000.00", "Mr John Smith", "MR JOHN SMITH", False, "Interpreters", "Interpreting 3 April"),
    (1, "", 3, "2024-05-10", "250.00", "Mr John Smith", "MR JOHN SMITH", False, "Interpreters", "Interpreting 9 May"),
    (1, "", 4, "2024-04-11", "5000.00", "Acme Ltd", "ACME", False, "Vehicle Parts", "Brakes"),
    (1, "", 5, "2024-04-12", "800.00", "Acme Ltd", "ACME", False, "Witness Expenses", "Hotel for witness"),
    (1, "", 6, "2024-04-13", "300.00", "REDACTED", "REDACTED", True, "Informant Payments", "Payment"),
    (1, "", 7, "2024-04-14", "1200.00", "Pat Quinlan Plumbing", "PAT QUINLAN PLUMBING", False, "Repairs", "Boiler"),
    (1, "", 8, "2024-04-15", "700.00", "Lancashire County Council", "LANCASHIRE COUNTY COUNCIL", False, "Rates", "-rates"),
]
TOTAL = sum(D(x[4]) for x in ROWS)


@pytest.fixture
def red_db(fresh_db):
    with store.write(fresh_db) as cur:
        cur.execute("""INSERT INTO batches (batch_id, file_name, file_sha256, rows_read, rows_loaded, rows_quarantined,
                       rows_total_lines) VALUES (1, 'spend.csv', 'x', 7, 7, 0, 0)""")
        cur.executemany(
            """INSERT INTO transactions (batch_id, sheet, row_number, payment_date, period_start, fy, fy_start, amount,
                   supplier_name, supplier_key, is_redacted, department, category, description, body, transaction_ref)
               VALUES (?, ?, ?, ?, ?, '2024/25', 2024, ?, ?, ?, ?, 'Ops', ?, ?, 'Lancashire Constabulary', 'T' || ?)""",
            [(b, s, n, d, d, D(a), name, key, red, cat, desc, n) for b, s, n, d, a, name, key, red, cat, desc in ROWS])
        # The register says the plumber is a sole trader (a name with no title or company form).
        cur.execute("""INSERT INTO supplier_register (batch_id, sheet, row_number, supplier_id, name, supplier_key, sole_trader)
                       VALUES (1, '', 2, 'S9', 'Pat Quinlan Plumbing', 'PAT QUINLAN PLUMBING', TRUE)""")
        cur.execute("INSERT INTO supplier_links VALUES ('PAT QUINLAN PLUMBING', 'ID:S9', 'name', NULL)")
    return fresh_db


def _published(db):
    lines = r.published_lines(db, "2024/25")
    return lines, {ref: (b, red) for ref, b, red in zip(lines["Transaction reference"], lines["Beneficiary"], lines["redacted"])}


def test_proposals_people_sole_traders_categories_and_source(red_db):
    p = r.proposals(red_db, "2024/25")
    sup = p["suppliers"].set_index("supplier_key")
    assert set(sup.index) == {"MR JOHN SMITH", "PAT QUINLAN PLUMBING"}
    assert "personal title" in sup.loc["MR JOHN SMITH", "reasons"]
    assert "sole trader" in sup.loc["PAT QUINLAN PLUMBING", "reasons"]
    assert sup.loc["MR JOHN SMITH", "amount"] == D("1250.00") and sup.loc["MR JOHN SMITH", "lines"] == 2
    lines = p["lines"].set_index("row_number")
    assert set(lines.index) == {5, 6}  # the witness line and the line redacted at source
    assert lines.loc[6, "status"] == "redacted at source" and lines.loc[5, "status"] == "pending"
    # undecided: Mr Smith's two lines, the sole trader's and the witness line; the informant line,
    # redacted at source, is withheld already and left to no one (the Snapshot page counted it)
    assert r.pending_lines(red_db, "2024/25") == 4
    assert int(r.line_status(store.cursor(red_db), "2024/25", flagged_only=True)["pending"].sum()) == 4


def test_fails_closed_and_amounts_stay(red_db):
    lines, by_ref = _published(red_db)
    assert sum(lines["Amount"], D(0)) == TOTAL  # every amount in the total
    assert by_ref["T2"] == ("REDACTED PERSONAL DATA", True)  # undecided: withheld
    assert by_ref["T5"] == ("REDACTED PERSONAL DATA", True)  # witness category (its rule's label)
    assert by_ref["T6"] == ("REDACTED OTHER", True)  # source said only REDACTED
    assert by_ref["T7"] == ("REDACTED PERSONAL DATA", True)  # sole trader
    assert by_ref["T4"] == ("Acme Ltd", False) and by_ref["T8"] == ("Lancashire County Council", False)
    assert set(r.withheld_names(red_db, "2024/25")) == {"Mr John Smith", "Pat Quinlan Plumbing"}
    # the purpose of a withheld line is withheld too
    assert not lines[lines["redacted"]]["Purpose"].str.contains("Interpreting|Hotel|Boiler").any()


def test_decisions_apply_and_are_recorded(red_db):
    r.decide_suppliers(["PAT QUINLAN PLUMBING"], "clear", None, "Limited company since 2023", "a.buyer", db=red_db)
    r.decide_suppliers(["MR JOHN SMITH"], "redact", r.COMMERCIAL, "Contract terms", "a.buyer", db=red_db)
    r.decide_lines([(1, "", 5)], "clear", None, "Hotel chain, not a witness's name", "b.buyer", db=red_db)
    _, by_ref = _published(red_db)
    assert by_ref["T7"] == ("Pat Quinlan Plumbing", False)
    assert by_ref["T2"] == (r.COMMERCIAL, True) and by_ref["T3"] == (r.COMMERCIAL, True)
    assert by_ref["T5"] == ("Acme Ltd", False)
    hist = r.decisions(red_db)
    assert list(hist["decided_by"]) == ["b.buyer", "a.buyer", "a.buyer"]
    assert hist["decided_at"].notna().all() and set(hist["reason"]) >= {"Contract terms"}
    # The latest decision wins; the earlier one stays in the trail.
    r.decide_suppliers(["PAT QUINLAN PLUMBING"], "redact", r.PERSONAL, "Confirmed a sole trader", "c.buyer", db=red_db)
    _, by_ref = _published(red_db)
    assert by_ref["T7"] == (r.PERSONAL, True)
    assert len(r.decisions(red_db)) == 4
    p = r.proposals(red_db, "2024/25")["suppliers"].set_index("supplier_key")
    assert p.loc["PAT QUINLAN PLUMBING", "decided_by"] == "c.buyer" and p.loc["PAT QUINLAN PLUMBING", "status"] == "redacted"


def test_a_line_clear_does_not_clear_the_supplier(red_db):
    with store.write(red_db) as cur:
        cur.execute("UPDATE transactions SET category = 'Witness Expenses' WHERE row_number = 2")
    r.decide_lines([(1, "", 2)], "clear", None, "not a witness payment", "a.buyer", db=red_db)
    _, by_ref = _published(red_db)
    assert by_ref["T2"] == (r.PERSONAL, True)  # still a person nobody cleared


def test_staff_can_redact_a_line_nobody_proposed(red_db):
    r.decide_lines([(1, "", 4)], "redact", r.COMMERCIAL, "Price is commercially sensitive", "a.buyer", db=red_db)
    _, by_ref = _published(red_db)
    assert by_ref["T4"] == (r.COMMERCIAL, True) and by_ref["T8"][1] is False


@pytest.mark.parametrize("args, message", [
    (("redact", None, "why", "me"), "label"),
    (("redact", "REDACTED", "why", "me"), "label"),
    (("clear", None, "  ", "me"), "why"),
    (("clear", None, "why", ""), "who"),
    (("maybe", None, "why", "me"), "decision"),
])
def test_decisions_are_validated(red_db, args, message):
    with pytest.raises(ValueError, match=message):
        r.decide_suppliers(["ACME"], *args, db=red_db)
    assert r.decisions(red_db).empty


def test_source_redacted_lines_cannot_be_cleared(red_db):
    with pytest.raises(ValueError, match="source"):
        r.decide_lines([(1, "", 6)], "clear", None, "why", "me", db=red_db)
    r.decide_lines([(1, "", 6)], "redact", r.OTHER, "informant", "me", db=red_db)  # a label may be confirmed
    _, by_ref = _published(red_db)
    assert by_ref["T6"] == (r.OTHER, True)


def test_sensitive_categories_are_data_staff_edit(red_db):
    r.set_rule("sensitive_category", "vehicle parts", r.OTHER, "test", who="me", db=red_db)
    lines = r.proposals(red_db, "2024/25")["lines"]
    assert 4 in set(lines["row_number"])
    _, by_ref = _published(red_db)
    assert by_ref["T4"] == (r.OTHER, True)
    r.remove_rule("sensitive_category", "vehicle parts", db=red_db)
    _, by_ref = _published(red_db)
    assert by_ref["T4"] == ("Acme Ltd", False)
    with pytest.raises(ValueError, match="pattern"):
        r.set_rule("sensitive_category", "(unclosed", r.OTHER, db=red_db)


def test_a_rule_in_words_matches_them_whole_in_any_case(red_db):
    pattern = r.set_category_words(["vehicle  parts", "C&D (ops)", "a.b"], r.OTHER, "test", who="me", db=red_db)
    rx = re.compile(pattern, re.I)
    assert rx.search("VEHICLE PARTS") and rx.search("Vehicle   parts and tyres") and not rx.search("vehicle partsmith")
    assert rx.search("c&d (ops) costs") and rx.search("fees: a.b") and not rx.search("axb") and not rx.search("ca.b")
    assert 4 in set(r.proposals(red_db, "2024/25")["lines"]["row_number"])  # Vehicle Parts, row 4
    _, by_ref = _published(red_db)
    assert by_ref["T4"] == (r.OTHER, True)
    with pytest.raises(ValueError, match="at least one word"):
        r.set_category_words([" ", ""], db=red_db)


def test_rules_are_shown_as_their_words_and_typed_patterns_as_patterns(red_db):
    r.set_category_words(["Witness protection", "informant"], db=red_db)
    shown = {p: r.rule_text(p) for p in r.rules_frame(red_db).query("kind == 'sensitive_category'")["pattern"]}
    assert "Witness protection, informant" in shown.values()
    assert shown["informant"] == "pattern: informant"  # the strategy's defaults are patterns
    assert shown["ex[- ]?gratia|settlement|tribunal award"] == "pattern: ex[- ]?gratia|settlement|tribunal award"
    for words in (["witness"], ["a|b", "x\\", "(1) £5+"], ["victim payment", "Victim Payment"]):
        assert r.words_of(r.pattern_from_words(words)) == r.split_words("\n".join(words))


def test_the_preview_lists_the_lines_a_rule_would_catch_before_it_is_saved(red_db):
    before = r.rules_frame(red_db)
    pv = r.category_rule_preview(r.pattern_from_words(["vehicle parts", "repairs"]), red_db, limit=1)
    assert (pv["lines"], pv["amount"], pv["new_lines"]) == (2, D("6200.00"), 2)
    assert list(pv["categories"]["category"]) == ["Vehicle Parts", "Repairs"]  # largest first
    assert len(pv["first"]) == 1 and pv["first"].iloc[0]["supplier_name"] == "Pat Quinlan Plumbing"  # newest first
    assert r.rules_frame(red_db).equals(before)  # nothing saved by looking
    witness = r.category_rule_preview(r.pattern_from_words(["witness", "repair"]), red_db, words=["witness", "repair"])
    assert (witness["lines"], witness["new_lines"]) == (1, 0)  # the default rule already catches it
    assert witness["quiet"] == ["repair"]  # 'Repairs' is another word
    odd = r.category_rule_preview(r.pattern_from_words(["'; DROP TABLE transactions; --"]), red_db)
    assert odd["lines"] == 0 and odd["first"].empty
    assert store.cursor(red_db).execute("SELECT count(*) FROM transactions").fetchone()[0] == len(ROWS)


def test_demo_force_people_proposed_no_public_bodies(demo_db):
    p = r.proposals(demo_db, "2024/25")["suppliers"]
    names = list(p["supplier_name"])
    assert names and all(n.split()[0] in ("Mr", "Mrs", "Ms", "Miss", "Dr", "Mx") for n in names), names
    cur = store.cursor(demo_db)
    titled = {n for (n,) in cur.execute(
        "SELECT DISTINCT supplier_name FROM transactions WHERE fy = '2024/25' AND regexp_matches(supplier_name, '^(Mr|Mrs|Ms|Miss|Dr) ')"
    ).fetchall()}
    assert titled == set(names)


# ---- a withheld person under other spellings -------------------------------------------------

QUIGLEY = [  # (row, supplier_name, supplier_key, description, transaction_ref)
    (2, "Mr Jonathan Quigley", "MR JONATHAN QUIGLEY", "Expenses", "T1"),
    (3, "jonathan quigley", "JONATHAN QUIGLEY", "Expenses", "T2"),
    (4, "Acme Ltd", "ACME", "Refund re Jonathan Quigley, overpaid", "T3"),
    (5, "Acme Ltd", "ACME", "Mileage QUIGLEY, JONATHAN", "T4"),
    (6, "Acme Ltd", "ACME", "Taxi for J. Quigley", "J. Quigley"),
    (7, "Quigley Engineering Ltd", "QUIGLEY ENGINEERING", "Lathe repair", "T6"),
    (8, "Acme Ltd", "ACME", "Paid to Mr. J Quigley", "QUIGLEY J"),
]
VARIANTS = ["jonathan quigley", "Jonathan Quigley", "QUIGLEY, JONATHAN", "J. Quigley", "Mr Jonathan Quigley",
            "Quigley J", "Mr. J Quigley", "J.Quigley", "Dr Quigley"]


@pytest.fixture
def quigley_db(fresh_db):
    with store.write(fresh_db) as cur:
        cur.execute("""INSERT INTO batches (batch_id, file_name, file_sha256, rows_read, rows_loaded, rows_quarantined,
                       rows_total_lines) VALUES (1, 'spend.csv', 'q', 7, 7, 0, 0)""")
        cur.executemany(
            """INSERT INTO transactions (batch_id, sheet, row_number, payment_date, period_start, fy, fy_start, amount,
                   supplier_name, supplier_key, is_redacted, department, category, description, body, transaction_ref)
               VALUES (1, '', ?, DATE '2024-05-01', DATE '2024-05-01', '2024/25', 2024, ?, ?, ?, FALSE, 'Ops',
                       'Travel', ?, 'Lancashire Constabulary', ?)""",
            [(n, D("100.00") * n, name, key, desc, ref) for n, name, key, desc, ref in QUIGLEY])
    r.decide_suppliers(["MR JONATHAN QUIGLEY"], "redact", r.PERSONAL, "a private individual", "Tester", db=fresh_db)
    return fresh_db


def test_person_variants_follow_the_rule(rules):
    m = r.PersonMatcher(["Mr Jonathan Quigley"], rules)
    for text in VARIANTS + ["Refund re Jonathan Quigley…", "Mileage QUIGLEY, JONATHAN", "J A Quigley"]:
        assert m.search(text), text
    for text in ["Quigley Engineering Ltd", "Jonathan Smith", "Quigleys Bakery", "J Quigleyson", "Jonathan"]:
        assert m.search(text) is None, text
    assert r.person_from_name("QUIGLEY, JONATHAN", rules) == r.person_from_name("Mr Jonathan Quigley", rules)
    assert r.person_from_name("Quigley Engineering Ltd", rules) is None


def test_a_surname_and_the_initial_after_it_are_two_words(rules):
    # A published Devon supplier: withheld as a person, surname "Work", initial "S". The surname run
    # into its initial ("Works", a real expense type) is a different word, never this person.
    m = r.PersonMatcher(["S KELLY SOCIAL WORK"], rules)
    for text in ["Works", "Capital Works", "Highway works", "Jonathan Quigleyj"]:
        assert m.search(text) is None, text
    for text in ["Work, S", "WORK S", "S. Work", "Mr Work"]:
        assert m.search(text), text
    assert r.PersonMatcher(["Mr Jonathan Quigley"], rules).search("QuigleyJonathan") is None


def test_a_withheld_person_is_withheld_under_every_spelling(quigley_db, tmp_path):
    from lib.publish import snapshot

    pub = r.published_lines(quigley_db, "2024/25")
    assert sum(pub["Amount"], D("0")) == sum(D("100.00") * n for n, *_ in QUIGLEY)  # amounts stay
    text = pub[["Body", "Department", "Beneficiary", "Purpose", "Category", "Transaction reference"]].to_csv()
    assert "quigley" not in text.replace("Quigley Engineering Ltd", "").lower(), text
    by_row = dict(zip(range(2, 9), pub.to_dict("records")))
    assert by_row[3]["Beneficiary"] == r.PERSONAL and by_row[3]["redacted"]  # the lower-case spelling
    assert by_row[4]["Purpose"] == f"Refund re [{r.PERSONAL}], overpaid" and by_row[4]["Beneficiary"] == "Acme Ltd"
    assert by_row[6]["Transaction reference"] == f"[{r.PERSONAL}]"
    assert by_row[7]["Beneficiary"] == "Quigley Engineering Ltd" and not by_row[7]["redacted"]
    out = tmp_path / "snap"
    snapshot.write_snapshot(out, "2024/25", db=quigley_db)
    files = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file())
    assert "Quigley Engineering Ltd" in files
    m = r.withheld_people(quigley_db, "2024/25")
    assert m.search(files) is None


def test_the_leak_check_catches_every_spelling(quigley_db, tmp_path):
    """If a bug let a spelling through, the pre-publication check fails closed."""
    from lib.publish import snapshot

    people = r.withheld_people(quigley_db, "2024/25")
    folder = tmp_path / "snap"
    (folder / "spend").mkdir(parents=True)
    month = folder / "spend" / "2024-05.csv"
    for variant in VARIANTS:
        month.write_text(f'Beneficiary,Purpose\nAcme Ltd,"Refund re {variant}"\n')
        with pytest.raises(snapshot.LeakError):
            snapshot._leak_check(folder, people)
    month.write_text("Beneficiary,Purpose\nQuigley Engineering Ltd,Lathe\n")
    snapshot._leak_check(folder, people)  # the firm alone: no false alarm
    (folder / "index.html").write_text("<td>Mileage QUIGLEY,&#32;JONATHAN</td>")  # entity-encoded
    with pytest.raises(snapshot.LeakError):
        snapshot._leak_check(folder, people)


def test_a_bug_that_skips_redaction_stops_the_snapshot(quigley_db, tmp_path, monkeypatch):
    from lib.publish import snapshot

    real = r.published_lines

    def leaky(db, fy):  # what a regression would publish: the purpose column unredacted
        df = real(db, fy)
        return df.assign(Purpose=[x.replace(f"[{r.PERSONAL}]", "Jonathan Quigley") for x in df["Purpose"]])

    monkeypatch.setattr(r, "published_lines", leaky)
    with pytest.raises(snapshot.LeakError, match="Jonathan Quigley"):
        snapshot.write_snapshot(tmp_path / "s", "2024/25", db=quigley_db)
    assert not (tmp_path / "s").exists()
