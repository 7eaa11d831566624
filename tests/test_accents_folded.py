"""A supplier written with an accent in one file and without in another is one supplier (m142).

The key kept A to Z and 0 to 9 and made anything else a space: "Café Nero Ltd" was "CAF NERO", apart
from "Cafe Nero Limited" ("CAFE NERO"), so the firm was two suppliers in every list and the accented
spelling matched no register entry written plainly. A store keyed the old way is keyed again when it
opens, and what staff decided of a supplier under its old key (above all, a person's name withheld)
holds under the new one.
"""
from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from conftest import rows_of as q
from lib import store
from lib.demo_suppliers_build import supplier_key as python_twin
from lib.ingest import load_file
from lib.publish import redaction

# The key as m001 wrote it, to make a store as an older version left it.
OLD_KEY = r"""CREATE OR REPLACE MACRO supplier_key(name) AS
    trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        ' ' || trim(regexp_replace(regexp_replace(upper(coalesce(name, '')), '&', ' AND ', 'g'), '[^A-Z0-9]+', ' ', 'g')) || ' ',
        ' T A .*$', ' '),
        '^ THE ', ' '), ' THE $', ' '),
        '( (LIMITED|LTD|PLC|LLP|L L P|P L C|PUBLIC LIMITED COMPANY))+ $', ' '))"""


@pytest.mark.parametrize("name, key", [
    ("Café Nero Ltd", "CAFE NERO"),
    ("CAFE NERO LIMITED", "CAFE NERO"),
    ("Müller Straße GmbH", "MULLER STRASSE GMBH"),
    ("Øresund & Co A/S", "ORESUND AND CO A S"),
    ("Łódź Æon Œuvre Þing Đak", "LODZ AEON OEUVRE THING DAK"),
    ("Cwmni Ŵyn Cyf", "CWMNI WYN CYF"),
    ("The Naïve Café T/A Naïve", "NAIVE CAFE"),
    ("20/20 Vision – Optometrists Ltd", "20 20 VISION OPTOMETRISTS"),
])
def test_an_accent_is_read_as_its_letter_in_the_store_and_its_python_twin(fresh_db, name, key):
    assert q(fresh_db, "SELECT supplier_key(?)", [name]) == [(key,)]
    assert python_twin(name) == key


def _spend(path, names, day="15/05/2024"):
    path.write_text("Date,Supplier Name,Amount\n" + "".join(f"{day},{n},{100 + i}.50\n" for i, n in enumerate(names)),
                    encoding="utf-8")
    return path


def test_spellings_with_and_without_accents_are_one_supplier_linked_to_the_register(fresh_db, tmp_path):
    reg = tmp_path / "suppliers.csv"
    reg.write_text("Supplier ID,Supplier Name,Postcode\nS1,Cafe Nero Ltd,PR1 2HE\nS2,Muller Services GmbH,BB1 1AA\n")
    load_file(reg, db=fresh_db, kind="suppliers")
    load_file(_spend(tmp_path / "may.csv", ["Café Nero Ltd", "CAFÉ NERO LIMITED", "Müller Services GmbH"]), db=fresh_db)
    load_file(_spend(tmp_path / "june.csv", ["Cafe Nero", "Muller Services GMBH"], "14/06/2024"), db=fresh_db)
    assert q(fresh_db, "SELECT supplier_key, count(*), sum(amount) FROM transactions GROUP BY 1 ORDER BY 1") == [
        ("CAFE NERO", 3, Decimal("100.50") + Decimal("101.50") + Decimal("100.50")),
        ("MULLER SERVICES GMBH", 2, Decimal("102.50") + Decimal("101.50")),
    ]
    assert q(fresh_db, "SELECT spend_key, supplier_ref FROM supplier_links ORDER BY 1") == [
        ("CAFE NERO", "ID:S1"), ("MULLER SERVICES GMBH", "ID:S2")]
    assert q(fresh_db, "SELECT supplier_key, sum(lines) FROM supplier_spend GROUP BY 1 ORDER BY 1") == [
        ("CAFE NERO", 3), ("MULLER SERVICES GMBH", 2)]


def test_a_long_file_loaded_in_one_pass_keys_the_same(fresh_db, tmp_path):
    path = tmp_path / "spend.csv"
    names = ["Café Nero Ltd", "Cafe Nero Ltd", "Nestlé UK Ltd", "Nestle UK Ltd"]
    path.write_text("Date,Supplier Name,Amount\n" + "".join(
        f"{i % 28 + 1:02d}/05/2024,{names[i % 4]},10.00\n" for i in range(8_000)), encoding="utf-8")
    res = load_file(path, db=fresh_db)
    assert res.rows_loaded == 8_000
    assert q(fresh_db, "SELECT supplier_key, count(*) FROM transactions GROUP BY 1 ORDER BY 1") == [
        ("CAFE NERO", 4_000), ("NESTLE UK", 4_000)]


