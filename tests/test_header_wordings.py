"""Header wordings a generator of publishers' layouts (tests/spend_generator.py) found read wrongly,
each as the smallest file that showed it: the words a payee, a net sum and a payment's day are
also written in, read as a person reads them, by their words and not by a list of whole headers."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from lib.ingest import load_file
from lib.ingest import columns as colmod


def _load(tmp_path: Path, lines: list[str], name: str = "spend_2023-07.csv"):
    f = tmp_path / name
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = load_file(f, db=tmp_path / "s.duckdb")
    return res, {k: v["column"] for k, v in res.as_json()["columns"].items()}


@pytest.mark.parametrize("payee", ["Paid To", "Paid To (Supplier)", "Payment To", "Payable to"])
def test_paid_to_is_the_payee_not_the_bodys_name(tmp_path, payee):
    """"Paid To" was read as a date's or a sum's word, and a body's name on every line ("Name of
    Body" = Blackpool Council) was taken as the supplier, silently."""
    res, cols = _load(tmp_path, [
        f"Name of Body,SUBJECTIVE *,Division,Date Paid,Voucher Number,{payee},PURPOSE OF EXPENDITURE,AMOUNT",
        "Blackpool Council,Repairs & Maintenance,Waste Management,22-Jul-23,5607743,Grant Thornton UK LLP,Equipment,4679.25",
        "Blackpool Council,Repairs & Maintenance,Highways,21-Jul-23,5607745,Costain Ltd,Mobile phones,4741.00",
        "Blackpool Council,Stationery,Highways,24-Jul-23,5607746,\"Smith, Jones & Co\",Paper,12.50"])
    assert cols["supplier_name"] == payee and cols["body"] == "Name of Body"
    assert res.rows_loaded == 3 and res.amount_loaded == Decimal("9432.75")


def test_paid_to_date_is_not_the_payee():
    assert colmod.header_scores("Paid to date").get("supplier_name", 0) <= 0


@pytest.mark.parametrize("net", ["Excl VAT £", "EXCL_VAT_£", "AMOUNTEXCLVAT", "Amount (excl. VAT)"])
def test_a_sum_said_to_be_before_vat_is_the_amount_not_the_vat(tmp_path, net):
    """"Excl VAT £" beside "Vat Amount £" was read as the VAT's own header: the VAT loaded as the spend."""
    res, cols = _load(tmp_path, [
        f"Cheque Date,{net},Vat Amount £,Expense Area,Payee *",
        "01/11/2019,29452.24,5890.45,Waste Management,Fylde Coast Taxis Ltd",
        "04/11/2019,694.80,0.00,Planning,Microsoft Ltd",
        "04/11/2019,(3398.44),(679.69),Public Health,Microsoft Ltd"], "spend_2019-11.csv")
    assert cols["amount"] == net and cols["payment_date"] == "Cheque Date" and cols["supplier_name"] == "Payee *"
    assert res.amount_loaded == Decimal("26748.60")


@pytest.mark.parametrize("net,gross", [("TOTAL NET", None), ("Net Total", "Gross Amount"),
                                       ("Net Invoice Value", "Amount incl VAT"), ("Total Net", "GROSS TOTAL")])
def test_a_net_sum_is_the_amount_beside_its_vat_and_its_gross(tmp_path, net, gross):
    """A net sum whose header also says "Total" was taken for a gross (and its VAT taken off it again),
    or the loader asked which of the net, the gross and the tax was the amount: the spend is the net."""
    head = ["VAT Value *", "Creditor Name", net, "Process Date"] + ([gross] if gross else [])
    rows = [("928", "Npower Ltd", "4640", "01/11/2021", "5568"),
            ("0", "Mitie Facilities Services Ltd", "2592.63", "01/11/2021", "2592.63"),
            ("222.5", "Northgate Public Services (UK) Ltd", "1112.51", "04/11/2021", "1335.01")]
    res, cols = _load(tmp_path, [",".join(head)] + [",".join(r[:len(head)]) for r in rows], "spend_2021-11.csv")
    assert cols["amount"] == net and "vat_off" not in cols
    assert res.amount_loaded == Decimal("8345.14")
    assert not [w for w in res.warnings if "gross" in w]


