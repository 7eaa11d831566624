"""The Redactions page's sensitive categories in words, through AppTest: staff type words, see the
lines the rule would catch before saving, and the rules are listed as words."""
from __future__ import annotations

from decimal import Decimal as D

from apptools import labels, open_app, pounds, shown
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
