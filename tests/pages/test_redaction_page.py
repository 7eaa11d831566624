"""The Redactions page's sensitive categories in words, through AppTest: staff type words, see the
lines the rule would catch before saving, and the rules are listed as words."""
from __future__ import annotations

from decimal import Decimal as D

from apptools import labels, open_app, pounds, shown, table_with
from conftest import rows_of as q
from lib.publish import redaction


def test_a_rule_is_typed_as_words_previewed_then_saved(small_store):
    at = open_app("pages/redactions.py")
    rules = next(t for t in at.dataframe if "words" in t.value.columns)
    assert "pattern: informant" in set(rules.value["words"])  # the strategy's defaults are patterns
    assert "pattern" not in labels(rules)  # the stored pattern is not what staff read
    assert not any(b.key == "red_rule_add" for b in at.button)  # nothing to add before words are typed

    at.text_area(key="red_rule_words").input("vehicles, UTILITIES\ngas").run()
    assert not at.exception, [e.value for e in at.exception]
    # Vehicles: 1000.00, -200.00, 300.00; Utilities: 2500.50, 1200.00 (gas is a description, not a category)
    assert any("This rule would catch 5 lines** (£4,800.50, every year) in 2 categories; 5 of them are not "
               "caught by any rule yet" in m.value for m in at.markdown)
    assert any("No category holds “gas” as a whole word" in c.value for c in at.caption)
    preview = next(t for t in at.dataframe if "description" in t.value.columns)
    assert labels(preview) == {"date": "Date", "supplier_name": "Supplier (as published)", "category": "Category",
                               "description": "Description", "amount": "Amount"}
    text = shown(preview)
    assert list(text["description"])[0] == "Gas" and sum(pounds(text["amount"])) == D("4800.50")  # newest first
    assert q(small_store, "SELECT count(*) FROM redaction_rules WHERE set_by <> 'default'")[0][0] == 0  # not saved yet

    at.selectbox(key="red_rule_label").select(redaction.COMMERCIAL).run()
    at.button(key="red_rule_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    stored = q(small_store, "SELECT pattern, label FROM redaction_rules WHERE kind = 'sensitive_category' AND set_by <> 'default'")
    assert stored == [(redaction.pattern_from_words(["vehicles", "UTILITIES", "gas"]), redaction.COMMERCIAL)]
    rules = next(t for t in at.dataframe if "words" in t.value.columns)
    assert "vehicles, UTILITIES, gas" in set(rules.value["words"])
    assert at.text_area(key="red_rule_words").value == ""  # ready for the next rule
    assert any("Rule added" in s.value for s in at.success)


def test_many_proposed_suppliers_are_narrowed_by_words_and_decided_together(fresh_db, tmp_path):
    """A borough's month proposed 285 suppliers as people, most of them care homes and nurseries with
    no company form ("Kingsmead Care Home", "Sunbeam Day Nursery"), each ticked by hand. Staff now
    type words to show only those, select all shown, and clear them with one decision; the people
    stay proposed, and only the suppliers shown were decided."""
    from lib.ingest import load_file

    names = ["Kingsmead Care Home", "Rosedene Care Home", "Sunbeam Day Nursery", "Willow Nursery",
             "Mr John Smith", "Jane Doe", "Viridian Housing", "Acme Ltd"]
    csv = tmp_path / "spend_2024-05.csv"
    csv.write_text("Payment Date,Supplier Name,Amount\n"
                   + "".join(f"{10 + k:02d}/05/2024,{n},{100 + k}.00\n" for k, n in enumerate(names)), encoding="utf-8")
    load_file(csv, db=fresh_db)
    at = open_app("pages/redactions.py")
    assert at.metric[0].value == "7"  # every name without a company form: Acme Ltd alone is not proposed

    at.text_input(key="red_sup_words").input("care home, NURSERY").run()
    assert not at.exception, [e.value for e in at.exception]
    shown_names = set(table_with(at, "supplier_name", "reasons").value["supplier_name"])
    assert shown_names == {"Kingsmead Care Home", "Rosedene Care Home", "Sunbeam Day Nursery", "Willow Nursery"}
    at.checkbox(key="red_sup_all").check().run()
    assert any("4 supplier(s) selected" in m.value for m in at.markdown)
    at.radio(key="red_sup_decision").set_value("clear")
    at.text_input(key="red_sup_reason").input("care homes and nurseries: organisations, not people")
    next(b for b in at.button if "Record decision" in b.label and "lines" not in b.label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    decided = q(fresh_db, "SELECT supplier_key, decision FROM redaction_decisions WHERE scope = 'supplier' ORDER BY 1")
    assert decided == [("KINGSMEAD CARE HOME", "clear"), ("ROSEDENE CARE HOME", "clear"),
                       ("SUNBEAM DAY NURSERY", "clear"), ("WILLOW NURSERY", "clear")]

    at.text_input(key="red_sup_words").input("").run()
    at.checkbox(key="red_sup_undecided").check().run()
    left = set(table_with(at, "supplier_name", "reasons").value["supplier_name"])
    assert left == {"Mr John Smith", "Jane Doe", "Viridian Housing"}  # still proposed, undecided: withheld


def test_the_redactions_page_says_demo_data_and_carries_the_licence_line_as_every_staff_page(small_store):
    from lib import store

    with store.write(small_store) as cur:
        cur.execute("UPDATE batches SET is_demo = TRUE WHERE batch_id = 2")
    at = open_app("pages/redactions.py")
    assert any("Demo data" in w.value for w in at.warning)
    assert any("Open Government Licence v3.0" in c.value for c in at.caption)