@pytest.mark.parametrize("paid,other", [("Cheque Date", "Order Date"), ("Cheque/Bacs Date", "Tax_Point_Date"),
                                        ("BACS Date", "Inv Date"), ("Pmt Date", "Goods Received Date"),
                                        ("Date of Cheque/BACS", "Invoice Date"), ("PAYMENTISSUEDATE", "Invoice Date"),
                                        ("DATEPAYMENTMADE", "DocumentDate"), ("PAYMENTRUNDATE", "Order Date"),
                                        ("PAIDON", "DATE INVOICE RECEIVED"), ("CLEAREDON", "Invoice Date")])
def test_the_day_paid_in_a_cheques_or_a_bacs_runs_words_over_an_invoices_or_an_orders(tmp_path, paid, other):
    """A cheque's, a BACS run's, a "Pmt" day, and headers written run together ("PAYMENTISSUEDATE",
    "PAIDON", short as it is):
    the day paid, over the day of the order, the tax point, the invoice (asked about, or the invoice's
    day taken silently, every line dated a month or two early)."""
    res, cols = _load(tmp_path, [
        f"supplier,{other},{paid},Voucher Number,Invoice Amount (excl VAT)",
        "Biffa Waste Services Ltd,07/05/2023,03/07/2023,6760946,\"1,099.91\"",
        "Comensura Ltd,16/06/2023,03/07/2023,6760949,\"18,358.28\"",
        "Comensura Ltd,20/06/2023,10/07/2023,6760950,-12.00"])
    assert cols["payment_date"] == paid and res.amount_loaded == Decimal("19446.19")


def test_a_header_of_the_pound_sign_alone_is_the_amount_not_a_number_beside_it(tmp_path):
    """" £" says sums of money; a "PO Number" of ten digits beside it is not the amount."""
    res, cols = _load(tmp_path, [
        "PAYMENT PROCESSED DATE , £,Document Number,contractor,PO Number,Expense Type",
        "25/02/2022,\"1,102.92\",2505437,Vodafone Ltd,4506111005,Residential Care",
        "16/02/2022,\"4,776.28\",2505438,Vodafone Ltd,4509281466,Cleaning",
        "17/02/2022,310.00,2505439,EE Ltd,4509281467,Cleaning"], "spend_2022-02.csv")
    assert cols["amount"] == "£" and res.amount_loaded == Decimal("6189.20")


@pytest.mark.parametrize("name,beside", [("Trading Name", "Supplier Town/City"), ("Supplier Details", "Vendor Type")])
def test_a_trading_name_or_a_suppliers_details_is_the_supplier_not_its_town_or_kind(tmp_path, name, beside):
    res, cols = _load(tmp_path, [
        f"PMT DATE,{name},{beside},TOTAL AMOUNT (£)",
        "01/03/2023,DWF Law LLP,Preston,23614.12",
        "17/03/2023,Home Office,Blackburn,54575.62",
        "20/03/2023,Lyreco UK Ltd,Preston,10.00"], "spend_2023-03.csv")
    assert cols["supplier_name"] == name and res.amount_loaded == Decimal("78199.74")


@pytest.mark.parametrize("n", [26, 7002])  # a short file, and one long enough for the one-pass load
def test_a_query_tools_typed_column_list_above_the_header_is_not_the_header(tmp_path, n):
    """Devon's files since 2026 open with what the query that wrote them said: its text, its sort,
    and its columns with their types ("text Body", "text Date", "Amount"), then the header itself
    (",Body,Name of Body,Date,..."). The header is the row under the typed list: its names are the
    columns' ("Expense area" the department, lost when the typed list was read as the header)."""
    head = ["query SELECT * FROM [histr],,,,,,,,,,", "sort,,,,,,,,,,",
            "columns,text Body,text Name of Body,text Date,text Transaction number,Amount,text Supplier name,"
            "text Expense area,text Expense code,text Expense type,text Creditor type",
            ",Body,Name of Body,Date,Transaction number,Amount,Supplier name,Expense area,Expense code,Expense type,"
            "Creditor type"]
    lines = [f"INSERTED DETAIL,18,Devon County Council,{1 + k % 28:02d}/04/2026,{22000000 + k},{100 + k}.50,"
             f"Pinsent Masons LLP,Regeneration & Economy,R0333026,Consultants Fees,LTD" for k in range(n)]
    res, cols = _load(tmp_path, head + lines, "202604_DCCSpendingOver500.csv")
    assert (cols["payment_date"], cols["supplier_name"], cols["department"], cols["category"]) == \
        ("Date", "Supplier name", "Expense area", "Expense type")
    assert res.rows_loaded == n and res.amount_loaded == sum(Decimal(f"{100 + k}.50") for k in range(n))