def test_a_store_keyed_the_old_way_is_keyed_again_and_keeps_staff_decisions(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEND_NO_DEMO", "1")
    db = tmp_path / "old.duckdb"
    reg = tmp_path / "suppliers.csv"
    reg.write_text("Supplier Name,Postcode\nCafé Nero Ltd,PR1 2HE\n")
    con_ = tmp_path / "contracts.csv"
    con_.write_text("Contract Reference,Title,Supplier Name,Start Date,End Date,Contract Value,Route to Market\n"
                    "C-1,Coffee,Café Nero Ltd,01/04/2024,31/03/2026,\"5,000\",Own tender\n")
    load_file(reg, db=db, kind="suppliers")
    load_file(con_, db=db, kind="contracts")
    load_file(_spend(tmp_path / "may.csv", ["Café Nero Ltd", "José García", "José García", "Acme Ltd"]), db=db)
    store.close(db)

    # As an older version left it: its key, its keys, and staff decisions made on them.
    con = duckdb.connect(str(db))
    con.execute(OLD_KEY)
    for table, name in (("transactions", "supplier_name"), ("supplier_register", "name"), ("contracts", "supplier_name")):
        con.execute(f"UPDATE {table} SET supplier_key = supplier_key({name}) WHERE supplier_key <> 'REDACTED'")
    assert con.execute("SELECT DISTINCT supplier_key FROM transactions ORDER BY 1").fetchall() == [
        ("ACME",), ("CAF NERO",), ("JOS GARC A",)]
    con.execute("INSERT INTO redaction_decisions (scope, supplier_key, decision, label, reason, decided_by) "
                "VALUES ('supplier', 'JOS GARC A', 'redact', 'REDACTED PERSONAL DATA', 'a person', 'clerk')")
    con.execute("INSERT INTO supplier_edits (supplier_ref, field, old_value, new_value, edited_by) "
                "VALUES ('KEY:CAF NERO', 'employees', NULL, '40', 'clerk')")
    con.execute("INSERT INTO contract_edits (contract_id, field, old_value, new_value, reason, edited_by) "
                "VALUES ('C-1|KEY:CAF NERO', 'social_value_pct', NULL, '10', 'from the tender', 'clerk')")
    con.execute("INSERT INTO match_decisions (spend_key, supplier_ref, decision, decided_by) "
                "VALUES ('JOS GARC A', 'KEY:CAF NERO', 'reject', 'clerk')")
    con.execute("DELETE FROM _migrations WHERE name = 'm142_accents_folded'")
    con.close()

    assert q(db, "SELECT supplier_key(?)", ["José García"]) == [("JOSE GARCIA",)]  # migrated on opening
    assert q(db, "SELECT DISTINCT supplier_key FROM transactions ORDER BY 1") == [
        ("ACME",), ("CAFE NERO",), ("JOSE GARCIA",)]
    assert q(db, "SELECT supplier_key FROM supplier_register") == [("CAFE NERO",)]
    assert q(db, "SELECT contract_id FROM contracts_current") == [("C-1|KEY:CAFE NERO",)]
    # the person stays withheld; the firm keeps its staff answer and its contract's weighting
    status = redaction.line_status(db=db)
    jose = status[status["supplier_key"] == "JOSE GARCIA"]
    assert len(jose) == 2 and jose["redact"].all() and set(jose["label"]) == {"REDACTED PERSONAL DATA"}
    assert not jose["pending"].any()
    published = redaction.published_lines(db=db)
    assert "José García" not in set(published["Beneficiary"])
    assert (published["Beneficiary"] == "REDACTED PERSONAL DATA").sum() == 2
    assert q(db, "SELECT employees FROM suppliers_current WHERE supplier_ref = 'KEY:CAFE NERO'") == [(40,)]
    assert q(db, "SELECT social_value_pct FROM contracts_current WHERE contract_id = 'C-1|KEY:CAFE NERO'")[0][0] == 10
    assert q(db, "SELECT spend_key, supplier_ref, decision FROM match_decisions ORDER BY 1") == [
        ("JOS GARC A", "KEY:CAF NERO", "reject"), ("JOSE GARCIA", "KEY:CAFE NERO", "reject")]
    # every derived answer follows the lines' new keys
    assert q(db, "SELECT supplier_key, sum(lines) FROM supplier_spend GROUP BY 1 ORDER BY 1") == [
        ("ACME", 1), ("CAFE NERO", 1), ("JOSE GARCIA", 2)]
    assert q(db, "SELECT spend_key, supplier_ref FROM supplier_links") == [("CAFE NERO", "KEY:CAFE NERO")]
    assert q(db, "SELECT DISTINCT supplier_key FROM spend_by_supplier_key ORDER BY 1") == [
        ("ACME",), ("CAFE NERO",), ("JOSE GARCIA",)]
