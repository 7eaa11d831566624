"""The public store: what the public site reads, written with redactions applied, holding no
withheld name anywhere, and the only thing public mode opens (the staff store may not even exist).
"""
import json
import subprocess
import sys
from decimal import Decimal as D

import duckdb
import pytest


from conftest import ROOT, SMALL

sys.path.insert(0, str(ROOT / "tests" / "pages"))
from apptools import open_app, pounds, shown  # noqa: E402
from lib import store
from lib.publish import figures, public_store, redaction

PERSON = "Mrs Ada Lovelace"


def _withhold_a_person(db):
    """Line 4 of batch 1 (May 2019, £2,500.50) paid to a person: proposed for redaction by the
    title rule and undecided, so it is withheld."""
    with store.write(db) as cur:
        cur.execute("UPDATE transactions SET supplier_name = ?, supplier_key = ?, description = ? "
                    "WHERE row_number = 4 AND batch_id = 1", [PERSON, PERSON.upper(), f"Refund to {PERSON}"])


def _every_text(path) -> list[str]:
    """Every value of every column of every table of the file at ``path``, as text."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = []
        for table, column in con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall():
            out += [r[0] for r in con.execute(f'SELECT CAST("{column}" AS VARCHAR) FROM "{table}"').fetchall() if r[0]]
        return out
    finally:
        con.close()


def test_public_store_holds_no_withheld_name(small_store, tmp_path):
    _withhold_a_person(small_store)
    assert PERSON in redaction.withheld_names(small_store)
    out = tmp_path / "public.duckdb"
    res = public_store.write_public_store(out, db=small_store)
    assert res["years"] == ["2020/21", "2019/20"] and res["lines"] == SMALL["all_lines"]
    texts = _every_text(out)
    assert texts and not [t for t in texts if "lovelace" in t.lower()]
    assert redaction.PERSONAL in texts
    # Only what the public pages show: no supplier key, register, decision or rule table.
    con = public_store.connect(out)
    assert {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()} <= set(public_store.TABLES)
    # The same figures as the staff store gives the Transparency page, exact to the penny.
    s = public_store.summary(con, "2019/20")
    assert s["total"] == SMALL["fy19_total"] and s["lines"] == SMALL["fy19_lines"]
    assert s["previous"] is None and public_store.scorecard(con, "2019/20") == figures.scorecard(small_store, "2019/20")
    lines = public_store.published_lines(con, "2019/20")
    staff = redaction.published_lines(small_store, "2019/20")
    assert lines.equals(staff)
    assert sum(lines["Amount"], D("0")) == SMALL["fy19_total"]
    con.close()
    # A read-only file: the public site cannot change it.
    with pytest.raises(duckdb.Error):
        public_store.connect(out).execute("CREATE TABLE x (a INT)")


def test_a_withheld_name_in_a_kept_column_is_redacted(small_store, tmp_path):
    """A withheld person's name put in a column otherwise published as it is (the category) is
    redacted there too: the publication goes ahead and holds no trace of the name."""
    out = tmp_path / "public.duckdb"
    _withhold_a_person(small_store)
    with store.write(small_store) as cur:
        cur.execute("UPDATE transactions SET category = ? WHERE row_number = 2 AND batch_id = 1", [PERSON])
    public_store.write_public_store(out, db=small_store)
    assert not [t for t in _every_text(out) if "lovelace" in t.lower()]


def test_a_withheld_name_found_by_the_last_check_fails_closed(small_store, tmp_path, monkeypatch):
    """The last check before the file is put in place: a name that must be withheld but is in the
    file (here a supplier published by name, told to the check as withheld, as a redaction that
    missed it would leave it) stops the publication; the earlier one stays, whole."""
    out = tmp_path / "public.duckdb"
    public_store.write_public_store(out, db=small_store)
    before = out.read_bytes()
    monkeypatch.setattr(public_store, "_withheld", lambda cur, fys: [(None, public_store._Names(["Beta Supplies"]))])
    with pytest.raises(public_store.LeakError, match="Beta Supplies"):
        public_store.write_public_store(out, db=small_store)
    assert out.read_bytes() == before  # the earlier publication stays, whole
    assert not [p for p in tmp_path.iterdir() if ".tmp" in p.name]  # no temporary file left


def test_staff_store_is_never_taken_for_the_public_one(small_store, tmp_path):
    with pytest.raises(public_store.NotPublished):
        public_store.connect(small_store)
    with pytest.raises(ValueError, match="staff store"):
        public_store.write_public_store(small_store, db=small_store)
    other = tmp_path / "notes.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(ValueError, match="not a public store"):
        public_store.write_public_store(other, db=small_store)


@pytest.fixture
def public_site(small_store, tmp_path, monkeypatch):
    """Public mode over a public store published from the small store; SPEND_DB then points at a
    path that does not exist, so nothing can be read from the staff store."""
    _withhold_a_person(small_store)
    out = tmp_path / "public.duckdb"
    public_store.write_public_store(out, db=small_store)
    store.close(small_store)
    missing = tmp_path / "no-staff-store-here.duckdb"
    monkeypatch.setenv("SPEND_MODE", "public")
    monkeypatch.setenv("SPEND_PUBLIC_DB", str(out))
    monkeypatch.setenv("SPEND_DB", str(missing))
    yield out
    assert not missing.exists()  # the public site never opened (or made) a staff store


def test_public_pages_read_only_the_public_store(public_site):
    at = open_app("pages/transparency.py")
    from streamlit import config

    assert config.get_option("server.maxUploadSize") == 0  # the upload endpoint refuses every file
    at.selectbox(key="pub_fy").select("2019/20").run()
    m = {x.label: x for x in at.metric}
    assert "£4,650.74" in m["Total spend"].help and m["Payments"].value == str(SMALL["fy19_lines"])
    assert m["Payments with the payee withheld"].value == "2"
    at = open_app("pages/spend_list.py")
    at.selectbox(key="list_fy").select("2019/20").run()
    at.selectbox(key="list_month").select(at.selectbox(key="list_month").options[1]).run()  # May 2019
    rows = shown(at.dataframe[0])
    assert PERSON not in set(rows["Beneficiary"]) and redaction.PERSONAL in set(rows["Beneficiary"])
    assert sum(pounds(rows["Amount"])) == D("2600.50")


def test_nothing_published_shows_a_page_not_the_staff_store(small_store, tmp_path, monkeypatch):
    monkeypatch.setenv("SPEND_MODE", "public")
    monkeypatch.setenv("SPEND_PUBLIC_DB", str(tmp_path / "public.duckdb"))
    at = open_app()
    assert any("Nothing has been published" in i.value for i in at.info)
    assert not at.metric and not at.dataframe
    monkeypatch.setenv("SPEND_PUBLIC_DB", str(small_store))  # the staff store given by mistake
    at = open_app()
    assert any("Nothing has been published" in i.value for i in at.info) and not at.dataframe


def test_cli_publish_store(small_store, tmp_path):
    _withhold_a_person(small_store)
    store.close(small_store)
    out = tmp_path / "site" / "public.duckdb"

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "lib.cli", "publish-store", *args, "--db", str(small_store)],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)

    proc = cli("--out", str(out))
    assert proc.returncode == 0, proc.stderr
    res = json.loads(proc.stdout)
    assert res["path"] == str(out) and res["lines"] == SMALL["all_lines"] and res["withheld_lines"] == 2
    assert not [t for t in _every_text(out) if "lovelace" in t.lower()]
    before = small_store.read_bytes()
    proc = cli("--out", str(small_store))  # never over the staff store
    assert proc.returncode == 2 and "staff store" in proc.stderr and small_store.read_bytes() == before


def test_publish_page_writes_the_public_store(small_store, tmp_path, monkeypatch):
    _withhold_a_person(small_store)
    out = tmp_path / "public.duckdb"
    monkeypatch.setenv("SPEND_PUBLIC_DB", str(out))
    at = open_app("pages/publish.py")
    at.button(key="pubx_store").click().run()
    assert not at.exception and any("8 payments (2 with the payee withheld)" in s.value for s in at.success)
    assert public_store.financial_years(public_store.connect(out)) == ["2020/21", "2019/20"]
    assert not [t for t in _every_text(out) if "lovelace" in t.lower()]