def test_a_clause_after_the_field_says_more_of_it_and_a_sentence_is_no_header():
    """"Body that made the payment" is the body; the Transparency Code's long wording keeps its
    department; a notes sheet's sentence ("The date that the payment was processed by our payments
    system") is not read as a date's header."""
    assert colmod.tokens("Body that made the payment") == ["body"]
    assert colmod.header_scores("Local authority department which incurred the expenditure")["department"] >= 2
    assert colmod.tokens("The date that the payment was processed by our payments system")[:3] == \
        ["date", "that", "payment"]  # (read whole: its line on a notes sheet stays a note)


@pytest.mark.parametrize("header", ["Merchant Category Number", "Vendor Category Code", "Supplier Type Code"])
def test_the_number_of_a_kind_of_supplier_is_not_the_suppliers_id(header):
    """A card's "Merchant Category Number" (5943: what the merchant sells) is no supplier's ID."""
    assert colmod.header_scores(header).get("supplier_id", 0) <= 0 < colmod.header_scores("Vendor Number")["supplier_id"]


def _register(tmp_path: Path, kind: str, lines: list[str]):
    f = tmp_path / f"{kind}_register.csv"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = load_file(f, db=tmp_path / "r.duckdb", kind=kind)
    (cols,) = res.mapping.values()
    return res, cols


_CONTRACTS = ["CON00123,Grounds Maintenance,\"Grass cutting, all sites\",Acme Facilities Ltd,01/04/2022,31/03/2025,"
              "\"£120,000.00\",1098765,01/02/2022",
              "CON00456,Cleaning,\"Office cleaning, county hall\",Brightwater Cleaning Services Ltd,01/06/2023,"
              "31/05/2026,\"£45,500.00\",,01/05/2023"]


@pytest.mark.parametrize("ref,number", [("Contract ID", "Charity Number"), ("Contract No", "Company Reg No"),
                                        ("Unique Reference", "Companies House Number")])
def test_a_contracts_reference_is_not_its_suppliers_registered_number(tmp_path, ref, number):
    """A generator of contracts registers: "Contract ID" beside a "Charity Number" was asked about
    (which is the contract's reference?). A register's number of the supplier names no contract."""
    res, cols = _register(tmp_path, "contracts", [
        f"{ref},Contract Name,Description of goods and services,Supplier Name,Date From,Date To,"
        f"Estimated Annual Spend,{number},Award Date"] + _CONTRACTS)
    assert res.rows_loaded == 2
    # and the title is its name, not the longer description beside it; the start is "Date From", not
    # the day it was awarded; the value is the annual spend (read as a year's: lib.ingest.registers)
    assert (cols["reference"], cols["title"], cols["start_date"], cols["end_date"], cols["value"]) == \
        (ref, "Contract Name", "Date From", "Date To", "Estimated Annual Spend")


@pytest.mark.parametrize("name", ["Name", "Legal Name", "Registered Name", "Creditor Name"])
@pytest.mark.parametrize("beside", ["Contact Name", "Vendor Status", "Supplier Type"])
def test_a_supplier_registers_name_is_not_its_contact_or_its_status(tmp_path, name, beside):
    res, cols = _register(tmp_path, "suppliers", [
        f"Vendor No,{name},Postcode,Company Reg No,{beside}",
        "V10023,Acme Facilities Ltd,PR1 8XJ,01234567,Sarah Patel",
        "V10024,Age UK Lancashire,LA1 1AA,07654321,Tom Evans"])
    assert res.rows_loaded == 2 and cols["name"] == name and cols["supplier_id"] == "Vendor No"
