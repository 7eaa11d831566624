"""A second held-out round of registers, sources chosen by the writer to be unlike the usual ones.

Contracts (7 of 8 now; a Find a Tender OCDS release flattened a column per award and supplier is still
a question for a person): a Scottish council's "PCS Notice Ref" and a Welsh body's "Cyfeirnod
GwerthwchiGymru" (Sell2Wales) beside the contract's own reference were asked about; a workbook's
"Pipeline" sheet of contracts still to be let stopped the whole file with a question.

Suppliers (4 of 8 exactly, three more in effect): a Chamber of Commerce's "Sector total: 10 members",
a social value return's "Measure description →" and "Unit →" rows were stored as suppliers (m168);
an analyst's "CH number" was not read as the company number, and Companies House's "Latest accounts
type" (SMALL, GROUP) was read as the supplier's type, a SMALL account as an SME.
"""
from __future__ import annotations

import datetime as dt

import openpyxl

from conftest import rows_of as q
from conftest import written
from lib.ingest import load_file

FIRMS = ["Langdale Digital Ltd", "Beacon IT Services Limited", "Whitfield Consulting LLP", "Harbour Software Ltd"]


def test_the_contracts_own_reference_beats_a_notices_beside_it(tmp_path, db):
    text = ("PCS Notice Ref,Contract Reference,Contract Title,Supplier,Start Date,End Date,Value (£)\n"
            + "".join(f"MAR{400000 + i},GC/CPU/21/0{i},IT services {i},{s},01/06/2021,31/05/2026,\"{1000 + i},000\"\n"
                      for i, s in enumerate(FIRMS)))
    res = load_file(written(tmp_path / "contract-register-september-2024.csv", text), db=db, kind="contracts")
    assert res.as_json()["columns"]["reference"]["column"] == "Contract Reference"
    assert q(db, "SELECT count(*) FROM contracts WHERE reference LIKE 'GC/%'") == [(4,)]


def test_a_pipeline_sheet_beside_the_live_contracts_is_not_read(tmp_path, db):
    wb = openpyxl.Workbook()
    live = wb.active
    live.title = "Live Contracts"
    live.append(["Contract Ref", "Title", "Supplier", "Start Date", "End Date", "Whole Life Value £"])
    for i, s in enumerate(FIRMS):
        live.append([f"CCC-2021-0{i}", f"Service {i}", s, dt.datetime(2021, 4, 1), dt.datetime(2026, 3, 31), 100000 + i])
    pipe = wb.create_sheet("Pipeline")
    pipe.append(["Pipeline Ref", "Current Contract Ref", "Title", "Incumbent Supplier", "Planned Start", "Estimated Value £"])
    pipe.append(["P-01", "CCC-2021-00", "Service 0 re-let", FIRMS[0], dt.datetime(2026, 4, 1), 120000])
    path = tmp_path / "contracts-register-and-pipeline.xlsx"
    wb.save(path)
    res = load_file(path, db=db, kind="contracts")
    assert res.rows_loaded == 4
    assert "Pipeline" in res.as_json()["sheets_not_used"]


def test_a_groups_count_labelled_as_a_total_and_arrow_rows_are_no_suppliers(tmp_path, db):
    text = ("Supplier name,Postcode,SME size,NT1,NT18\nMeasure description →,,,Local people employed,Apprentices\n"
            "Unit →,,,no. FTE,no. weeks\n"
            + "".join(f"{s},LA1 {i}QZ,Small,{i},{2 * i}\n" for i, s in enumerate(FIRMS))
            + "Sector total: 4 members,,,,\n")
    res = load_file(written(tmp_path / "socialvalue-toms-return.csv", text), db=db, kind="suppliers")
    assert (res.rows_loaded, res.rows_quarantined) == (4, 0)
    assert res.rows_read == res.rows_loaded + res.rows_total_lines  # (the arrow rows: set aside, or read with the header)
    assert sorted(n for (n,) in q(db, "SELECT name FROM supplier_register")) == sorted(FIRMS)


def test_a_companies_house_number_written_ch_is_the_company_number(tmp_path, db):
    text = ("Supplier No.,Supplier name (Oracle),CH number,CH registered name,Latest accounts type,SME (analyst)\n"
            + "".join(f"{101663 + i},{s},0{1035584 + i},{s.upper()},SMALL,Unknown\n" for i, s in enumerate(FIRMS)))
    res = load_file(written(tmp_path / "supplier-base-ch-enriched.csv", text), db=db, kind="suppliers")
    cols = res.as_json()["columns"]
    assert cols["company_number"]["column"] == "CH number" and "vcse_type" not in cols
    assert q(db, "SELECT count(company_number), count(is_sme) FROM supplier_register") == [(4, 0)]


def test_a_number_beside_the_register_it_is_of_is_that_registers_number(tmp_path, db):
    # Contracts Finder's packed supplier: [Name|Address|Ref type|Ref Number|Is SME|Is VCSE]
    blocks = [("Premier Telecom UK Ltd", "B1 2RX", "COMPANIES_HOUSE", "00935466", "false", "false"),
              ("Lancashire Boys and Girls Club", "PR25 4WY", "CHARITY_COMMISSION", "1051942", "true", "true"),
              ("Wyre Print Limited", "PR2 2SJ", "COMPANIES_HOUSE", "04123456", "true", "false")]
    text = ('"Notice Identifier","Notice Type","Organisation Name","Status","Title","Awarded Value",'
            '"Supplier [Name|Address|Ref type|Ref Number|Is SME|Is VCSE]","Contract start date","Contract end date"\n'
            + "".join(f'"N{i}","Contract","Lancashire Constabulary","Awarded","Award {i}","{185000 + i}",'
                      f'"[{n}|1 High St, Preston, {pc}|{t}|{r}|{sme}|{v}]","15/12/2024","13/12/2028"\n'
                      for i, (n, pc, t, r, sme, v) in enumerate(blocks)))
    load_file(written(tmp_path / "notices_awarded.csv", text), db=db, kind="suppliers")
    assert q(db, "SELECT name, company_number, charity_number, vcse_type FROM supplier_register ORDER BY name") == [
        ("Lancashire Boys and Girls Club", None, "1051942", None), ("Premier Telecom UK Ltd", "00935466", None, None),
        ("Wyre Print Limited", "04123456", None, None)]
