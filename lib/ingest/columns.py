"""Find the header row and map a file's columns onto the store's fields, by meaning.

A header is read as words: camelCase and punctuation split, decorations dropped (``*``, ``(£)``,
``(T)``, ``FINAL``, ``No.``'s dot), plurals folded ("Payments" → payment). Each field of a kind has
a small vocabulary of weighted words (``supplier`` 3, ``name`` 1.5 for the supplier's name; ``date``
3, ``payment`` 1.5 for the payment date). A header scores for a field the sum of its words'
weights, less a penalty for each word that belongs strongly to another field and not to this one
("Supplier **ID**" is not the supplier's name; "Expenditure **Category**" is not an amount).

What the column holds counts too: a sample of its cells (never the whole file) is read by the
store's own parsers, giving the share of cells that are money, dates, words, codes, and how many
distinct values there are. A money field gains from a column of money and loses heavily from a
column that holds none; a name field gains from words with many distinct values.

Each field takes the best-scoring free column (best pairs first). A required field is taken
without asking only when its column is clearly best: enough score, and ahead of the next
candidate by a margin. Otherwise it is *unclear* and the person is asked for that field only.
A column no header word points at can still be taken by what it holds, when exactly one column
holds that kind of value (``found`` = ``content``).
"""
from __future__ import annotations

import functools
import hashlib
import calendar
import re
import datetime as dt
from dataclasses import dataclass, field as dc_field

# ---------------------------------------------------------------------------------------------
# Words

# Words that decorate a header without saying what it holds.
_DECORATION = {"final", "the", "of", "a", "an", "and", "in", "for", "on", "at", "by", "to", "per",
               "gbp", "sterling", "inc", "incl", "including", "exc", "excl", "excluding", "ex",
               "column", "field", "col", "new", "old", "all", "actual"}
_ID_WORDS = {"id", "number", "no", "code", "ref", "reference", "num", "nr", "urn", "identifier"}
_NAME_FACET = {"description", "desc", "name", "label", "title", "text"}  # "the name of" whatever else is said
_ADDRESS_WORDS = {"address", "addr", "location", "postcode", "contact"}  # where a named thing is found
# What a line is called, whose words are its description ("Transaction Description"), not another thing's name
# (written out: "TRANS CAC DESC 1", a card file's words for its cost accounting code, stays another thing's)
_LINE_NOUNS = {"transaction", "payment", "line", "invoice", "item", "order", "po", "voucher", "journal", "document"}
# A value's header words that say it is a year's ("Estimated Annual Value", "Value per annum"), and those
# that say it is the whole contract's (the 2015 template's "Sum to be paid over the length of the contract
# or the estimated annual spending" says either, and is the whole)
YEAR_WORDS = frozenset({"annual", "annually", "yearly", "annum"})
WHOLE_WORDS = frozenset({"length", "whole", "life", "lifetime", "total"})


def names_a_years_value(header) -> bool:
    """Whether a value's header says it is a year's value, and not the whole contract's."""
    words = set(tokens(header))
    return bool(words & YEAR_WORDS) and not words & WHOLE_WORDS


_STEM_KEEP = {"status", "gross", "details", "progress", "analysis", "business", "address", "class", "trans", "gis",
              "plus", "bus", "focus", "bonus", "previous", "various", "gas", "yes", "this", "vs"}


def _stem(w: str) -> str:
    if w in _STEM_KEEP:
        return w[:-1] if w == "details" else w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


# The Welsh words of a header, read as the English ones they are (Welsh bodies publish their files in
# both languages, or in Welsh alone): "Dyddiad Talu" is "Date Pay", "Enw'r Cyflenwr" "Name Supplier".
_WELSH = {
    "dyddiad": "date", "talu": "pay", "talwyd": "paid", "taliad": "payment", "taliadau": "payments",
    "cyflenwr": "supplier", "cyflenwyr": "supplier", "derbynnydd": "recipient", "buddiolwr": "beneficiary",
    "swm": "amount", "gwerth": "value", "cyfanswm": "total", "net": "net", "gros": "gross",
    "adran": "department", "gwasanaeth": "service", "gwasanaethau": "services", "cyfarwyddiaeth": "directorate",
    "maes": "area", "disgrifiad": "description", "pwrpas": "purpose", "manylion": "details", "categori": "category",
    "math": "type", "gwariant": "expenditure", "cyfeirnod": "reference", "rhif": "number", "cod": "code",
    "trafodyn": "transaction", "trafodiad": "transaction", "anfoneb": "invoice", "corff": "body",
    "awdurdod": "authority", "cyngor": "council", "sefydliad": "organisation", "enw": "name", "taw": "vat",
    "cytundeb": "contract", "contract": "contract", "dechrau": "start", "diwedd": "end", "hyd": "duration",
    "cydweithredol": "collaborative", "fframwaith": "framework", "cymdeithasol": "social", "pwysoliad": "weighting",
    "ansawdd": "quality", "arbedion": "savings", "arbediad": "saving", "blwyddyn": "year", "ariannol": "financial",
    "prosiect": "project", "elusen": "charity", "cwmni": "company", "busnes": "business", "llwybr": "route", "caffael": "procurement", "teitl": "title", "cyfnod": "period", "mis": "month",
}


# "excl. VAT", "inc VAT", "net of tax", "AMOUNTEXCLVAT": one word saying which sum it is, not a VAT field
# ("tax" is VAT's other name in a header: "Amount before tax", "Tax Amount"). The words before the VAT,
# and those that say so only with "of" after them ("exclusive of", "net of", "inclusive of").
_EX_VAT, _EX_VAT_OF = {"ex", "exc", "excl", "excluding", "before"}, {"exclusive", "net"}
_INC_VAT, _INC_VAT_OF = {"inc", "incl", "including", "with", "after"}, {"inclusive"}


def _which_sum(words: list[str]) -> list[str]:
    """``words`` with each "excluding [of] VAT" made the one word "exvat", each "including [of] VAT" "incvat"."""
    out: list[str] = []
    for w in words:
        if w in ("vat", "tax") and out:
            of = out[-1] == "of" and len(out) > 1
            before = out[-2] if of else out[-1]
            which = ("exvat" if before in _EX_VAT or (of and before in _EX_VAT_OF) else
                     "incvat" if before in _INC_VAT or (of and before in _INC_VAT_OF) else None)
            if which:
                del out[-2 if of else -1:]
                out.append(which)
                continue
        out.append(w)
    return out


# A sum's header words that say it is the net of VAT, or the gross with it.
_NET, _GROSS = frozenset({"net", "exvat"}), frozenset({"gross", "incvat"})


# Short forms of header words, read as the words they stand for ("Pmt Date", "Inv Date", "Chq No").
_SHORT = {"pmt": "payment", "pymt": "payment", "paymt": "payment", "pmnt": "payment", "inv": "invoice",
          "chq": "cheque"}


def tokens(header: str | None) -> list[str]:
    """The words of a header, lower case and stemmed; decorations dropped.

    >>> tokens("* SUPPLIER FINAL"), tokens("Net Amount(£)"), tokens("BeneficiaryOtherID")
    (['supplier'], ['net', 'amount'], ['beneficiary', 'other', 'id'])
    """
    s = (header or "").replace("_", " ")                     # Supplier_Name, SumOfAmount_Exc_VAT
    s = re.sub(r"(?i)\bbbach\b", "SME", s)                  # Welsh for SME, before its capitals split it
    s = re.sub(r"\b([A-Za-z])[/.]([A-Za-z])\b", r"\1\2", s)  # G/L, A.P.
    s = re.sub(r"([a-z])([A-Z])", r"\1 \2", s)            # camelCase
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", s)      # VATRegistration → VAT Registration
    s = re.sub(r"\bVAT(?=[A-Z]{2,4}\b)", "VAT ", s)             # AmountInclVATLCY → ... VAT LCY (Business Central's)
    # "Amount (excluding VAT)": which sum it is, said in brackets, is kept (as the one word below)
    s = re.sub(r"[(\[]\s*((?:ex|exc|excl|excluding|exclusive of|net of|before|inc|incl|including|inclusive of|with|after)"
               r"\.?\s*(?:of\s+)?(?:vat|tax))\s*[)\]]", r" \1 ", s, flags=re.I)
    # "Supplier Name (cont.)", "Payee contd": the rest of the column before it, a name too long for one
    # cell carried on into the next (add_continued_columns)
    s = re.sub(r"(?i)[(\[]\s*(?:cont|contd|cont'd|continued)\.?\s*[)\]]|\b(?:contd|cont'd|continued)\.?\s*$",
               " continued ", s)
    # "Contract End Date (Current)" | "(Original)": which of two dates it is, said in brackets, is kept
    s = re.sub(r"[(\[]\s*(current|original|revised|latest|initial|actual)\s*[)\]]", r" \1 ", s, flags=re.I)
    # "Max End Date (incl. extensions)", "End Date (if extended)": an end an option could reach, said in
    # brackets, is kept ("(excl. extensions)", the end as let, stays a decoration)
    s = re.sub(r"[(\[]\s*((?:(?:incl?|including|with|plus|if|all|max|maximum|potential|possible)\.?\s+)*"
               r"(?:all\s+)?(?:extensions?|options?|extended|max|maximum))\s*[)\]]", r" \1 ", s, flags=re.I)
    # "Expiry (latest possible)", "End (maximum)": the same, an end the options could reach
    s = re.sub(r"[(\[]\s*((?:latest\s+)?(?:possible|potential|maximum|max))\s*[)\]]", r" \1 ", s, flags=re.I)
    # "End Date (incl. extensions taken)", "(as extended)": the end as it stands now, an extension taken
    s = re.sub(r"[(\[]\s*(?:(?:incl?|including|with|after)\.?\s+(?:any\s+)?extensions?\s+"
               r"(?:taken|exercised|agreed|applied|granted|used|to\s+date)|as\s+extended)\s*[)\]]", " current ", s, flags=re.I)
    # "New End Date", "Amended Expiry": the end as changed ("new" alone decorates: "New Supplier Name")
    s = re.sub(r"\b(new|amended)(\s+(contract\s+)?(end|expiry|expiration|finish|termination)\b)", r"revised\2", s,
               flags=re.I)
    # "New Annual Cost", "Old Price": what is paid now, what was paid before (a saving's two costs)
    s = re.sub(r"\b(new|old)(\s+(?:annual\s+|yearly\s+|contract\s+|total\s+)?(?:cost|price|spend)s?\b)",
               lambda mt: ("revised" if mt.group(1).lower() == "new" else "previous") + mt.group(2), s, flags=re.I)
    # "Paid To", "Payment To", "Payable To": whom the money went to, the payee ("Paid To Date", a sum
    # paid so far, is not); "Awarded To", "Let To": whom a contract went to, the same
    s = re.sub(r"(?i)\b(?:paid|pay|payment|payable|paying|awarded|let)\s+to\b(?!\s*date)", " payee ", s)
    # "Value Added Tax that cannot be recovered" (the Transparency Code's words): VAT, and which VAT, in
    # words, before the clause below is read as more of the thing named ("Value" is no contract's value)
    s = re.sub(r"(?i)\bvalue[\s-]+added[\s-]+tax\b", " VAT ", s)
    s = re.sub(r"(?i)\bnon[\s-]?(?:recoverable|reclaimable)\b", " irrecoverable ", s)  # "Non-recoverable VAT"
    s = re.sub(r"(?i)\b(?:that\s+|which\s+)?(?:cannot|can\s*not|can't|is\s+not|are\s+not|not)\s+(?:be\s+)?"
               r"(?:recovered|reclaimed|recoverable|reclaimable)\b", " irrecoverable ", s)
    # "Department which incurred the expenditure", "Body that made the payment": a clause that says
    # more of the thing the header names, not another thing (the words before it name the column);
    # a sentence is no header ("The date that the payment was processed by our payments system", a
    # notes sheet's line), and is read as written
    if len(s.split()) <= 8:
        s = re.sub(r"(?i)(\w.*?)\s+(?:which|that|who|whom)\s+\w.*$", r"\1", s)
    s = _ACRONYM.sub(lambda mt: f" {mt.group(1)} " if _spelled_before(s[:mt.start()], mt.group(1)) else mt.group(0), s)
    outside = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", s)      # (£), (T), (% of quality): decorations
    if re.search(r"[A-Za-z]{2}", outside):
        s = outside
    s = s.lower().replace("%", " pct ").replace("£", " ")
    s = re.sub(r"\b(post|zip)\s*code\b", r"\1code", s)  # "Post Code" is one word, not a code
    s = re.sub(r"\bin[\s-]?year\b", "inyear", s)      # "In-Year Saving": which sum it is, not a year column
    s = re.sub(r"\bfull[\s-]?year\b", "fullyear", s)  # "Full Year Saving" (a year's worth): not a year column
    words = [part for w in re.findall(r"[a-z]+", s) for part in _run_together(w)]
    words = _which_sum([_SHORT.get(w, _WELSH.get(w, w)) for w in words])  # (Welsh: "Enw'r Cyflenwr")
    if not words and "£" in (header or ""):
        return ["money"]  # a header that is the pound sign alone ("£", "(£)"): sums of money
    # "Period To", "Valid To": a "to" that ends a header says where something ends (kept)
    last = len(words) - 1 if words and words[-1] == "to" else -1
    return [_spelled(_stem(w)) for k, w in enumerate(words) if (w not in _DECORATION or k == last) and len(w) > 1]


# An abbreviation in brackets after the words it stands for ("Small or Medium-sized Enterprise (SME)",
# "Voluntary, Community or Social Enterprise (VCSE)"): the header's own short name for the thing, kept
# (a bracket is otherwise a decoration, "(£)", "(T)").
_ACRONYM = re.compile(r"\(\s*([A-Z]{2,6})s?\s*\)")


def _spelled_before(text: str, acronym: str) -> bool:
    """Whether ``acronym``'s letters are, in order, the first letters of words that end ``text`` (small
    joining words such as "or", "and", "of" may come between; a hyphened word gives each part's)."""
    initials = [w[0].upper() for w in re.findall(r"[A-Za-z]+", text)
                if w.lower() not in {"or", "and", "of", "the", "a", "an", "for", "sized"}]
    return len(initials) >= len(acronym) and "".join(initials[-len(acronym):]) == acronym


SPELLING_MIN = 8  # letters a word and the known word it is taken for must both have (below: read as written)
RUN_TOGETHER_MIN = 7  # letters a word must have to be read as words run together (below: read as written)


@functools.lru_cache(maxsize=4096)
def _run_together(w: str) -> tuple[str, ...]:
    """A header's words written as one, in capitals or lower case ("SUMOFAMOUNT", "EXPENSETYPE",
    "TRANSACTIONNO", "departmentfamily"): the fewest words the headers are read by (or little words
    such as "of") that spell it exactly, each of two letters or more; else the word as written. A
    word the headers are read by is never split ("postcode", "beneficiary"), nor one that only some
    of those words would spell."""
    known = _word_parts()
    # The day a thing was done on, written as a database names it ("PAIDON", "POSTEDON", "CLEAREDON"):
    # a word the headers are read by that says what was done (a past form), then "on"; short as it is
    done = w[:-2]
    if w.endswith("on") and len(done) >= 4 and done in known and (done.endswith("ed") or done == "paid"):
        return (done, "on")
    if len(w) < RUN_TOGETHER_MIN:
        return (w,)
    if w in known or _stem(w) in known:
        return (w,)
    best: list[tuple[str, ...] | None] = [None] * (len(w) + 1)  # best[k]: fewest words spelling w[:k]
    best[0] = ()
    for end in range(2, len(w) + 1):
        for start in range(0, end - 1):
            part = w[start:end]
            if best[start] is None or not (part in known or _stem(part) in known):
                continue
            # A word of two letters only after another: a little word between ("of") or an ID's
            # ("no", "id") after what it numbers; never first ("identity" is not "id entity") and a
            # little word never last ("Broughton" is not "brought on").
            if len(part) < 3 and (start == 0 or part not in _DECORATION | _ID_WORDS
                                  or (end == len(w) and part in _DECORATION)):
                continue
            cand = best[start] + (part,)
            if best[end] is None or len(cand) < len(best[end]):
                best[end] = cand
    got = best[len(w)]
    return got if got and len(got) > 1 else (w,)


@functools.lru_cache(maxsize=1)
def _header_words() -> frozenset:
    """Every word the headers are read by: every kind's fields' words and their modifiers."""
    words = set()
    for kind in KINDS.values():
        for f_words in kind.fields.values():
            words.update(f_words)
    for mods in _MODIFIERS.values():
        words.update(mods)
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def _word_parts() -> frozenset:
    """Every word, of any length, the headers are read by, and the little words between them."""
    words = _header_words() | _DECORATION | _ID_WORDS | _NAME_FACET | set(_WELSH) | _PAY_ONLY
    return frozenset(w for w in words if len(w) >= 2 and w.isalpha())


@functools.lru_cache(maxsize=4096)
def _spelled(w: str) -> str:
    """A header word misspelt by one letter ("Catergory", "Desciption", "Organization" for
    "Organisation"): the one word the headers are read by that it is one letter (or two swapped) away
    from. Only long words on both sides (short ones differ by a letter from other real words:
    "contact", "contract"), never a word of a verb's forms ("Goods Supplied", "Service Provided" are
    not the supplier nor the provider) nor a first letter changed ("Preference"), and only when
    exactly one known word is that near; else as written."""
    if len(w) < SPELLING_MIN or w.endswith(("ed", "ing")):
        return w
    known = _vocabulary()
    if w in known:
        return w
    from rapidfuzz.distance import OSA  # (here: a load whose headers are all known words never pays its import)

    near = [k for k in known if k[0] == w[0] and abs(len(k) - len(w)) <= 1 and OSA.distance(w, k, score_cutoff=1) <= 1]
    return near[0] if len(near) == 1 else w


@functools.lru_cache(maxsize=1)
def _vocabulary() -> frozenset:
    """The long words every kind's headers are read by (its fields' words and their modifiers)."""
    return frozenset(_stem(w) for w in _header_words() | set(_WELSH.values()) if len(_stem(w)) >= SPELLING_MIN)


def norm(header: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (header or "").lower())


def header_signature(headers: list[str | None]) -> str:
    """A stable key for 'the same headers', used to remember a confirmed mapping: each header read
    as its words (as :func:`tokens` reads them), so that headers differing only in case, spaces,
    underscores or decorations ("* SUPPLIER FINAL", "Supplier"; "Amount (£)", "AMOUNT") are the
    same. A header with no words keeps its letters and digits ("Column1" is not "Column2")."""
    key = "|".join(" ".join(tokens(h)) or norm(h) for h in headers).rstrip("|")
    return hashlib.sha256(("words:" + key).encode()).hexdigest()[:32]


def header_signatures(headers: list[str | None]) -> list[str]:
    """The keys a remembered mapping may be stored under for these headers, the current one first
    (then the letters-and-digits key mappings were remembered by before)."""
    legacy = "|".join(norm(h) for h in headers).rstrip("|")
    return [header_signature(headers), hashlib.sha256(legacy.encode()).hexdigest()[:32]]


# ---------------------------------------------------------------------------------------------
# What each kind of file holds: fields with their vocabularies and value types.

_SUPPLIER_WORDS = {"supplier": 3, "supp": 2.5, "beneficiary": 3, "payee": 3, "vendor": 3, "creditor": 3, "recipient": 3,
                   "merchant": 2.5, "contractor": 2.5, "provider": 2, "trader": 2, "trading": 2, "company": 1.5, "name": 1.5,
                   "paid": 0.3}


def _id_of(subject: dict, scale: float = 0.8) -> dict:
    """The vocabulary of an identifier of ``subject`` (Supplier ID, Vendor No): the subject's words
    weigh less, the identifier's words more. A document's number said beside the subject ("Supplier
    Invoice Number", "Vendor Order No") identifies the document, not the subject."""
    out = {w: v * scale for w, v in subject.items() if w not in ("name", "paid")}
    out.update({"id": 2, "number": 1.5, "no": 1.5, "code": 1.5, "ref": 1.2, "reference": 1.2, "num": 1.5,
                "nr": 1.5, "identifier": 2, "other": 0.2, "account": 0.5})
    out.update({w: -2 for w in ("invoice", "order", "document", "doc", "transaction", "voucher", "payment",
                                "receipt", "cheque", "batch")})
    out["scheme"] = -3  # Contracts Finder's "Supplier ID-scheme" (GB-COH) says which register the ID is of
    # nor is the number of a kind of thing ("Merchant Category Number" = 5943, a card's code of what the
    # merchant sells; "Supplier Type Code") the subject's own
    out.update({"category": -2, "type": -2, "class": -2, "classification": -2})
    return out


SPEND_FIELDS: dict[str, dict[str, float]] = {
    # (a ledger's clearing is the payment that settles an invoice: SAP's bare "Clearing" is its day)
    "payment_date": {"date": 3, "dt": 2.5, "day": 1.5, "paid": 1.5, "payment": 1.5, "posted": 1.2, "posting": 1.2,
                     "clearing": 2.5, "cleared": 2.5, "cheque": 1.5, "bac": 1.5, "remittance": 1.5,
                     "transaction": 1.0, "pay": 1, "processed": 1, "when": 1.5, "invoice": -0.3,
                     "due": -2,  # (the day a bill falls due, "Due Date" beside Xero's "Invoice Date", is no payment's)
                     "effective": 0},
    # (a "Date" column may hold periods: "Apr-Jun 2023", "May-22"; read so only when its cells are)
    "period": {"period": 3, "month": 2.5, "quarter": 2.5, "qtr": 2.5, "accounting": 0.5, "financial": 0.5,
               "posting": 0.5, "reporting": 0.5, "yyyymm": 3, "date": 1.0},
    "amount": {"amount": 3, "amt": 3, "val": 2, "total": 2.0, "value": 2.5, "net": 3.2, "gross": 1.2, "sum": 2, "spend": 2.5,
               "exvat": 2.5, "incvat": 1.2,  # "Excl VAT £" alone: the net sum; "Inc VAT": the gross
               "expenditure": 1.5, "cost": 1.2, "price": 1.5, "charge": 1.5, "money": 2, "payment": 1,
               "paid": 0.8, "invoice": 0.3, "line": 0.3, "transaction": 0.3, "pct": -2, "debit": 2.5, "dr": 2,
               # a sum carried down the lines is not a line's payment ("Running Total", "Cumulative
               # Spend", "Balance", "YTD Spend", "Brought Forward")
               "running": -3, "cumulative": -3, "cum": -3, "balance": -2.5, "ytd": -3, "brought": -2,
               "carried": -2, "forward": -1,
               # a bank account's lines in a package's report: "Spent" is what went out; "Received", what
               # came in, is no payment (nor a credit taken off one: income is not a refund)
               "spent": 3, "received": -2, "receipts": -2,
               # a grants list's sum is the grant awarded ("Grant Awarded (£)"); the cost of the whole
               # project it is a part of ("Total Project Cost (£)") is not what was paid
               "awarded": 2, "grant": 0.5, "project": -1},
    # A ledger's second money column: what came back (the amount is then debit less credit)
    # (or, beside "Expenditure", the "Income" a refund or a recovery is written in)
    "credit": {"credit": 3, "cr": 2.5, "amount": 0.5, "value": 0.5, "income": 3, "refund": 2.5, "recovery": 2.5},
    # (an accounts package's "Contact", as Xero heads the party a bill is from: the supplier, in a
    # spend file; a register's contact is a person at the firm, and is not read so there)
    "supplier_name": {**_SUPPLIER_WORDS, "contact": 2.0},
    "supplier_id": _id_of(_SUPPLIER_WORDS),
    "vat_number": {"vat": 2, "reg": 1.5, "registration": 1.5, "registered": 1.5, "number": 1, "no": 1, "id": 1,
                   "supplier": 1, "vendor": 1, "creditor": 1, "beneficiary": 1},
    "department": {"department": 3, "dept": 3, "directorate": 3, "service": 2, "area": 1, "division": 2.5,
                   "unit": 2, "organisational": 2, "org": 2, "cost": 0.5, "centre": 2, "center": 2, "portfolio": 2.5,
                   "team": 2, "section": 2, "business": 1, "responsible": 1, "profit": 1, "budget": 1,
                   "expense": 0.5, "branch": 2, "command": 2},
    "category": {"category": 3, "cat": 2.5, "type": 2, "expense": 1, "expenditure": 1, "account": 2, "detail": 1.5,
                 "subjective": 2.5, "proclass": 3, "gl": 1.5, "merchant": 0.5, "mcc": 2.5, "spend": 0.5, "purpose": 0.5, "nominal": 1.5,
                 "ledger": 1, "cipfa": 2, "classification": 2.5, "label": 0.5, "heading": 1.5, "group": 1,
                 "activity": 1,  # (an "Activity" of a few values said again and again: what was bought)
                 # what was bought, not who was paid or how: "Supplier Type" (Company, Sole Trader),
                 # "Vendor Category" (SME, Large), "Payment Type" (BACS, Cheque) are not its category
                 # ("Merchant Category", a card's code of what the merchant sells, is)
                 **{w: -2.0 for w, v in _SUPPLIER_WORDS.items() if v >= 2 and w != "merchant"},
                 "payment": -1.5, "method": -3, "mode": -2,
                 # nor the kind of document the line was ("Invoice Type" = STANDARD, CREDIT; "Doc Type" = INV)
                 "invoice": -2, "document": -2, "doc": -2, "journal": -2, "voucher": -2,
                 # how the line was taxed, not what was bought: "VAT Type" = STD, EXEM, ZERO
                 "vat": -3},
    "category_code": {"code": 2.5, "category": 1, "expense": 1, "expenditure": 1, "account": 1, "subjective": 1,
                      "proclass": 1.5, "gl": 2, "nominal": 1, "ledger": 1, "cost": 0.5, "mcc": 2,
                      "element": 1.5,  # SAP's ledger coding: a "Cost Element" (533010) is the expense's account
                      "company": -2,  # a ledger's company code is whose ledger, not what was bought
                      # nor is a ledger's period ("GL Year_Period" = 2011/01) when it was, nor a "Project
                      # Code" (DTZ00000) what it was for
                      "year": -3, "period": -3, "month": -3, "date": -3, "project": -3,
                      "vat": -3},  # nor is a "VAT Code" (the line's tax treatment)
    "description": {"description": 3, "desc": 3, "purpose": 2.5, "narrative": 3, "detail": 2, "summary": 2,
                    "text": 1.5, "comment": 2, "note": 1.5, "line": 0.5, "item": 1, "what": 1, "reason": 1.5,
                    "activity": 1.5},  # what the money was for ("ACTIVITY" = Care package)
    "transaction_ref": {"transaction": 2, "trans": 2, "txn": 2, "payment": 0.5, "document": 1.5, "doc": 1.5,
                        "invoice": 1, "voucher": 2, "journal": 1.5, "ref": 2, "reference": 2, "number": 1.5,
                        "no": 1.5, "id": 1.5, "num": 1.5, "nr": 1.5, "order": 0.5,
                        # a transaction's type, status or currency is not its reference, nor is the number
                        # of the card it was paid with ("CARD NUMBER" = ************8270 on many lines)
                        "type": -2, "status": -2, "currency": -3, "curr": -3, "ccy": -3, "card": -1.5},
    # ("Org", short for either, names the body or a unit of it: the cells tell which, one public body
    # on every line or many units: "Org_Level_1_Desc", "Org_Level_2_Desc")
    "body": {"body": 3, "organisation": 2, "org": 2, "authority": 2.5, "council": 2, "client": 2, "force": 2,
             "publisher": 2.5, "entity": 1, "name": 0.3, "label": 0.3,
             # who bought, in a list the suppliers or a framework kept ("CustomerName" = HM Land Registry)
             "customer": 2, "buyer": 2, "purchaser": 2,
             # the kind of body, not the body ("Customer Type", "Organisation Type" = Local Government), nor a
             # number of it ("Customer Ref", "Customer Account": the account a supplier keeps for the payer)
             "type": -2, "sector": -2, "ref": -2, "reference": -2, "number": -2, "no": -2, "num": -2, "id": -2,
             "account": -2},
    # (the VAT that cannot be recovered: "VAT Recoverable £" beside a card's gross is the VAT that is, taken off it)
    "irrecoverable_vat": {"irrecoverable": 3, "vat": 1.5, "amount": 0.5, "recoverable": -3},
    # the currency each line's amount is in (GBP, EUR): a line in another is not read as pounds
    "currency": {"currency": 3, "curr": 3, "ccy": 3, "cur": 2, "crcy": 3},
}

REQUIRED = ("amount", "supplier_name", "payment_date")

FIELD_LABELS = {
    "payment_date": "Payment date", "period": "Period (month)", "amount": "Amount",
    "credit": "Credit (taken off the amount)", "supplier_name": "Supplier name",
    "supplier_id": "Supplier ID", "vat_number": "VAT number", "department": "Department",
    "category": "Category / expense type", "category_code": "Category code",
    "description": "Description / purpose", "transaction_ref": "Transaction reference",
    "body": "Body", "irrecoverable_vat": "Irrecoverable VAT", "currency": "Currency",
    "year": "Year (read with the period)",
    "amount_fill": "Amount, where the amount column is empty",
    "credit_mark": "Credit notes marked (taken off the amount)",
    "vat_off": "VAT (taken off a gross amount)",
    "amount_pence": "Pence (added to the amount's pounds)",
    "day": "Day of the month (read with the period)",
}

# What a field's cells should look like: money, date, period, int, pct, bool, name (words, many
# distinct), code (short, no spaces), text (anything). Fields not listed are text.
_SPEND_SHAPES = {"payment_date": "date", "period": "period", "amount": "money", "credit": "money",
                 "irrecoverable_vat": "money",
                 "supplier_name": "name", "supplier_id": "code", "vat_number": "code", "department": "name",
                 "category": "name", "category_code": "code", "description": "name", "transaction_ref": "code",
                 "body": "words", "currency": "code"}


@dataclass(frozen=True)
class Kind:
    """What one kind of file holds: its fields (each a vocabulary of weighted header words), which
    are required, how each is parsed (text, money, date, int, pct, bool) and where rows are stored.
    ``alternatives`` names a field that can stand in for a required one (a period for a date)."""
    name: str
    fields: dict
    required: tuple
    labels: dict
    types: dict
    table: str
    shapes: dict = dc_field(default_factory=dict)
    alternatives: dict = dc_field(default_factory=dict)
    needs: dict = dc_field(default_factory=dict)   # field → words one of which its header must have
                                                   # (a tuple of such sets: one of each)
    # Fields a person may choose that header words alone never pick (a year column is read with the
    # period beside it: found by :func:`add_year_column` from what the two hold together).
    extra: tuple = ()
    # The words that name what each entry of a register is (a supplier register's "Supplier", "Vendor"):
    # in a header beside another field's words they say whose that field is ("Supplier Address" is
    # the entry's own address, before a "Contact Address"), not that the column is the entry's name.
    subject: frozenset = frozenset()
    # The facts of each entry's own (its postcode, its numbers): a column holding one value beside
    # entries of many names is not them (a buyer's own postcode on every line of a notice export).
    own_facts: tuple = ()
    # Fields a register may write over several columns, a line each ("Address 1" | ... | "Address 4"):
    # read as the lines joined (add_spread_lines)
    spread: tuple = ()
    # field -> the field of another name its entry goes by ("Trading Name" beside "Legal Name"): read
    # with it (lib.ingest.registers), and the field itself where no column is the field
    also_named: dict = dc_field(default_factory=dict)
    # Required fields whose column must be found but whose cell a row may leave blank: the entry is
    # kept, the blank shown as not given (a hand-kept contracts register gives no reference for a
    # contract let by quotation, or not yet numbered; its supplier and dates still say what it covers)
    may_be_blank: tuple = ()

    @property
    def choosable(self) -> list:
        """Every field a person may give a column for (Upload page, ``--map``)."""
        return list(self.fields) + [f for f in self.extra if f not in self.fields]

    def shape(self, f: str) -> str:
        return self.shapes.get(f) or {"money": "money", "date": "date", "int": "int", "pct": "pct",
                                      "bool": "bool"}.get(self.types.get(f, "text"), "text")


SPEND = Kind("spend", SPEND_FIELDS, REQUIRED, FIELD_LABELS,
             {"payment_date": "date", "amount": "money", "credit": "money", "irrecoverable_vat": "money",
              "vat_off": "money"},
             "transactions",
             _SPEND_SHAPES, {"payment_date": "period"},
             {"supplier_id": (set(_SUPPLIER_WORDS) - {"name", "paid", "company"}, _ID_WORDS),
              "vat_number": ({"vat"}, {"reg", "registration", "registered", "number", "no", "id", "num"}),
              "irrecoverable_vat": {"irrecoverable"}, "credit": {"credit", "cr", "income", "refund", "recovery"},
              "currency": {"currency", "curr", "ccy", "cur", "crcy"},
              # a code's column says it holds codes, or names a ledger's coding ("Expense Area" is an area),
              # or is a card's merchant category code ("MCC": the abbreviation says "code")
              "category_code": _ID_WORDS | {"gl", "nominal", "subjective", "proclass", "cipfa", "ledger", "account", "mcc",
                                            "element"}},
             ("year", "credit_mark", "vat_off", "amount_pence", "day"),
             # a line's reference that is one value on every line ("CardTransaction" = GPC) is no line's own,
             # nor a supplier's ID that is one word beside many suppliers ("Supplier ID" = Redacted), nor
             # a code that is one value beside many suppliers (the area code of whose file it is:
             # "nwod_id_uri_code" = E08000008 on every line is no line's category)
             own_facts=("transaction_ref", "supplier_id", "category_code"))

# Something of the supplier's, not the supplier: a person there, how to reach it, where it is, what kind
# it is ("Contact Name", "Supplier Town/City", "Vendor Status", "Supplier Type"): in any kind's header
_OF_THE_SUPPLIER = ("contact", "email", "phone", "telephone", "town", "city", "county", "country", "region",
                    "location", "address", "street", "postcode", "type", "size", "status")

_REG_SUPPLIER = {"supplier": 3, "vendor": 3, "company": 2, "organisation": 2, "name": 1.5,
                 "trader": 2, "business": 1, "legal": 1, "registered": 0.5,
                 "creditor": 3, "payee": 3, "beneficiary": 3, "contractor": 2.5, "provider": 2,
                 **{w: -3 for w in _OF_THE_SUPPLIER}}

SUPPLIERS = Kind(
    "suppliers",
    {
        "supplier_id": _id_of(_REG_SUPPLIER) | {"company": 0.3, "organisation": 0.3},
        "name": _REG_SUPPLIER,
        # the name it trades under beside its own ("Legal Name" | "Trading Name", "Also Known As"): the
        # register's entry is then "Legal T/A Trading", linked to spend under either (lib.suppliers)
        "trading_name": {"trading": 3, "trade": 2.5, "alias": 3, "aka": 3, "known": 1.5, "alternative": 2,
                         "alternate": 2, "other": 1, "name": 1, "ta": 2.5},
        "postcode": {"postcode": 3, "post": 1.5, "postal": 1.5, "zip": 2.5, "pcode": 3, "code": 0.5},
        # ("Co Reg No", "Co. No.": the company's number written short)
        "company_number": {"company": 1.5, "companie": 1.5, "co": 1.5, "comp": 1.5, "ch": 1.5, "house": 1.5, "crn": 3, "registration": 1,
                           "registered": 1, "number": 1.5, "no": 1.5, "reg": 1, "size": -3},
        # ("Charity / Social Enterprise?" asks the sector, beside "Charity Reg. No.")
        "charity_number": {"charity": 3, "charitable": 2, "registered": 0.5, "registration": 0.5, "number": 1,
                           "no": 1, "social": -2, "enterprise": -2, "sector": -2},
        "vat_number": {"vat": 3, "reg": 1, "registration": 1, "number": 1, "no": 1},
        "employees": {"employee": 3, "staff": 2.5, "headcount": 3, "fte": 2.5, "workforce": 2.5, "number": 0.3,
                      "people": 1.5, "size": 1},
        "turnover": {"turnover": 3, "revenue": 2.5, "annual": 1, "income": 2, "sale": 1.5},
        "balance_sheet": {"balance": 2.5, "sheet": 1.5, "asset": 2.5, "total": 0.5},
        "vcse_type": {"vcse": 3, "voluntary": 2, "social": 1, "enterprise": 1.5, "organisation": 1, "type": 1.5, "size": -3,
                      "account": -3,  # (Companies House's "Latest accounts type": SMALL, DORMANT, GROUP)
                      "legal": 1.5, "form": 1.5, "entity": 1.5, "third": 1.5, "sector": 1.5},
        "country": {"country": 3, "nation": 2},
        "sole_trader": {"sole": 3, "trader": 1.5, "individual": 2.5, "person": 1.5, "self": 1, "employed": 1},
        "delivers_locally": {"deliver": 2, "local": 2, "locally": 2.5, "lancashire": 1.5, "site": 1,
                             "reason": -3, "why": -3},
        "delivers_locally_reason": {"deliver": 1, "locally": 1, "local": 1, "reason": 3, "why": 3, "because": 2,
                                    "evidence": 2},
        # the register's own answer, yes or no ("SME (Y/N)", "Is VCSE"), beside the facts the tests read
        # ("Company Size", "Size Band", "Enterprise Size": Micro, Small, Medium, Large: the SME answer)
        # (Oracle's "Business Classification" = Small Business: a size among other classes, read
        # when its cells are sizes)
        # (an opportunity "Suitable for SME" says nothing of the firm that won it)
        "is_sme": {"sme": 3, "small": 1.5, "medium": 1.5, "smes": 3, "status": 0.5, "size": 2.5, "band": 1,
                   "suitable": -3, "suitability": -3,
                   "classification": 1.5},
        # (the sector in other words: "Third sector (Y/N)", "Charity / Social Enterprise?")
        "is_vcse": {"vcse": 3, "voluntary": 1.5, "community": 1, "social": 0.5, "status": 0.5, "type": -3,
                    "third": 2, "sector": 1, "enterprise": 2,
                    "suitable": -3, "suitability": -3},
        # the address in one cell, its postcode in it (lib.ingest.registers takes the postcode out when
        # no column gives it apart)
        # (an email or web address is no place)
        "address": {"address": 3, "addr": 3, "street": 1.5, "location": 1, "registered": 0.3, "office": 0.5,
                    "email": -6, "web": -6, "website": -6, "url": -6, "www": -6},
    },
    ("name",),
    {"supplier_id": "Supplier ID", "name": "Supplier name", "postcode": "Postcode", "company_number": "Company number",
     "charity_number": "Charity number", "vat_number": "VAT number", "employees": "Employees", "turnover": "Turnover",
     "balance_sheet": "Balance sheet total", "vcse_type": "VCSE type", "country": "Country",
     "sole_trader": "Sole trader", "delivers_locally": "Delivers locally",
     "delivers_locally_reason": "Reason it delivers locally", "is_sme": "SME (yes/no)",
     "is_vcse": "VCSE (yes/no)", "address": "Address", "trading_name": "Trading name"},
    {"employees": "int", "turnover": "money", "balance_sheet": "money", "sole_trader": "bool",
     "delivers_locally": "bool", "is_sme": "bool", "is_vcse": "bool"},
    "supplier_register",
    {"supplier_id": "code", "name": "name", "trading_name": "name", "postcode": "text", "company_number": "code",
     "charity_number": "code",
     "vat_number": "code", "vcse_type": "text", "country": "text", "delivers_locally_reason": "text",
     "address": "text"},
    {},
    # (an identifier's header says it is one: "Supplier Category", "Supplier Address" are not IDs)
    {"supplier_id": _ID_WORDS,
     "vat_number": ({"vat"}, {"reg", "registration", "registered", "number", "no", "id", "num"}), "charity_number": {"charity", "charitable"},
     "company_number": {"company", "co", "comp", "ch", "crn", "house", "registration", "registered"},
     "trading_name": {"trading", "trade", "alias", "aka", "known", "alternative", "alternate", "ta"}},
    subject=frozenset({"supplier", "vendor", "trader", "creditor", "payee", "contractor"}),
    own_facts=("postcode", "address", "company_number", "charity_number", "vat_number", "supplier_id"),
    spread=("address", "postcode"),
    also_named={"name": "trading_name"},
)

CONTRACTS = Kind(
    "contracts",
    {
        "reference": {"contract": 0.8, "reference": 2.5, "ref": 2.5, "id": 2, "identifier": 2, "number": 2, "no": 2,
                      "notice": 2,  # a published notice's ID (Contracts Finder's "Notice ID") is the contract's
                      # (a tender project's reference is the contract's only when no column names the contract's)
                      "code": 2, "project": -1,
                      "supplier": -2, "vendor": -2, "framework": -1,
                      # the buyer's ID and the register its ID is of ("Buyer ID", "Buyer ID-scheme" =
                      # GB-SRS in a Contracts Finder extract) are not the contract's reference
                      "buyer": -2, "scheme": -3,
                      "type": -3,  # nor is a "Notice Type" or "Contract Type": what kind, not which
                      # nor a register's number of the supplier ("Charity Number", "Company Reg No"), nor
                      # who keeps the contract or how it stands
                      "charity": -3, "company": -3, "companie": -3, "crn": -3, "registration": -2,
                      "registered": -2, "house": -2, "vat": -3, "status": -3, "manager": -3, "officer": -3},
        # (a bare "Contract" beside a "Ref" column is its title; not a contract's officer, type or status)
        # (a title names the contract: "Contract Name" before the Transparency Code's longer "Description
        # of goods and services" beside it, which is taken where no column names the title)
        "title": {"title": 3, "name": 2, "description": 1.2, "subject": 2, "contract": 1, "service": 1,
                  "supplier": -2, "framework": -1, "manager": -3, "officer": -3, "owner": -3, "holder": -3,
                  "lead": -2, "contact": -3, "type": -2, "status": -3, "stage": -3, "notes": -2, "comments": -2},
        "supplier_id": _id_of(_SUPPLIER_WORDS),
        "supplier_name": _SUPPLIER_WORDS | {"awarded": 2.5, "award": 1.5, "party": 1},
        # (the day it was awarded, reviewed or ends is not its start: "Date From" is, beside "Award Date")
        # (nor the day a waiver was approved, beside the "Contract Period" it runs for, "01/05/2023 -
        # 30/04/2024": the period's first day is the start, its last the end, lib.ingest.registers)
        "start_date": {"start": 3, "commencement": 3, "commence": 3, "begin": 2.5, "from": 2.5, "award": 0.5,
                       "date": 1.5, "effective": 1, "review": -3, "renewal": -2, "to": -3, "end": -3, "expiry": -3,
                       "extension": -2, "period": 1.5, "approved": -2, "approval": -2},
        # (the end as let, before the end an extension would move it to)
        # (nor the end the options could reach, beside the end: "Latest Possible Expiry", "Potential End Date")
        "end_date": {"end": 3, "expiry": 3, "expire": 3, "finish": 2.5, "until": 2, "to": 2.5, "date": 1.5,
                     "termination": 2.5, "extension": -2, "extended": -1.5, "option": -1.5, "possible": -1.5,
                     "potential": -1.5, "approved": -2, "approval": -2, "if": -2},
        # the end as it stands now, where a column beside the end as let says what changed it: an
        # extension taken ("Extended End Date", Oracle's), a revision or variation ("Revised End
        # Date", "New End Date"). Where it is written it is the end (lib.ingest.registers); an end an
        # option could reach ("Extension End Date", "Max End Date incl. Extensions") is not one.
        "end_now": {"extended": 3, "revised": 3, "varied": 3, "amended": 3, "new": 1, "end": 0.5, "expiry": 0.5,
                    "date": 0.2, "original": -3, "initial": -3, "option": -3, "extension": -2, "potential": -3,
                    "maximum": -3, "max": -3, "possible": -3, "including": -2, "incl": -2, "inc": -2, "reason": -3,
                    "terminated": -2, "termination": -2, "early": -2},
        # an end brought forward ("Early Termination Date", "Terminated On", "Date Cancelled"): where it
        # is written it is the end, before an extension or revision beside it (a contract ended is not
        # extended after), lib.ingest.registers
        # ("Termination Date" alone is the end as let, beside a "Commencement Date": end_date)
        "end_early": {"terminated": 3, "termination": 1.5, "early": 2.5, "cancelled": 3, "canceled": 3,
                      "cancellation": 3, "date": 0.5, "on": 0.3, "reason": -3, "notice": -3,
                      "clause": -3, "period": -2, "option": -3, "right": -3, "rights": -3, "break": -1,
                      "cost": -3, "fee": -3, "charge": -3, "value": -3, "amount": -3},
        # the options to extend written with the term ("Term + Extension Options (yrs)" = 2+1+1), and which
        # of them were taken ("Extension(s) Taken" = 1st extension taken, Both, Yes - 1 yr): the end as let
        # moved by the options taken (lib.ingest.registers), never to the end all options could reach
        # (neither word strong enough to say a column is one of these alone: "End Date (including
        # extensions)" is still an end)
        "term_options": {"option": 1.9, "extension": 1.5, "term": 1, "taken": -3, "exercised": -3, "used": -3,
                         "date": -3, "end": -3, "value": -3, "notice": -3, "break": -3},
        "extensions_taken": {"taken": 2.5, "exercised": 2.5, "invoked": 2, "used": 1.5, "extension": 1.9, "option": 1.9,
                             "date": -3, "end": -3, "value": -3, "available": -3, "remaining": -3},
        # how long it runs, when no end is given ("Duration (months)", "Contract Term (years)"):
        # the end is worked out from the start (lib.ingest.registers)
        "duration": {"duration": 3, "term": 2.5, "length": 1.5, "month": 0.5, "year": 0.5, "initial": 0.5,
                     "extension": -3, "option": -2, "date": -3, "sum": -3, "paid": -3, "value": -3, "cost": -3,
                     "price": -3, "spend": -3, "spending": -3, "budget": -3},
        # the value awarded before a notice's estimate of it, a range's low or high end
        "value": {"value": 3, "amount": 2.5, "total": 1, "estimated": 0.5, "price": 2, "cost": 1.5, "contract": 0.5,
                  "sum": 1.5, "worth": 2, "pct": -3, "weighting": -3, "weight": -3, "social": -3,
                  # (the Transparency Code's "Sum to be paid over the length of the contract or the estimated
                  # annual spending or budget for the contract")
                  "paid": 1, "spending": 2, "spend": 3, "budget": 1.5, "holder": -3, "officer": -3, "manager": -3,
                  # (the value awarded before the value estimated when both are given)
                  "awarded": 2, "award": 1, "low": -1, "high": -1,
                  # the whole life's value before a year's, and before the value with the VAT in it
                  **{w: -1.5 for w in YEAR_WORDS}, "whole": 1, "life": 0.5, "lifetime": 1,
                  "incvat": -1, "exvat": 0.5},
        # ("Whether or not the contract was the result of an invitation to quote or a published
        # invitation to tender": the Transparency Code's own words for the route)
        "route": {"route": 3, "market": 1.5, "framework": 2.5, "procurement": 1, "procedure": 2.5, "method": 1.5,
                  "buying": 1.5, "lot": 1, "tender": 2, "invitation": 1.5, "quote": 1, "competition": 1.5},
        # a column naming the framework or buying organisation a contract was let through says it was
        # let collaboratively (DOMAIN: Bluelight Commercial, CCS, ESPO, YPO, ...)
        "collaborative": {"collaborative": 3, "collaboration": 3, "joint": 2, "shared": 2, "consortium": 2,
                          "collab": 3, "framework": 2, "buying": 1, "organisation": 0.5},
        "category": {"category": 3, "type": 1, "class": 1.5, "area": 0.5, "procurement": 0.5, "cpv": 2},
        "quality_pct": {"quality": 3, "weighting": 1.5, "weight": 1.5, "pct": 0.5, "technical": 1.5,
                        "social": -3},
        "social_value_pct": {"social": 3, "value": 1, "weighting": 1.5, "weight": 1.5, "pct": 0.5, "sv": 2.5,
                             "commitment": -3, "pledge": -3},
    },
    ("reference", "supplier_name", "start_date"),
    {"reference": "Contract reference", "title": "Title", "supplier_id": "Supplier ID", "supplier_name": "Supplier name",
     "start_date": "Start date", "end_date": "End date", "end_now": "End date now (extended or revised)",
     "end_early": "Ended early on",
     "value": "Contract value", "route": "Route to market",
     "collaborative": "Collaborative", "category": "Category", "quality_pct": "Quality weighting %",
     "social_value_pct": "Social value weighting % (of quality)", "duration": "Term (months or years)",
     "term_options": "Term with its options to extend (2+1+1)", "extensions_taken": "Extensions taken"},
    {"start_date": "date", "end_date": "date", "end_now": "date", "end_early": "date", "value": "money",
     "collaborative": "bool",
     "quality_pct": "pct", "social_value_pct": "pct"},
    "contracts",
    {"reference": "code", "title": "name", "supplier_id": "code", "supplier_name": "name", "route": "text",
     "category": "text", "collaborative": "arrangement"},
    {},
    # a weighting is quality's or social value's only when its header says which ("Weighting (Price)",
    # "Cost Weighting" are neither)
    {"supplier_id": (set(_SUPPLIER_WORDS) - {"name", "paid", "company"}, _ID_WORDS),
     "quality_pct": {"quality", "technical"}, "social_value_pct": {"social", "sv"},
     # the end now only where the header says what changed it
     "end_now": {"extended", "revised", "varied", "amended", "new"},
     "end_early": {"terminated", "early", "cancelled", "canceled", "cancellation"},
     # (which options were taken only where the header says taken; the options, where it names them)
     "extensions_taken": {"taken", "exercised", "used", "invoked"}, "term_options": {"option"}},
    may_be_blank=("reference",),
)

SAVINGS = Kind(
    "savings",
    {
        # (a saving is often named by the contract it came from: "Contract" beside its "Supplier")
        "project": {"project": 3, "initiative": 2.5, "description": 2, "name": 1, "scheme": 2, "title": 2, "saving": 1,
                    "contract": 2, "supplier": -2, "vendor": -2,
                    # (a collaborative saving is named by its framework or collaboration, not by who led it
                    # or who joined it: "Framework / Collaboration" beside "Lead Organisation", "Partners")
                    # ("framework" is not one of them: a project's own name says it, "Supported living
                    # framework", and a row of such names read as the header written again)
                    "collaboration": 3, "lead": -1, "partner": -2,
                    # ("Procurement activity", "Workstream": what was bought or done; "Route" is how)
                    "activity": 2.5, "workstream": 2, "opportunity": 2, "efficiency": 2, "route": -3},
        "fy": {"financial": 2, "year": 2, "fy": 3, "period": 1.5, "quarter": 1.5, "qtr": 1.5},
        "category": {"category": 3, "area": 1, "class": 1},
        "saving_type": {"type": 2.5, "cashable": 3, "cash": 2, "kind": 2, "saving": 0.5},
        # (the saving made, not what it was measured against: a contract's value, a baseline, a target)
        "amount": {"amount": 3, "saving": 2, "value": 2.5, "total": 1.5, "sum": 1.5, "type": -3, "achieved": 1.5,
                   # (the body's own part of a shared saving: "Lancashire share £" beside "Total regional saving £")
                   "share": 3,
                   "delivered": 1.5, "realised": 1.5, "realized": 1.5, "contract": -3, "baseline": -3, "target": -2.5,
                   "forecast": -2, "budget": -2, "pct": -3, "percent": -3, "percentage": -3, "spend": -2,
                   # (a cost improvement schedule's plan, its variance from plan and its forecast outturn
                   # are no savings made: "YTD Actual £000" beside "YTD Plan £000" | "YTD Variance £000")
                   "plan": -3, "planned": -3, "variance": -3, "outturn": -2, "fot": -3, "ytd": 0.5,
                   # (the saving's words, its state or its year: "Description of Saving", "Saving Status")
                   "description": -3, "status": -3, "stage": -3},
        # (the day it was made, "Realised Date", before the day it was due or last edited beside it:
        # "Target Date", "Last Modified")
        "recorded_on": {"recorded": 3, "record": 2, "date": 2, "logged": 2.5, "when": 1.5, "realised": 1.9,
                        "realized": 1.9, "achieved": 1.9, "delivered": 1.9, "target": -2, "due": -2, "planned": -2,
                        "forecast": -2, "expected": -2, "modified": -2, "updated": -2, "update": -2, "review": -2},
        # where the saving stands: delivered, or still in the pipeline, at risk, withdrawn
        # (lib.ingest.registers: only a saving made counts)
        "stage": {"stage": 3, "status": 2.5, "progress": 1.5, "delivery": 1, "rag": 1, "saving": 0.3},
        # A saving written in two sums, its cashable part and its non-cashable part ("Cashable Saving
        # (£)" | "Non-Cashable Saving (£)", often with a "Total Saving" beside them): each is a saving
        # of its type (lib.ingest.registers; add_saving_parts settles the amount beside them)
        "cashable": {"cashable": 3, "cash": 2, "releasing": 1, "released": 1, "saving": 1, "non": -6,
                     "avoidance": -6, "type": -3, "total": -3},
        "non_cashable": {"noncashable": 4, "non": 2, "avoidance": 3, "avoided": 2.5, "cashable": 1, "cash": 1,
                         "releasing": 0.5, "saving": 1, "type": -3, "total": -3},
        # A saving written as what was paid before and what is paid now ("Baseline Cost (£)" |
        # "Contract Cost (£)"), no column giving the saving: it is the one less the other
        # (add_saving_costs; lib.ingest.registers)
        "cost_before": {"baseline": 3, "previous": 2.5, "old": 2.5, "existing": 2.5, "before": 2.5, "prior": 2.5,
                        "original": 2, "current": 1.5, "cost": 1, "price": 1, "spend": 1, "saving": -6, "new": -6},
        "cost_after": {"new": 3, "revised": 2.5, "after": 2.5, "proposed": 2, "awarded": 2.5, "tendered": 2,
                       "contract": 1.5, "cost": 1, "price": 1, "spend": 0.5, "saving": -6, "baseline": -6,
                       "previous": -6, "old": -6, "existing": -6, "before": -6, "prior": -6, "original": -6},
    },
    ("project", "amount"),
    {"project": "Project", "fy": "Financial year", "category": "Category", "saving_type": "Cashable or not",
     "amount": "Amount", "recorded_on": "Date recorded", "stage": "Stage (delivered, pipeline, ...)",
     "cashable": "Cashable part of the saving", "non_cashable": "Non-cashable part of the saving",
     "cost_before": "Cost before (the saving: this less the cost after)", "cost_after": "Cost after",
     "saving_months": "Savings, a column a month (or a quarter, or a year)"},  # (not a field: add_saving_months' columns, as the load lists them)
    {"amount": "money", "recorded_on": "date", "cashable": "money", "non_cashable": "money", "cost_before": "money",
     "cost_after": "money"},
    "savings",
    {"project": "name", "fy": "text", "category": "text", "saving_type": "text"},
    # (each entry is a saving: "Description of Saving" is the entry's own description, its project;
    # "Year of Saving" its year, not a sum)
    subject=frozenset({"saving"}),
    needs={"cashable": {"cashable", "cash"}, "non_cashable": {"non", "noncashable", "avoidance", "avoided"},
           "cost_before": {"baseline", "previous", "old", "existing", "before", "prior", "original", "current"},
           "cost_after": {"new", "revised", "after", "proposed", "awarded", "tendered", "contract"}},
)

KINDS = {k.name: k for k in (SPEND, SUPPLIERS, CONTRACTS, SAVINGS)}

# Each kind of file in words, wherever a person is told about one (the Upload page's choice, the Data
# page's batches): its name, one row and many, and what its money is (None: a supplier register
# holds none). A batch's "amount loaded" is that money, so it means spend for a spend file only.
KIND_WORDS = {
    "spend": ("Spend", "line", "lines", "spend"),
    "suppliers": ("Supplier register", "supplier", "suppliers", None),
    "contracts": ("Contracts register", "contract", "contracts", "contract value"),
    "savings": ("Savings register", "saving", "savings", "savings"),
}


def kind_name(kind: str) -> str:
    """The kind of file as a person names it ("Contracts register"); an unknown kind as stored."""
    return KIND_WORDS.get(kind, (kind,))[0]


def rows_of(kind: str, n: int) -> str:
    """``n`` rows of a file of ``kind`` in words: "1 line", "1,050 contracts"."""
    from lib.format import count

    _, one, many, _ = KIND_WORDS.get(kind, (kind, "row", "rows", None))
    return count(n, one, many)

# ---------------------------------------------------------------------------------------------
# Scoring a header for a field

_STRONG = 2.0        # a word weighing this much for a field says "this column is that field"
STRONG = _STRONG
_FOREIGN = 1.0       # the penalty for each word that strongly means another field
_FACET = 1.5        # a header naming an identifier or a date is not a name, an amount (or a date)
_CONSTANT = 2 * _FACET  # a column saying the same words on every line, ranked below those whose words vary
_SUBJECT = 0.5       # a register's subject named in a header beside another field's word ("Supplier Postcode")
_BARE = 0.5          # a header that is one word, the field's own strongest word ("Date", "TOTAL")
ACCEPT = 2.5         # a required field's column must score this much (header and content) ...
MARGIN = 0.6        # ... and this much more than the next candidate, or the person is asked
_CLEARLY = 2.0      # an optional field is not taken from a column whose header names another this much more
OPTIONAL = 1.5       # an optional field's column must score this much, with some header word ...
OPTIONAL_WORDS = 1.0  # ... saying at least this much: a bare "Name" ("Cardholder Name") is not the body
OPTIONAL_DROP = 0.5   # ... or this much less beside a column naming the field more that says one thing on every line
CONTENT_WEIGHT = 1.5


# Words that, beside the word naming the field, make a column a less (or more) likely source: an
# invoice's total or a gross sum is not the line's net amount; an invoice's or due date is not
# the day it was paid.
_MODIFIERS = {
    # a contract's own reference before a notice's or a portal's beside it ("Contract Reference" beside
    # "PCS Notice Ref" or "Cyfeirnod GwerthwchiGymru", Sell2Wales'); a notice's ID alone is still one
    "reference": {"notice": -0.5, "portal": -1.0, "pcs": -0.5, "fts": -0.5, "ocid": -1.0, "gwerthwchi": -1.5,
                  "pipeline": -2.0},
    "amount": {"total": -0.5, "invoice": -0.5, "gross": -0.3, "net": 0.5, "paid": 0.2, "line": 0.2,
               "exvat": 0.5, "incvat": -0.6, "vat": -2.0, "tax": -2.0,  # "VAT Amount" is the tax on the line, not its amount
               # an invoice's "Sub Total" is its sum before the VAT that its "Total" adds
               "sub": 0.7,
               # a card's "Original Amount" is in the currency the merchant charged; the amount billed
               # in pounds is the spend
               "original": -0.7, "foreign": -0.7, "billing": 0.3, "billed": 0.3,
               # a ledger's amount in its own (local) currency, pounds, beside the invoice's own
               # (document) currency: SAP's "Amount in LC" | "Amount in DC"
               "local": 0.6, "lc": 0.6, "document": -0.6, "doc": -0.6, "dc": -0.6,
               # so too Oracle's "Functional Amount" (or "Accounted") beside its "Entered Amount"
               "functional": 0.6, "accounted": 0.6, "entered": -0.6,
               # what was paid, not what was awarded, approved or ordered (a grant's award, a PO's value)
               "awarded": -0.7, "approved": -0.5, "committed": -0.5, "ordered": -0.5, "budget": -0.7,
               # a contract's value is what the whole contract is worth, not what this line paid
               "contract": -1.5,
               # a saving in the year recorded, not over a contract's life or a full year's worth
               "inyear": 0.5, "lifetime": -0.8, "life": -0.6, "fullyear": -0.3},
    # the central government template's "Department Family" is the parent department (Defra on every
    # line of Kew's file), not the unit within the body that spent ("Expense Area")
    "department": {"family": -2.0},
    # the day money left: paid (cleared, in SAP's word) before the day of the transaction, before the
    # day it was posted to the ledger; the day of the invoice or document is not when it was paid
    # a contract's end as it stands now (an extension taken), not as first let
    # (a column saying what changed the end, beside the end as let, is the end now: "end_now")
    "end_date": {"current": 0.8, "latest": 0.5, "actual": 0.4, "original": -0.8, "initial": -0.6,
                 "first": -0.4, "revised": -0.5, "varied": -0.5, "amended": -0.5, "new": -0.5, "early": -1,
                 "terminated": -0.5, "contract": 0.7},
    # something of the supplier's is not the supplier; a person there least of all ("Supplier's contact
    # name", "Supplier Contact")
    # (nor is the firm that owns it: "Parent Supplier", "Ultimate Parent" beside "Supplier Name")
    "supplier_name": {**{w: -2.0 for w in _OF_THE_SUPPLIER}, "contact": -3.0, "parent": -2.0, "ultimate": -2.0,
                      "holding": -2.0},
    # the contract's own dates, said so, before a notice's ("Contract start date" as awarded beside
    # the tender's estimated "Start Date" in a Contracts Finder export)
    "start_date": {"contract": 0.7},
    "payment_date": {"payment": 1.5, "paid": 1.5, "pay": 1.5, "clearing": 1.5, "cleared": 1.5, "clearance": 1.5,
                     "cheque": 1.5, "bac": 1.5, "remittance": 1.5,
                     # an order's day, a tax point's, the goods' arrival: before the invoice, let alone its payment
                     "order": -0.7, "point": -0.7, "goods": -0.5,
                     "transaction": 0.7, "posted": 0.0, "posting": 0.0, "processed": 0.0,
                     "invoice": -0.5, "document": -0.7, "doc": -0.7, "due": -1.0, "effective": -0.5,
                     "created": -0.3, "received": -0.3, "entry": -0.3, "input": -0.3},
}


def _strong_words(kind: Kind) -> dict[str, set]:
    out: dict[str, set] = {}
    for f, words in kind.fields.items():
        for w, v in words.items():
            if v >= _STRONG:
                out.setdefault(w, set()).add(f)
    return out


_STRONG_CACHE: dict[str, dict] = {}
# Words of a public register's number of an organisation (Companies House, the Charity Commission,
# HMRC's VAT register), and the fields such a number is not: the publisher's own identifiers.
_REGISTRY_WORDS = {"company", "crn", "charity", "registration", "registered", "house", "vat"}
_NOT_REGISTRY_NUMBERS = {"supplier_id", "transaction_ref"}
_CONTINUED = 3.0  # what a header marked as carrying on the column before it loses for every field


_PAY_HEADS = {"paid", "payment", "pay", "clearing", "cleared", "clearance"}
_PAY_ONLY = {"made", "run", "when", "released", "issued", "issue", "out"}


def header_scores(header: str | None, kind: Kind = SPEND, drop_id_words: bool = False) -> dict[str, float]:
    """Score of a header for each field of ``kind`` (fields with no word in it are left out).
    ``drop_id_words``: read "Account Code" as "Account" (the worded twin of a code column)."""
    toks = list(dict.fromkeys(tokens(header)))
    # "Supplier / Framework": each alternative's words, read once for every field below
    alts = [tokens(a) for a in _ALTERNATIVES.split(header)] if "/" in (header or "") else []
    # "Is your organisation an SME, i.e. fewer than 250 staff and turnover <= EUR 50m?": what follows
    # "i.e." or "e.g." explains or instances the column, it does not say what it is (its staff and
    # turnover are other fields' words)
    for w in ("ie", "eg"):
        if w in toks[1:]:
            toks = toks[:toks.index(w)]
    # "End Date (if extended)", "Company No (if registered)": the words after "if" say when the column
    # is filled, not what it holds ("if" itself stays, for the fields it tells against: an end that
    # would be, is not the end as let)
    if "if" in toks[1:]:
        toks = toks[:toks.index("if") + 1]
    # "Expenditure Account Code Description", "Cost Centre Code Name": the words of what the code
    # stands for, not the code
    label_of = None
    if len(toks) > 2 and toks[-1] in _NAME_FACET and _ID_WORDS.intersection(toks[:-1]):
        drop_id_words = True
        # ... and so the name of what the code's field is about, not a line's own description ("Expense
        # Code Description" = OTHER FEES: the expense code's words, the category)
        of = header_scores(" ".join(toks[:-1]), kind)
        label_of = _LABEL_OF.get(max(of, key=of.get)) if of and max(of.values()) > 0 else None
    if drop_id_words and [t for t in toks if t not in _ID_WORDS]:
        toks = [t for t in toks if t not in _ID_WORDS]
    if not toks:
        return {}
    strong = _STRONG_CACHE.setdefault(kind.name, _strong_words(kind))
    out = {}
    has_id = bool(_ID_WORDS.intersection(toks))
    has_date = "date" in toks
    counted = bool(_COUNT_OF.search((header or "").replace("_", " ")))
    # a survey's question as the header: its answers are about the entry, none of them its name
    asked = "?" in (header or "") or bool(_ASKING.match(header or ""))
    for f, words in kind.fields.items():
        hits = [words[t] for t in toks if t in words]
        need = kind.needs.get(f, ())
        if not hits or not all(n.intersection(toks) for n in (need if isinstance(need, tuple) else (need,))):
            continue
        pos = sorted(((words[t], t) for t in toks if words.get(t, 0) > 0), reverse=True)
        mods = _MODIFIERS.get(f, {})
        # the strongest word names the thing; the others qualify it ("Total Invoice Amount")
        head = pos[0][1] if pos else None
        s = (pos[0][0] if pos else 0.0) + sum(mods.get(t, 0.25 * w) for w, t in pos[1:])
        s += sum(v for t, v in mods.items() if t in toks and t != head and words.get(t, 0) <= 0)
        s += sum(words[t] for t in toks if words.get(t, 0) < 0)
        for t in toks:
            owners = strong.get(t, set())
            if owners and f not in owners and words.get(t, 0) < 1 and t not in _NAME_FACET:
                s -= 0.0 if t in kind.subject else _FOREIGN
        if kind.subject.intersection(toks) and not any(words.get(t, 0) > 0 for t in kind.subject):
            s += _SUBJECT  # the entry's own, before another's ("Supplier Address" before "Contact Address")
        # "Cost Centre Description", "Supplier Name": the name of something another field is about
        # (a line's own words are a description of the line, whatever the line is called: "Transaction
        # Description", "Invoice Description")
        if pos and pos[0][1] in _NAME_FACET and any(strong.get(t, set()) - {f} for t in toks
                                                   if t not in _NAME_FACET and t not in kind.subject
                                                   and not (f == "description" and t in _LINE_NOUNS)):
            s -= _FACET
        if f == "payment_date" and not has_date and head in _PAY_HEADS and set(toks) - {head} <= _PAY_ONLY:
            s += words.get("date", 0)  # "Paid On", "Clearing", "Payment Made": the day, by what was done on it
        shape = kind.shape(f)
        if has_id and shape in ("name", "money", "date", "int", "pct", "bool") and not _ID_WORDS.intersection(words):
            s -= _FACET  # "Supplier Number" is not the supplier's name
        # "Supplier Postcode", "Supplier Address": the last word names the thing, and here it is
        # something of the supplier's, not the supplier ("Name of Supplier" ends with the supplier)
        # ("Supplier Name and Address" names the supplier first, its address after: the name, as
        # "Supplier Name and Details" does)
        # ("Supplier / Framework": two things the cell may be, the supplier or, with none, the framework;
        # the last word of the alternative that names the supplier is read)
        last = next((a[-1] for a in alts if a and head in a), toks[-1])
        if (shape == "name" and words.get("supplier", 0) > 0 and last not in words
                and last not in _NAME_FACET | _ID_WORDS | {"detail"}
                and not ("name" in toks[:-1] and last in _ADDRESS_WORDS)):
            s -= _FACET
        if has_date and shape not in ("date", "period") and "date" not in words:
            s -= _FACET  # "Invoice Date" is not the invoice number
        # "GL Description", "Nominal Name", "Account Description": the words a code stands for, not
        # the code (a header that also says "code" or "number" is read above, as the code's)
        if shape == "code" and toks[-1] in _NAME_FACET and toks[-1] not in words and not has_id:
            s -= _FACET
        # "Organisation Code", "Service Code", "Supplier Reference": the code of the thing another
        # field is about (the body, the department, the supplier), unless the header also says
        # what this field's code is of ("Merchant Category Code", "Supplier Invoice Reference")
        nouns = [t for t in toks if t not in _ID_WORDS]
        if (shape == "code" and has_id and not any(words.get(t, 0) > 0 for t in nouns)
                and any(strong.get(t, set()) - {f} for t in nouns)):
            s -= _FACET
        # "Company Number", "Companies House No", "Charity Registration Number": the number a
        # register gives the supplier, not the publisher's own ID of it, nor the payment's reference
        if f in _NOT_REGISTRY_NUMBERS and has_id and _REGISTRY_WORDS.intersection(toks):
            s -= 2 * _FACET
        # "Number of Suppliers", "NUM_SUPPLIERS": how many, not which (an ID's word before a plural)
        if shape == "code" and counted:
            s -= 2 * _FACET
        # "Count of Amount", "Average of Net": a pivot table's count or average of the sums, not a sum
        if shape == "money" and _PIVOT_NOT_SUM.match(header or ""):
            s -= 2 * _FACET
        if len(toks) == 1 and words.get(toks[0], 0) >= _STRONG and f not in kind.needs:
            s += _BARE
        if "continued" in toks:
            s -= _CONTINUED  # the rest of another column's cells, not a column of this field's own
        if asked and shape == "name":
            s -= 2 * _FACET  # "Which of the following best describes your organisation?": an answer, not its name
        out[f] = s
    if label_of in kind.fields and out.get(label_of, 0) > 0:
        out[label_of] += _FACET
        if "description" in out and label_of != "description":
            out["description"] -= _FACET
    return out


# A header's alternatives, "Supplier / Framework" (not G/L's letters: a word of two letters or more each side).
_ALTERNATIVES = re.compile(r"(?<=[A-Za-z)]{2})\s*/\s*(?=[A-Za-z(]{2})")

# A code's field -> the field of the words it stands for (lib.ingest.columns.header_scores).
_LABEL_OF = {"category_code": "category", "supplier_id": "supplier_name"}

_ASKING = re.compile(r"(?i)\s*(?:q\s*\d+[a-z]?[.):]?\s*)?(?:which|what|how|do|does|did|is|are|has|have|please)\s")
_COUNT_OF = re.compile(r"(?i)\b(?:num|number|no|count)\b[\s_.]*(?:of[\s_]+)?[a-z]+[^s\W]s\b")
# A pivot table's sum of a column ("Sum of Invoice Nett Amount", "Total of Net"): the lines are totals
# by supplier (or month), a summary rather than the payments (lib.ingest.load says so); its other figures ("Count of Amount", "Average of
# Net Value", "Max of Paid"): how many, or one of them, not a sum
PIVOT_SUM = re.compile(r"\s*(sum|total)\s+of\s+\w", re.I)
_PIVOT_NOT_SUM = re.compile(r"(?i)\s*(count|number|no\.?|num|average|avg|mean|max|maximum|min|minimum|stddev|var)"
                            r"\s+of\s+\w")


# ---------------------------------------------------------------------------------------------
# What a column holds (from a sample of cells, read by the store's parsers)

@dataclass
class Profile:
    """Shares (0..1) of a column's sampled non-empty cells; ``n`` = how many were non-empty."""
    n: int = 0
    money: float = 0.0
    date: float = 0.0
    time: float = 0.0
    period: float = 0.0
    words: float = 0.0
    code: float = 0.0
    distinct: float = 0.0
    int_: float = 0.0
    pct: float = 0.0
    bool_: float = 0.0
    firm: float = 0.0       # cells that read as an organisation's name ("Acme Ltd", "Wyre Council")
    legal: float = 0.0      # cells ending in a firm's legal form ("Acme Ltd", "Bowland Legal LLP"): a
                            # department, a category or a body's own name never does
    public: float = 0.0     # cells that name a public body in full ("West Mercia Police", "Eden District
                            # Council"): two words or more, one of them the kind of body it is
    total: int = 0          # non-empty cells in the whole segment (only counted for unnamed columns)
    cap_rev: float = 0.0    # cells saying capital or revenue ("Capital", "Revenue Expenditure", "Rev"): how the
                            # spend is accounted, not what was bought
    padded: float = 0.0     # whole numbers written with leading zeros ("0080041830"): a reference's digits, kept
                            # to their width, never a sum of money
    mixed: float = 0.0      # one token of letters and digits together ("APEX99", "121C01"): a code, not a name

    def one_value(self) -> bool:
        """The same value in every sampled cell that holds one (and at least one does)."""
        return self.n >= 1 and self.distinct * self.n < 1.5

    def constant(self) -> bool:
        """One value on ten lines or more: enough lines to call a column the same words on every line."""
        return self.n >= 10 and self.one_value()

    def fit(self, shape: str) -> float | None:
        """How well the column's cells fit a field's shape, 0..1 (None when it holds nothing)."""
        if self.n == 0:
            return None
        if shape == "money":
            return max(0.0, self.money - self.padded - 0.5 * self.date * (1 - self.money))
        if shape == "date":
            return max(self.date, self.time)
        if shape == "period":
            return self.period
        if shape == "name":
            # a column of firms' names is names however often a long file pays the same firms again
            # (and no name reads as a date: "May 2001" is when, a member's "Member Since")
            return self.words * (1 - self.date) * min(1.0, 0.25 + 2 * self.distinct + 2 * self.legal)
        if shape == "code":  # a column of yes and no (SME, VCSE, "Is sub-contract") is flags, not codes
            return max(0.0, self.code - self.bool_)
        if shape == "words":  # words, however few distinct values (a body's name on every line)
            return self.words
        if shape == "int":
            return self.int_
        if shape == "pct":
            return self.pct
        if shape == "bool":
            return self.bool_
        if shape == "arrangement":  # yes or no, or the framework or consortium named (a contract's collaboration)
            return max(self.bool_, self.words)
        # text: anything, numbers a little less, and a column of yes and no hardly (it is a flag)
        return max(0.0, 1.0 - 0.5 * self.money * (1 - self.words) - 0.8 * self.bool_)


# One row per column: the store's parsers appear once in the query (cells are unpivoted), so the
# cost of planning it does not grow with the number of columns. An answer of yes or no may be a
# firm's size (Micro, Small, Medium, Large: an SME answer, lib.ingest.registers reads it so). A link
# (http://..., www....) or a mail address is not words. A sum written past the penny (12.3456) is money all the same: its column is still the amount,
# and its lines are quarantined saying why.
_PROFILE_SQL = """
SELECT col, count(v), count(CASE WHEN parse_amount(v) IS NOT NULL OR amount_past_penny(v, FALSE) THEN 1 END) + {eu},
       count(CASE WHEN coalesce(ud, CASE WHEN date_order(v) = 'mdy' THEN parse_us_date(v) END)
                  BETWEEN DATE '1990-01-01' AND DATE '2100-12-31' THEN 1 END),
       count(CASE WHEN is_time_only(v) THEN 1 END),
       count(ud),
       count(CASE WHEN regexp_matches(v, '[A-Za-z]{3}') AND NOT regexp_matches(v, '^[A-Za-z]+://|^www\\.|^[^\\s@]+@[^\\s@]+\\.[A-Za-z]{2,}$') THEN 1 END),
       count(CASE WHEN length(v) <= 24 AND NOT regexp_matches(v, '\\s') THEN 1 END),
       count(DISTINCT v),
       count(CASE WHEN regexp_full_match(v, '-?[\\d,]+') THEN 1 END),
       count(CASE WHEN regexp_full_match(v, '-?\\d+(\\.\\d+)?\\s*%?') AND TRY_CAST(rtrim(v, '% ') AS DOUBLE) BETWEEN 0 AND 100 THEN 1 END),
       count(CASE WHEN lower(v) IN ('y', 'n', 'yes', 'no', 'true', 'false', '1', '0', 'micro', 'small', 'medium', 'large',
                                    'sme', 'non-sme') THEN 1 END),
       count(CASE WHEN regexp_matches(lower(v), '{firm}') THEN 1 END),
       count(CASE WHEN regexp_matches(lower(v), '{legal}') THEN 1 END),
       count(CASE WHEN regexp_matches(lower(v), '{public}') AND regexp_matches(trim(v), '\\S\\s+\\S') THEN 1 END),
       count(CASE WHEN regexp_full_match(lower(v), '(capital|revenue|cap|rev)(\\s+(expenditure|income|spend|costs?))?')
                  THEN 1 END),
       count(CASE WHEN regexp_full_match(v, '0\\d{3,}') THEN 1 END),
       count(CASE WHEN regexp_full_match(v, '[A-Za-z0-9]*([A-Za-z]\\d|\\d[A-Za-z])[A-Za-z0-9]*') THEN 1 END)
FROM (SELECT col, v, parse_uk_date(v) AS ud
      FROM (SELECT col, clean_text(raw) AS v FROM (UNPIVOT sample ON {cols} INTO NAME col VALUE raw)))
GROUP BY col
"""
# A register's columns are profiled on its cells as it writes them (m102): sums with their scale
# ("£1.5m") or bound ("Up to £250,000") or by the year ("£18,600 p.a.": m176), months as dates, staff as bands ("10-49"); a placeholder ("TBC",
# "N/A") says nothing of its column, and is left out; a yes or no in Welsh and English ("Na / No": m157) is one.
_REGISTER_PROFILE_SQL = (_PROFILE_SQL
                         .replace("parse_amount(v) IS NOT NULL", "parse_register_money(register_year_off(v)) IS NOT NULL")
                         .replace("parse_uk_date(v) AS ud", "parse_register_start(v) AS ud")
                         .replace("clean_text(raw) AS v", "CASE WHEN NOT register_blank(raw) THEN clean_text(raw) END AS v")
                         .replace("regexp_full_match(v, '-?[\\d,]+')", "parse_register_int(v) IS NOT NULL")
                         # a firm's size with its band after it ("Micro (<10 staff)", "Small (10-49)"): an answer
                         .replace("'sme', 'non-sme') THEN 1 END)",
                                  "'sme', 'non-sme') OR _bilingual_bool(v) IS NOT NULL OR _tick_bool(v) IS NOT NULL "
                                  "OR regexp_matches(lower(v), '^(micro|small|medium|large)\\b\\s*[-(:,]') "
                                  "OR regexp_full_match(lower(v), '(micro|small|medium|large)(\\s+(sized?|scale))?\\s+"
                                  "(business|enterprise|company|firm|organisation|organization)s?') "
                                  # (or a size in two languages, "Micro / Micro", "Bach / Small", as parse_sme reads it: m167)
                                  "OR (strpos(v, ' / ') > 0 AND parse_sme(v) IS NOT NULL) "
                                  "THEN 1 END)"))
assert _REGISTER_PROFILE_SQL.count("register") == 5 and _REGISTER_PROFILE_SQL.count("(micro|small|medium|large)") == 2
SAMPLE_ROWS = 300
# The words that end or make an organisation's name, in any publisher's file: its legal form, or
# what kind of body it is.
_FIRM = (r"\b(ltd|limited|plc|llp|llc|inc|cic|corp|corporation|company|co|group|holdings|services|solutions|"
         r"council|trust|partnership|associates|society|university|college|nhs|charity|foundation)\b")
# A firm's legal form as the last word of its name (a stop or a closing bracket after it): what
# marks a payee's column apart from department and category names ("Corporate Services").
_LEGAL = LEGAL_FORM = (r"[a-z].*(\b(ltd|limited|plc|llp|llc|inc|cic|cio|lp|gmbh)|&\s*co|\bco)\.?\)?$")
# The words that say what kind of public body a name is (a force, a council, a fire service, a
# commissioner, a health body, a department of state).
_PUBLIC = (r"\b(police|constabulary|council|fire|rescue|commissioner|pcc|opcc|authority|nhs|borough|county|"
           r"district|parish|ministry|government|agency|health board|integrated care)\b")
SAMPLE_WINDOW = 5000  # the sample is taken from at most this many rows after (or before) the header


def profile_columns(cur, table: str, width: int, lo: int, hi: int, headers: list | None = None,
                    kind: "Kind | None" = None) -> list[Profile]:
    """Profiles of columns c0..c{width-1} from up to SAMPLE_ROWS data rows with lo < rn < hi.
    Identifiers are generated (c0..cN); the bounds are bound values. The European-amount and
    period readings (dear to plan) are asked only of columns whose header could name such a field."""
    if width == 0:
        return []
    cols = ", ".join(f"c{i}" for i in range(width))
    kind = kind or SPEND
    scores = [header_scores(h, kind) for h in (headers or [])]
    money_fields = {f for f in kind.fields if kind.shape(f) == "money"}
    eu_cols = [i for i, sc in enumerate(scores) if any(sc.get(f, 0) > 0 for f in money_fields)]
    period_cols = [i for i, sc in enumerate(scores) if sc.get("period", 0) > 0]
    pick = lambda ix: "col IN (" + ", ".join(f"'c{i}'" for i in ix) + ")"
    # rows with a digit somewhere: data, not a header repeated further down (nor a blank row);
    # the rn bounds narrow the scan to a window of the table (row ids are pushed down)
    sample = ("SELECT " + cols + " FROM " + table + " WHERE rn > ? AND rn < ? AND regexp_matches(concat_ws('|', "
              + cols + "), '\\d') ORDER BY rn LIMIT " + str(SAMPLE_ROWS))
    profile = _PROFILE_SQL if kind is SPEND else _REGISTER_PROFILE_SQL
    sql = ("WITH sample AS (" + sample + ") "
           + profile.replace("{cols}", cols).replace("{eu}", "0").replace("{firm}", _FIRM)
              .replace("{legal}", _LEGAL).replace("{public}", _PUBLIC))
    bounds = [lo, min(hi, lo + SAMPLE_WINDOW)]
    got = {int(r[0][1:]): list(r[1:]) for r in cur.execute(sql, bounds).fetchall()}
    # Periods (202205, May-22, Q1 2023/24, Apr-Jun 2023): asked again only of period-named columns
    # with a cell that is not a UK date, the only cells a period may be read from. Most such columns
    # are headed "Date" and hold dates alone; the period reading's rules are many, and DuckDB spent
    # tens of milliseconds planning them for a column where they cannot count anything.
    # (The main query's period slot holds the UK dates counted, until it is replaced here.)
    period_cols = [i for i in period_cols if i in got and got[i][0] > got[i][4]]
    for i in got:
        got[i][4] = 0
    if period_cols:
        sql = ("WITH sample AS (" + sample + ") SELECT col, count(CASE WHEN parse_uk_date(v) IS NULL THEN "
               "parse_period(v) END) FROM (SELECT col, clean_text(raw) AS v FROM (UNPIVOT sample ON " + cols
               + " INTO NAME col VALUE raw)) WHERE " + pick(period_cols) + " GROUP BY col")
        for col, n in cur.execute(sql, bounds).fetchall():
            got[int(col[1:])][4] = n
    # Amounts written 1.234,56: asked again only of money-named columns that did not read as money.
    eu_cols = [i for i in eu_cols if i in got and got[i][0] and got[i][1] < 0.9 * got[i][0]]
    if eu_cols:
        sql = ("WITH sample AS (" + sample + ") SELECT col, count(parse_amount_eu(v)) FROM (SELECT col, "
               "clean_text(raw) AS v FROM (UNPIVOT sample ON " + cols + " INTO NAME col VALUE raw)) WHERE "
               + pick(eu_cols) + " AND parse_amount(v) IS NULL GROUP BY col")
        for col, n in cur.execute(sql, bounds).fetchall():
            got[int(col[1:])][1] += n
    out = []
    for i in range(width):
        n, money, date, time, period, words, code, distinct, int_, pct, bool_, firm, legal, public, cap_rev, padded, \
            mixed = got.get(i, (0,) * 17)
        d = n or 1
        out.append(Profile(n, money / d, date / d, time / d, period / d, words / d, code / d, distinct / d,
                           int_ / d, pct / d, bool_ / d, firm / d, legal / d, public=public / d, cap_rev=cap_rev / d,
                           padded=padded / d, mixed=mixed / d))
    return out


# ---------------------------------------------------------------------------------------------
# Header rows

_DATA_CELL = re.compile(r"^\s*[-(£$€]*\s*[\d.,/:\- ]+\)?\s*(CR|DR|-)?\s*$|^\d{1,2}[-/ ][A-Za-z]{3,9}[-/ ]\d{2,4}$")


# What an entry holds and no header does: a UK postcode, a code of five digits or more (a supplier's
# number, "GB336407217"), a lone Y or N. A supplier listing's line of "VENDOR", "MANOR TRADING
# ESTATE" and "NORTH YORKSHIRE" read as a header row again (vendor, trading, county), and every line
# under it was read by the wrong columns.
# A UK postcode's shape, its outward code and the whole (lib.ingest.registers reads postcodes by them)
OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
POSTCODE = OUTWARD + r"\s{0,2}[0-9][A-Z]{2}"
_ENTRY_CELL = re.compile(r"(?i)^\s*(?:" + POSTCODE + r"|[A-Z]{0,3}\s?\d{5,}|[YN])\s*$")


def header_row_score(cells: list[str | None], kind: Kind = SPEND) -> float:
    """How much a row reads as a header: the best score of each field among its cells, summed over
    fields scoring 2 or more; 0 when the row holds data (numbers, dates) or fewer than two such cells."""
    filled = [c for c in cells if c is not None and str(c).strip()]
    if len(filled) < 2:
        return 0.0
    # a savings plan's columns a financial year ("Scheme" | "2024/25" | "2025/26"): each names a year's
    # saving (add_saving_months), not a year on a line
    years = {i for i, c in enumerate(filled) if kind.name == "savings" and header_fy(str(c)) is not None}
    # (or its columns months, written as the months' first days, "Apr-23" | "May-23" | ...: three or more)
    months = {i for i, c in enumerate(filled) if kind.name == "savings" and _FIRST_OF_MONTH.fullmatch(str(c).strip())}
    if len(months) >= 3:
        years |= months
    data_like = sum(1 for i, c in enumerate(filled) if i not in years and (_DATA_CELL.match(str(c))
                                                                        or _ENTRY_CELL.match(str(c))))
    if data_like > max(1, len(filled) // 4):
        return 0.0
    best: dict[str, float] = {}
    cells_hit = 0
    for i, c in enumerate(filled):
        sc = {"amount": _STRONG} if i in years else header_scores(str(c), kind)
        top = max(sc.values(), default=0)
        if top >= _STRONG:
            cells_hit += 1
        for f, s in sc.items():
            if s >= _STRONG:
                best[f] = max(best.get(f, 0), s)
    if cells_hit < 2:
        return 0.0
    req = sum(min(best.get(f, 0), 4) for f in kind.required)
    return req + 0.3 * sum(min(v, 4) for f, v in best.items() if f not in kind.required)


def looks_like_data(cells: list[str | None]) -> bool:
    """A row of figures and dates (a line), not names of columns: two or more of its cells are
    numbers or dates, or all but one of them are."""
    filled = [str(c) for c in cells if c is not None and str(c).strip()]
    return len(filled) >= 2 and sum(1 for c in filled if _DATA_CELL.match(c)) >= min(2, len(filled) - 1)


def looks_like_header(cells: list[str | None], kind: Kind = SPEND) -> bool:
    """A header row again (monthly blocks pasted one under another): several cells are header words
    for different fields, including one of the required ones, and it is no row of figures and dates
    (:func:`looks_like_data`): a line whose amount is a spreadsheet's error ("#VALUE!") beside words
    that are also headers' ("Council", "Services") was taken for a header, and lost."""
    return header_row_score(cells, kind) >= 4 and not looks_like_data(cells) and not any(
        _POUNDS_AND_PENCE.match(str(c)) for c in cells if c is not None)


# A sum of money written with its currency's sign ("£199,273.50", "-£1,200", "(£45.00)"): no header's cell
_POUNDS_AND_PENCE = re.compile(r"^\s*-?\(?\s*-?[£$€]\s*-?\d[\d,]*(\.\d{1,2})?\s*\)?\s*$")


def find_header(rows: list[tuple[int, list[str | None]]], kind: Kind = SPEND) -> tuple[int, list[str | None]] | None:
    """The (rn, cells) of the header: the first row that reads nearly as well as a header as the
    best one (a later, wordier repeat of the header does not hide the first), or None."""
    scored = [(header_row_score(cells, kind), rn, cells) for rn, cells in rows]
    best = max((s for s, _, _ in scored), default=0)
    if best < 3:
        return None
    s, rn, cells = min(((s, rn, cells) for s, rn, cells in scored if s >= 0.6 * best), key=lambda t: t[1])
    # A query tool's list of the columns with their types, above the header it writes ("text Body",
    # "text Date", "Amount" over "Body", "Date", "Amount"): the header is the row under it.
    below = next(((s2, rn2, c2) for s2, rn2, c2 in scored if rn2 > rn), None)
    if below is not None and below[0] >= 0.6 * best and _prefixed_names(cells, below[2]):
        s, rn, cells = below
    return _two_line_header(dict(rows), rn, cells, s, kind)


def _prefixed_names(upper: list[str | None], lower: list[str | None]) -> bool:
    """Whether ``lower`` names the columns ``upper`` names, each of most of them with a word before it
    in ``upper`` ("text Supplier name" over "Supplier name"), and none otherwise."""
    pairs = [(str(u).strip().casefold(), str(w).strip().casefold()) for u, w in zip(upper, lower)
             if u is not None and w is not None and str(u).strip() and str(w).strip()]
    if len(pairs) < 3:
        return False
    prefixed = sum(1 for u, w in pairs if u != w and u.endswith(" " + w))
    return all(u == w or u.endswith(" " + w) for u, w in pairs) and prefixed >= 0.5 * len(pairs)


def _header_words_only(cells: list[str | None], years: bool = False) -> bool:
    """A row that can be one line of a header: two or more cells, each a few words, none a figure.
    ``years``: a financial year alone is a header's cell too ("2022/23" over "Cashable £" | "Non-Cashable £",
    a savings register's year over its columns; header_fy)."""
    filled = [str(c).strip() for c in cells if c is not None and str(c).strip()]
    # (or, in a savings register, a year with what its figures are: "2022/23 Actual", "2024/25 Plan",
    # "Total 2022/23 to 2024/25", over "Cashable £" | "Non-cashable £")
    return len(filled) >= 2 and all((not _DATA_CELL.match(c) and not re.search(r"\d", c) and len(c.split()) <= 4)
                                    or (years and header_fy(c) is not None)
                                    or (years and len(c.split()) <= 5 and _FY_TEXT.search(c) and not _DATA_CELL.match(c))
                                    for c in filled)


def is_two_line_header(upper: list[str | None], lower: list[str | None], kind: Kind = SPEND) -> bool:
    """Two rows that are one header written over two lines: each a row of a few words, and read
    together ("Invoice" over "Amount") they make a header that says more than either line alone."""
    if not (_header_words_only(upper) and _header_words_only(lower)):
        return False
    joined = header_row_score(joined_header(upper, lower), kind)
    return joined >= 4 and joined > max(header_row_score(upper, kind), header_row_score(lower, kind))


def joined_header(upper: list[str | None], lower: list[str | None]) -> list[str | None]:
    """Two lines of a header read as one, column by column ("Invoice" over "Amount": "Invoice Amount");
    a heading merged down over both lines ("Route" on each, as the workbook's reader fills it) once."""
    width = max(len(upper), len(lower))
    cell = lambda row, i: (str(row[i]).strip() if i < len(row) and row[i] is not None else "")
    return [(" ".join(dict.fromkeys(x for x in (cell(upper, i), cell(lower, i)) if x)) or None) for i in range(width)]


_UNIT = re.compile(r"^\(?\s*(£|\$|€|gbp|eur|usd|%|£\s*'?(000|k|m)s?|£'?s|pounds?|sterling)\s*\)?$", re.I)
# How a column's cells are written, as a form's guide line says it: "dd/mm/yyyy", "(DD-MMM-YY)", "mmm-yy",
# "hh:mm": the letters of a date's or time's parts alone, between separators.
_FORMAT = re.compile(r"^\(?\s*(d{1,2}|m{1,4}|y{2,4}|hh|ss)(\s?[/\-.: ]\s?(d{1,2}|m{1,4}|y{2,4}|hh|ss)){1,2}\s*\)?$", re.I)


def units_row(cells: list[str | None]) -> bool:
    """A row under a header that only says each figure's unit ("£", "GBP", "£000", "%") or how a
    column is written ("dd/mm/yyyy"), no data."""
    filled = [str(c).strip() for c in cells if c is not None and str(c).strip()]
    return bool(filled) and all(_UNIT.match(c) or _FORMAT.match(c) for c in filled)


def _two_line_header(by_rn: dict, rn: int, cells: list, score: float, kind: Kind) -> tuple[int, list]:
    """A header written over two lines ("Invoice" / "Amount", "Payment" / "Date"): the line found
    and the line above or below it, read as one when together they say clearly more than the line
    alone. The header's row is then the lower line (the lines start under it). A row of units under
    the header ("£" under "Net Amount") is read as part of it too: it is not a line."""
    rn, cells = _two_line_header_words(by_rn, rn, cells, score, kind)
    below = by_rn.get(rn + 1)
    if below is not None and units_row(below):
        return rn + 1, joined_header(cells, below)
    # A row of words alone under the header, in its columns and adding nothing to it (the header
    # again in Welsh under the English, or a line describing each column): part of the header,
    # not a line (it holds no figure, so it could only be quarantined).
    named = {i for i, c in enumerate(cells) if c is not None and str(c).strip()}
    filled = {i for i, c in enumerate(below or []) if c is not None and str(c).strip()}
    if (below is not None and _header_words_only(below) and filled <= named and 2 * len(filled) >= len(named)
            and not _answers_or_firms(below)):
        return rn + 1, cells
    # A row of words under a header whose word spans blank cells after it (a merged cell: "Supplier"
    # over "Name" | "Number"): the names of the group's columns, read with the word over them. It
    # holds no figure, so as a line it could only be quarantined.
    # (the group's first column has a name under the word too: "Name" under "Supplier")
    spanned = {i for i in range(len(cells)) if i not in named and any(
        j in named and j in filled and all(k not in named for k in range(j + 1, i)) for j in range(i))}
    if (below is not None and _header_words_only(below) and filled & spanned and filled <= named | spanned):
        spread = joined_header(_spread_over_blanks(cells, below), below)
        if header_row_score(spread, kind) >= score - 0.5:
            return rn + 1, spread
    return rn, cells


_ANSWER = re.compile(r"^(y|n|yes|no|true|false|sme|non[- ]?sme|micro|small|medium|large|vcse)$", re.I)


def _answers_or_firms(cells: list) -> bool:
    """Does a row of words hold what only a record holds: a firm's name ending in its legal form ("Acme
    Cleaning Ltd") or an answer (Y, No, SME, Large)? A register's first record can be all words (its
    postcode left blank): it is a record, not a line of the header over it. An answer in two languages
    ("Micro / Micro", "Ie / Yes") is read by either half: a Welsh register's first supplier was read
    as a line of the header (the header again in Welsh) and lost."""
    filled = [str(c).strip() for c in cells if c is not None and str(c).strip()]
    parts = filled + [p for c in filled if " / " in c for p in (x.strip() for x in c.split(" / ")) if p]
    return any(_ANSWER.match(c) or re.search(_LEGAL, c.lower()) for c in parts)


def _two_line_header_words(by_rn: dict, rn: int, cells: list, score: float, kind: Kind) -> tuple[int, list]:
    best = (score + 1.0, rn, cells)
    for upper_rn, lower_rn in ((rn - 1, rn), (rn, rn + 1)):
        upper, lower = by_rn.get(upper_rn), by_rn.get(lower_rn)
        years = kind.name == "savings"
        if upper is None or lower is None or not (_header_words_only(upper, years) and _header_words_only(lower, years)):
            continue
        other = upper if upper_rn != rn else lower
        if 2 * _filled(other) < _filled(cells) and not _group_words(upper, lower) and not _tells_apart(upper, lower):
            continue  # a line of a few words over a wide header is a title, not half the header
        joined = joined_header(upper, lower)
        s = header_row_score(joined, kind)
        # A group's word over several columns, written once (a merged cell: "Supplier" over "Name" |
        # "ID"), is read over each of them, when the header then says more than without it.
        spread = joined_header(_spread_over_blanks(upper, lower), lower)
        s_spread = header_row_score(spread, kind)
        # (or as well, when only spread does it tell apart columns named alike: "2022/23" over "Cashable £" |
        # "Non-Cashable £", and so for each year)
        if s_spread > s or (s_spread >= s and _repeats(joined) and not _repeats(spread)):
            joined, s = spread, s_spread
        # (a header that names two columns alike, "Amount" | "Amount", over a line that tells them
        # apart, "excl VAT" | "incl VAT", is that line's: the header read alone is ambiguous)
        if s >= best[0] or (_repeats(cells) and not _repeats(joined) and s >= score - 0.5 and best[1] == rn):
            best = (max(s, best[0]), lower_rn, joined)
        elif years and (by_year := _groups_over_years(upper, lower)) is not None and best[1] == rn:
            # A savings register's words over its years ("Achieved savings (£)" over 2022/23 | 2023/24,
            # "Forecast savings (£)" over 2025/26 | 2026/27) under a row of group words: the years are
            # the header's, each read with the word over it (what it says of them is the point: a
            # forecast is no saving made), every other column by its own word.
            best = (max(header_row_score(by_year, kind), best[0]), lower_rn, by_year)
    return best[1], best[2]


def _groups_over_years(upper: list, lower: list) -> list | None:
    """The lower line with each of its financial years ("2022/23") read with the word written over it
    or carried from the left over blank cells to it ("Achieved savings (£) 2022/23"), when two or more
    of its cells are years and every year has such a word; the other cells as they are. None else."""
    carried, out, years = None, [], 0
    for i in range(max(len(upper), len(lower))):
        u = upper[i] if i < len(upper) else None
        v = lower[i] if i < len(lower) else None
        if u is not None and str(u).strip():
            carried = str(u).strip()
        if v is not None and header_fy(str(v)) is not None:
            if carried is None:
                return None
            out.append(carried + " " + str(v).strip())
            years += 1
        else:
            out.append(v)
    return out if years >= 2 else None


def _tells_apart(upper: list, lower: list) -> bool:
    """Does the lower line write words only under columns the upper names alike ("Amount" |
    "Amount" over "excl VAT" | "incl VAT")?"""
    has = lambda row, i: i < len(row) and row[i] is not None and str(row[i]).strip() != ""
    names = [norm(c) if c is not None and str(c).strip() else None for c in upper]
    under = [i for i in range(len(lower)) if has(lower, i)]
    return bool(under) and all(i < len(names) and names[i] and names.count(names[i]) > 1 for i in under)


def _repeats(cells: list) -> bool:
    """Does a header line name two of its columns alike?"""
    named = [norm(c) for c in cells if c is not None and str(c).strip()]
    return len(named) != len(set(named))


def _filled(cells: list) -> int:
    return sum(1 for c in cells if c is not None and str(c).strip())


def _group_words(upper: list, lower: list) -> bool:
    """Is the upper line words over groups of the lower's columns (merged cells: "Invoice" over
    Date | Number, "Payment" over Date | Reference | Amount), not a title? Two words or more, each
    over a word of the lower line, at least one of them over more than one (blank cells after it
    with words under them). Whether the two lines then read as one header is still for the score."""
    filled = [i for i, c in enumerate(upper) if c is not None and str(c).strip()]
    has = lambda row, i: i < len(row) and row[i] is not None and str(row[i]).strip() != ""
    if len(filled) < 2 or not all(has(lower, i) for i in filled):
        return False
    return any(has(lower, i + 1) and not has(upper, i + 1) for i in filled)


def _spread_over_blanks(upper: list, lower: list) -> list:
    """The upper line of a two-line header with each word carried right over the blank cells after
    it, as far as the lower line has words under them (the extent of a merged cell)."""
    out, carry = [], None
    for i in range(max(len(upper), len(lower))):
        u = upper[i] if i < len(upper) else None
        l = lower[i] if i < len(lower) else None
        if u is not None and str(u).strip():
            carry = u
            out.append(u)
        elif carry is not None and l is not None and str(l).strip():
            out.append(carry)
        else:
            carry = None
            out.append(u)
    return out


# ---------------------------------------------------------------------------------------------
# The mapping

HOW = ("header", "content", "remembered", "given")


@dataclass
class Mapping:
    """field → 0-based column index, for one header row; how each was found; what was left unclear."""
    columns: dict[str, int]
    headers: list[str | None]
    required: tuple = REQUIRED
    found: dict = dc_field(default_factory=dict)        # field → header | content | remembered | given
    unclear: list = dc_field(default_factory=list)      # required fields a person must choose
    candidates: dict = dc_field(default_factory=dict)   # unclear field → [column index, best first]
    alternatives: dict = dc_field(default_factory=dict)
    unused: list = dc_field(default_factory=list)       # column indices holding something, not used
    listed: dict = dc_field(default_factory=dict)       # column → (header as written, parts): read a column a
                                                         # part (lib.ingest.listed)
    joined: dict = dc_field(default_factory=dict)       # field → its columns, a line each (add_spread_lines)
    header_rn: int | None = None                         # the header's row in the sheet
    extra: list = dc_field(default_factory=list)        # unnamed, unused columns holding stray cells
    sampled: int = 0                                     # cells read from the sample of rows
    credit_signed: bool = False                          # the credit column's figures are negative already
    credit_marked: int = 0                               # lines marked as credit notes whose positive sums
                                                         # are taken off (credit_mark: add_credit_marks)
    mark_candidates: list = dc_field(default_factory=list)  # columns add_credit_marks looked at
    credit_answers: bool = False                         # the credit mark column answers a question ("Credit Note (Y/N)": Y)
    credit_rows: list = dc_field(default_factory=list)  # (after, before) row spans of a section or sheet of
                                                         # credit notes written as positive sums (add_credit_sections)
    credit_section: int = 0                              # how many lines those spans hold
    credit_title: str | None = None                      # the heading that named them (None: the sheet's name)
    pence: bool = False                                  # the amount's header says its sums are in pence
    names_marked: bool = False                           # an apostrophe before nearly every supplier's name (m164)
    date_headings: bool = False                          # each payment run's date is written on a row of its own
                                                         # over its lines (load._fill_printed_once): those rows head
    scale: str | None = None                             # ... or in thousands ('k': "Amount (£000)") or millions ('m')
    currency_note: str | None = None                     # why a currency column was set aside (settle_currency)
    supplier_coded: str | None = None                    # the supplier's cells carry its code ("UK0479435601 :
                                                         # Boots UK Ltd", "Serco Ltd~114639650"): a cell as an
                                                         # example (add_supplier_code)
    year_given: int | None = None                        # the financial year (its first year) the sheet's
                                                         # periods are read in, named once for the sheet
    month_given: dt.date | None = None                   # the month (its first day) that dates every line, named
                                                         # once for the sheet (its title, its name): no date column
    day_month_fy: int | None = None                      # ... or its dates, written as a day and a month alone
                                                         # ("03-Jun": add_day_month_in_year)
    months: list = dc_field(default_factory=list)       # a savings register's columns a month: (column, month,
                                                         # year or None) (add_saving_months)
    months_by: str = "month"                             # ... or a quarter's ("quarter"), read as its first month,
                                                         # or a financial year's ("year", month 0: the whole year)
    multiline: set = dc_field(default_factory=set)      # text columns whose sampled cells break across lines
                                                         # (read as one line) ...
    long_numbers: list = dc_field(default_factory=list)  # ... and (field, cells, cells looked at, example) of those
                                                         # written as a spreadsheet shows a long number
                                                         # (lib.ingest.load._cell_shapes)
    placeholder_codes: set = dc_field(default_factory=set)  # code columns whose sampled cells say there is none
                                                         # ("Not recorded": read through code_text, m138)
    misfit: dict = dc_field(default_factory=dict)       # a required field no column was taken for -> the column
                                                         # headed as it whose cells are not its kind (the sums'
                                                         # not sums of money: none was then taken by content; a
                                                         # date's not dates, "######")
    sums_in: dict = dc_field(default_factory=dict)      # ... and -> the columns under other headings that hold sums
    blank: set = dc_field(default_factory=set)          # unused columns headed but with no cell in the lines read
    cells_past_header: int | None = None                 # the column after the last heading, when it holds cells on
                                                         # most sampled lines (a header a heading short?)
    body_named: int | None = None                        # a column naming one public body (or a few) on every line,
                                                         # in a kind with no body field (a register's "Organisation")
    heading_left_out: int | None = None                  # the column a header left without its heading, each heading
                                                         # after it moved over its own column (heading_left_out)
    weightings_in_words: int | None = None               # a contracts register's column of its evaluation in words
                                                         # ("Quality 60% (incl. Social Value 10%)"): both weightings
                                                         # read from it (add_weightings_in_words)
    weightings_in_order: tuple = ()                      # ... or of its weightings in the order its header names
                                                         # them ("Quality/Price" over "60/40": weightings_in_order)

    def label(self, i: int) -> str:
        h = self.headers[i] if i < len(self.headers) else None
        if not (h and h.strip()):
            return f"column {column_letter(i)}"
        # as a person reads it: a line break or a non-breaking space inside a header is a space;
        # a header written twice ("Class Code" | ... | "Class Code") says which of them it is
        text = " ".join(h.split())
        if sum(1 for x in self.headers if x and norm(x) == norm(h)) > 1:
            text += f" (column {column_letter(i)})"
        return text

    def header_of(self, field: str) -> str | None:
        i = self.columns.get(field)
        return None if i is None else self.label(i)

    def missing(self) -> list[str]:
        out = []
        for f in self.required:
            alt = self.alternatives.get(f)
            if f not in self.columns and not (alt and alt in self.columns) and not (f == "amount" and (
                    self.pieces() or self.by_costs())):
                out.append(f)
        return out

    def by_costs(self) -> bool:
        """Whether each saving is its cost before less its cost after, no column giving it (add_saving_costs)."""
        return self.columns.get("amount") is None and all(self.columns.get(c) is not None for c in SAVING_COSTS)

    def pieces(self) -> list[int]:
        """The columns a saving is read from in pieces, with or without its total beside them: its
        cashable and non-cashable parts (add_saving_parts) or its months (add_saving_months)."""
        return [self.columns[f] for f in _SAVING_PARTS if self.columns.get(f) is not None] + [i for i, _, _ in self.months]

    def as_headers(self) -> dict[str, str]:
        return {f: self.header_of(f) for f in self.columns}

    def unused_labels(self) -> list[str]:
        return [self.label(i) for i in self.unused]


# A money column's header that gives its sums in pence ("Amount (pence)", "Value (p)", "Amount in pennies").
_PENCE = re.compile(r"\b(pence|pennies)\b|\(\s*p\s*\)|\bin\s+p\b", re.I)


def in_pence(header: str | None) -> bool:
    """Whether a money column's header says its sums are written in pence."""
    return bool(header and _PENCE.search(header))


# A header that gives its sums' scale: "Value (£k)", "Saving (£000s)", "Value £'000", "Turnover (£m)",
# "Cost (in thousands)", a spend file's "Amount (£000)". Its cells are read times it (m103: registers;
# lib.ingest.load: spend); "(£)" alone gives none.
_SCALE = ((re.compile(r"£\s*'?0{3}s?\b|£\s*k\b|\(\s*k\s*\)|\(\s*'?0{3}s?\s*\)|\bthousands?\b", re.I), "k"),
          (re.compile(r"£\s*mn?\b|\(\s*mn?\s*\)|\bmillions?\b|£\s*0{6}\b", re.I), "m"))
SCALE_TIMES = {"k": 1000, "m": 1000000}


def header_scale(header: str | None) -> str | None:
    """'k' or 'm' when a money column's header gives its cells' scale, else None."""
    for pattern, scale in _SCALE:
        if header and pattern.search(header):
            return scale
    return None


# A column of the pence alone, beside one of whole pounds ("Pounds" | "Pence", "£" | "p"): its header
# is the pence and nothing else (an "Amount (pence)" is a whole sum written in pence: in_pence).
_PENCE_PART = re.compile(r"\s*\(?\s*(p|p\.|pence|pennies|pence part|pence \(p\)|p \(pence\))\s*\)?\s*", re.I)


def add_pence_part(cur, table: str, m: Mapping, lo: int, hi: int, kind: Kind = SPEND) -> None:
    """A sum written in two columns, its whole pounds in one and its pence in the next ("Pounds" =
    1234 | "Pence" = 56, as ledgers printed by hand-kept systems lay them out): both hold numbers, so
    either could be the amount, and a person was asked which. Taken when a column's header is the
    pence alone, nine in ten of its sampled cells are whole numbers of one or two digits, and exactly
    one other column that could be the amount holds whole pounds only: the amount is then that
    column's pounds and this one's pence (``amount_pence``), read on every line. Identifiers are
    generated (c0..cN); the bounds are bound values."""
    if kind is not SPEND or m.columns.get("amount_pence") is not None:
        return
    pence = [i for i, h in enumerate(m.headers) if h and _PENCE_PART.fullmatch(h)]
    if len(pence) != 1:
        return
    p = pence[0]
    pounds = [j for j in ([m.columns.get("amount")] + list(m.candidates.get("amount", []))) if j is not None and j != p]
    pounds = list(dict.fromkeys(pounds))
    if not pounds:
        return
    # (whole pounds: a sum with no pence, and no decimal point written)
    reads = ", ".join("count(clean_text(" + c + ")), count(CASE WHEN parse_amount(" + c + ") = trunc(parse_amount("
                      + c + ")) AND NOT contains(clean_text(" + c + "), ?) THEN 1 END)"
                      for c in (f"c{int(j)}" for j in pounds))
    c = f"c{int(p)}"
    got = cur.execute("SELECT count(clean_text(" + c + ")), count(pence_part(" + c + ")), " + reads
                      + " FROM " + table + " WHERE rn > ? AND rn < ?",
                      ["."] * len(pounds) + [lo, min(hi, lo + SAMPLE_WINDOW)]).fetchone()
    n, two_digits = got[0], got[1]
    whole = [j for k, j in enumerate(pounds) if got[2 + 2 * k] and got[3 + 2 * k] == got[2 + 2 * k]]
    if n < 3 or two_digits < 0.9 * n or len(whole) != 1:
        return
    m.columns["amount"], m.columns["amount_pence"] = whole[0], p
    m.found["amount_pence"] = "header"
    if "amount" in m.unclear:
        m.unclear.remove("amount")
        m.candidates.pop("amount", None)
        m.found["amount"] = "content"
    m.unused = [i for i in m.unused if i not in (p, whole[0])]


_SAVING_PARTS = ("cashable", "non_cashable")


def _holds_sums(profiles: list, i: int) -> bool:
    """Whether column ``i``'s sampled cells are sums (or it has none): a saving's piece or total may be it."""
    return i < len(profiles) and (profiles[i].n == 0 or (profiles[i].fit("money") or 0) >= 0.5)


def _sums_named(m: Mapping, profiles: list, kind: Kind, fields) -> dict[str, list[int]]:
    """For each of ``fields`` (a saving's pieces, taken by their header words alone: settled by the
    caller, or not at all), the columns of sums whose header names it. Any of them plan_columns mapped
    is first listed as not used again."""
    for f in fields:
        if f in m.columns:
            m.unused = sorted(set(m.unused) | {m.columns.pop(f)})
            m.found.pop(f, None)
    sums = {i: header_scores(h, kind) for i, h in enumerate(m.headers)
            if _holds_sums(profiles, i)}
    return {f: [i for i, sc in sums.items() if sc.get(f, 0) >= OPTIONAL_WORDS] for f in fields}


def add_saving_parts(m: Mapping, profiles: list, kind: Kind) -> None:
    """A savings register that writes each saving as its cashable part and its non-cashable part, in
    two money columns ("Cashable Saving (£)" | "Non-Cashable Saving (£)"), often with their total
    beside them ("Total Saving (£)"): all three could be the amount, and a person was asked which.
    Each part is a column whose header names it (and no other part) and whose sampled cells are sums;
    when one column alone names each part found, the parts are mapped (``cashable``,
    ``non_cashable``: lib.ingest.registers stores each part as a saving of its type), and the amount
    is the one money column the header words offered besides them (the total, checked against the
    parts), else the parts' sum. A column per year or per quarter for a part ("Cashable 2023/24" |
    "Cashable 2024/25") is left to the person. Columns a person gave (or a load remembered) stay as
    they were."""
    if kind.name != "savings":
        return
    if any(m.found.get(f) in ("given", "remembered") for f in _SAVING_PARTS):
        return  # as a person gave them, or as the last load of these headers read them
    named = _sums_named(m, profiles, kind, _SAVING_PARTS)
    fixed = {i for f, i in m.columns.items() if m.found.get(f) in ("given", "remembered")}
    if any(len(cols) > 1 for cols in named.values()):
        return
    parts = {f: cols[0] for f, cols in named.items() if cols}
    taken = set(parts.values())
    if not parts or len(taken) != len(parts) or taken & fixed:
        return  # (a person who said the amount is one of them loads that one as the saving)
    _saving_amount_beside(m, taken, profiles)  # (a "Cashable Saving" taken for whether the saving is cashable: no more)
    m.columns.update(parts)
    m.found.update({f: "header" for f in parts})
    m.unused = sorted({i for i in m.unused if i not in m.columns.values()})


SAVING_COSTS = ("cost_before", "cost_after")  # a saving as its cost before and after (add_saving_costs)


def add_saving_costs(m: Mapping, profiles: list, kind: Kind) -> None:
    """A savings register that gives what was paid before and what is paid now (a baseline and a new
    cost, each a column of sums whose header says which) and no column for the saving itself: the
    saving is the one less the other (lib.ingest.registers), and neither cost is the amount. Where a
    column's header gives the saving, or the costs are not one column each, the costs are not read
    (listed as not used); a person who gave the amount or the costs is taken at their word."""
    if kind.name != "savings" or any(m.found.get(f) in ("given", "remembered") for f in SAVING_COSTS):
        return
    costs = {f: cols[0] if len(cols) == 1 else None for f, cols in _sums_named(m, profiles, kind, SAVING_COSTS).items()}
    a, taken = m.columns.get("amount"), set(costs.values())
    saving_given = m.found.get("amount") in ("given", "remembered") or (
        a is not None and a not in taken and m.found.get("amount") == "header" and "amount" not in m.unclear)
    held_by_others = set(m.columns.values()) - {a}  # (a cost's column another field has taken)
    if None in taken or len(taken) != 2 or saving_given or m.pieces() or taken & held_by_others:
        return
    m.columns.pop("amount", None)  # the saving is worked out from the two
    m.found.pop("amount", None)
    m.candidates.pop("amount", None)
    if "amount" in m.unclear:
        m.unclear.remove("amount")
    m.columns.update(costs)
    m.found.update({f: "header" for f in costs})
    m.unused = sorted(i for i in set(m.unused) | ({a} - {None}) if i not in m.columns.values())


_TOTAL_WORDS = {"total", "saving", "sum", "amount", "overall"}  # what a total beside a saving's pieces says it is


def _saving_amount_beside(m: Mapping, cols: set, profiles: list) -> None:
    """A saving read from several columns ``cols`` (its parts, or its months): no other field keeps
    one of them, and the amount is the one money column the header words offered besides them (their
    total, which the load checks against them), else none (the saving is their sum); more than one
    such column is still a question for a person. A total is a column of sums whose header says it is
    a total, a saving or a sum: a contract's value, a budget, a year of saving are not, and are listed
    as not used. An amount a person gave stays."""
    for f in [f for f, i in m.columns.items() if i in cols and f != "amount"]:
        m.columns.pop(f)
        m.found.pop(f, None)
    a = m.columns.get("amount")

    def a_total(j: int) -> bool:
        if not _holds_sums(profiles, j) or j >= len(m.headers) or not _TOTAL_WORDS & set(tokens(m.headers[j])):
            return False
        # (a total over a span of years, "Total 2022/23 to 2024/25", may count years not read as savings
        # made, a plan's: no check of them, and not the saving)
        # ... and so may a total beside a year's column of sums not read as savings made ("2024/25
        # (Forecast)" between the years and "Total Savings (£)")
        if len(_FY_TEXT.findall(str(m.headers[j]))) >= 2 or any(
                k not in cols and k != j and h and _FY_TEXT.search(str(h)) and _holds_sums(profiles, k)
                for k, h in enumerate(m.headers)):
            return False
        sc = header_scores(m.headers[j], SAVINGS)  # (a header naming another field more: "Year of Saving")
        return sc.get("amount", 0) > 0 and sc.get("amount", 0) >= max(sc.values())

    if m.found.get("amount") in ("given", "remembered") or not (a is None or a in cols or "amount" in m.unclear
                                                                or not a_total(a)):
        return
    rest = list(dict.fromkeys(j for j in [a] + list(m.candidates.get("amount", []))
                              if j is not None and j not in cols and a_total(j)))
    if len(rest) > 1:
        m.columns["amount"], m.candidates["amount"] = rest[0], rest
        return
    if "amount" in m.unclear:
        m.unclear.remove("amount")
    m.candidates.pop("amount", None)
    if rest:
        m.columns["amount"], m.found["amount"] = rest[0], "header"
    else:
        m.columns.pop("amount", None)
        m.found.pop("amount", None)
    if a is not None and a not in cols and a not in m.columns.values():
        m.unused = sorted(set(m.unused) | {a})  # (a contract's value taken for the amount before: not used)


# A header that is a month and nothing else ("Apr-24", "April 2024", "Apr", "2024-04", "04/2024"),
# money's marks and the words of a saving around it ("Apr-24 (£)", "Saving Apr 24", "May actual").
_MONTH_NAMES = [m.lower() for m in calendar.month_abbr[1:]]
_MONTH_HEADER = re.compile(r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
                           r"(?:[\s\-_/'’]*(?P<y>(?:19|20)?\d{2}))?", re.I)
_MONTH_NUMERIC = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.]\s*(?P<m>0?[1-9]|1[0-2])|(?P<m2>0?[1-9]|1[0-2])\s*[-/.]\s*(?P<y2>(?:19|20)\d{2})")
_MONTH_AROUND = re.compile(r"\(?\s*(£'?000s?|£k|£|gbp)\s*\)?|\b(savings?|actual|achieved|delivered|realised|realized|"
                           r"value|amount|month)\b", re.I)


# A quarter of the financial year alone ("Q1", "Qtr 2", "Quarter 3 2024/25", "Q4 24/25", "Q1 (Apr-Jun)"):
# Q1 is April to June, Q4 January to March. A quarter beside a calendar year alone ("Q1 2024") is not
# read: whether it is the calendar's quarter or the financial year's, the header does not say.
_QUARTER_HEADER = re.compile(r"(?:q|qtr|quarter)\s*(?P<q>[1-4])(?:[\s\-_,]*(?:fy)?\s*(?P<fy>(?:19|20)?\d{2})\s*[/\-]\s*\d{2})?"
                             r"(?:\s*\(\s*[a-z]{3,9}\s*[-\u2013]\s*[a-z]{3,9}\s*\))?", re.I)


def _period_alone(header) -> str:
    """A header without money's marks and a saving's words around its period ("Apr-24 (£)" → "Apr-24")."""
    return " ".join(_MONTH_AROUND.sub(" ", str(header)).split()).strip(" -:")


def header_quarter(header: str | None) -> tuple[int, int | None] | None:
    """(the quarter's first month, its year or None) when a header is a quarter of the financial year
    alone (see _QUARTER_HEADER), else None."""
    if not header:
        return None
    got = _QUARTER_HEADER.fullmatch(_period_alone(header))
    if not got:
        return None
    q, fy = int(got["q"]), got["fy"]
    first = None if fy is None else int(fy) + (2000 if len(fy) == 2 else 0)
    return (3 * q + 1 if q < 4 else 1), (None if first is None else first + (q == 4))


_FIRST_OF_MONTH = re.compile(r"((?:19|20)\d{2})-(0[1-9]|1[0-2])-01(?: 00:00:00)?")


def header_month(header: str | None) -> tuple[int, int | None] | None:
    """(month, year or None) when a header is a month alone (see _MONTH_HEADER), else None."""
    if not header:
        return None
    # (a workbook's month written as a date cell, its first day shown "Apr-23": the reader gives it as
    # "2023-04-01")
    if (iso := _FIRST_OF_MONTH.fullmatch(str(header).strip())) is not None:
        return int(iso.group(2)), int(iso.group(1))
    text = _period_alone(header)
    m = _MONTH_HEADER.fullmatch(text)
    if m:
        y = m.group("y")
        year = None if y is None else int(y) + (2000 if len(y) == 2 else 0)
        return _MONTH_NAMES.index(m.group("m").lower()[:3]) + 1, year
    m = _MONTH_NUMERIC.fullmatch(text)
    if m:
        return int(m.group("m") or m.group("m2")), int(m.group("y") or m.group("y2"))
    return None


# A financial year alone ("2023/24", "2023-2024", "FY 23/24", "FY2024/25"): its second year the first's next
_FY_HEADER = re.compile(r"(?:fy|financial\s+year|year)?\s*(?P<a>(?:19|20)?\d{2})\s*[/\-\u2013]\s*(?P<b>(?:19|20)?\d{2})", re.I)


def header_fy(header: str | None) -> int | None:
    """The first calendar year of the financial year a header is, alone (see _FY_HEADER: "Saving 2023/24
    (£)" is 2023), else None. A calendar year alone ("2024") is not one: which year it is, it does not say."""
    if not header:
        return None
    got = _FY_HEADER.fullmatch(_period_alone(header))
    if not got:
        return None
    a, b = got["a"], got["b"]
    first = int(a) + (2000 if len(a) == 2 else 0)
    return first if int(b) % 100 == (first + 1) % 100 and (len(b) == 2 or int(b) == first + 1) else None


# A saving's type said in a column's header beside its year: "Cashable", "Cash releasing", "Non-cashable"
_TYPE_IN_HEADER = re.compile(r"\b(non[\s-]?cash(?:able)?(?:[\s-]+releasing)?|cash(?:able)?(?:[\s-]+releasing)?)\b", re.I)


def typed_year(header) -> tuple[int, str | None] | None:
    """(the financial year's first year, the saving's type or None) of a header that is a financial year
    alone, with a saving's type beside it or not ("Non-cashable achieved 2023/24 £000" → 2023,
    Non-cashable); None for any other ("Cashable forecast 2024/25": a forecast is no saving made)."""
    if not header:
        return None
    got = _TYPE_IN_HEADER.search(str(header))
    kind = None if got is None else ("Non-cashable" if got.group(1).lower().startswith("non") else "Cashable")
    y = header_fy(_TYPE_IN_HEADER.sub(" ", str(header)))
    return None if y is None else (y, kind)


def add_saving_months(m: Mapping, profiles: list, kind: Kind) -> None:
    """A savings register laid out by month: a project on each row and its savings in a column a
    month ("Apr-24" | "May-24" | ... | "Mar-25", or "April" | "May" | ... with the year in a column or
    the sheet's name), often with a total after them: every month column could be the amount, or
    none was, and a person was asked. Taken when three or more columns are each a month alone (all
    with a year, or all without), hold sums, and are neither a part of the saving (add_saving_parts)
    nor given by a person: each month's sum is a saving recorded in that month (lib.ingest.registers),
    and the amount is the one other money column the header words offered (the total, checked against
    the months), else the months' sum. Sets ``m.months`` [(column, month, year or None)]."""
    if kind.name != "savings":
        return
    fixed = {i for f, i in m.columns.items() if m.found.get(f) in ("given", "remembered")}
    # A column a financial year and a type ("Cashable achieved 2022/23 £000" | "Non-cashable achieved
    # 2022/23 £000" | ... for each year): each cell a saving of that year and type. (Taken for the
    # saving's parts, two of them were read as one year's, in the year of the last.)
    typed = [(i, yt[0], yt[1]) for i, h in enumerate(m.headers)
             if (yt := typed_year(h)) is not None and yt[1] and _holds_sums(profiles, i)]
    if (len(typed) >= 2 and len({(y, t) for _, y, t in typed}) == len(typed) and len({y for _, y, _ in typed}) >= 2
            and not fixed & {i for i, _, _ in typed}):
        cols = {i for i, _, _ in typed}
        for f in [f for f in _SAVING_PARTS if m.columns.get(f) in cols]:
            m.columns.pop(f)
            m.found.pop(f, None)
        _saving_amount_beside(m, cols, profiles)
        m.months, m.months_by = [(i, 0, y) for i, y, _ in typed], "year"
        m.unused = sorted({i for i in m.unused if i not in m.columns.values() and i not in cols})
        return
    if m.pieces():  # (a saving's parts are its pieces already)
        return
    months, by = [], set()
    for i, h in enumerate(m.headers):
        got, per = header_month(h), "month"
        if got is None:
            got, per = header_quarter(h), "quarter"
        if got and _holds_sums(profiles, i):
            months.append((i, got[0], got[1]))
            by.add(per)
    # (three months at least, or two quarters: a register half way through its year has two so far)
    if (len(by) != 1 or len(months) < (3 if by == {"month"} else 2) or len({(mo, y) for _, mo, y in months}) != len(months)
            or len({y is None for _, _, y in months}) != 1):
        # ... else a column a financial year ("Saving 2023/24 (£)" | "Saving 2024/25 (£)"), two at least: each
        # year's sum a saving of that year (month 0: the whole year, lib.ingest.registers)
        months = [(i, 0, y) for i, h in enumerate(m.headers) if (y := header_fy(h)) is not None and _holds_sums(profiles, i)]
        by = {"year"}
        if len(months) < 2 or len({y for _, _, y in months}) != len(months):
            return
    if fixed & {i for i, _, _ in months}:
        return  # (a person who said the amount is one month's column loads that month as the saving)
    cols = {i for i, _, _ in months}
    _saving_amount_beside(m, cols, profiles)
    m.months, m.months_by = months, by.pop()
    m.unused = sorted({i for i in m.unused if i not in m.columns.values() and i not in cols})


_LINE_WORDS = {"line", "ln", "no", "number"}  # what says which line of a field a column is ("Address Line 2")
# The lines of an address a register may head by what they hold ("Address Line 1" | "Address Line 2" |
# "Town" | "County" | "Post Code"): read as lines of the address they follow
_PLACE_LINES = {"town", "city", "county", "locality", "village", "borough", "district", "suburb"}


def add_spread_lines(m: Mapping, kind: Kind) -> None:
    """A field written over several columns, a line each ("Address 1" | "Address 2" | ... | "Address 4",
    the postcode on whichever line is last): only the first was read, and a postcode on another line
    was lost to the supplier's place. The columns beside the one mapped, no field's, whose headers name
    the field (its own words, and no other field's more) and say nothing more of it than which line
    they are ("Address Line 2"), or, for an address, name the line by what it holds ("Town", "County"),
    are read with it, its lines joined in the columns' order
    (lib.ingest.registers): another's address ("Contact Address" in a notice export) or another of
    the supplier's ("Invoice Address") is not a line of it. Sets ``m.joined[field]``."""
    taken = set(m.columns.values())

    def line_of(j: int, f: str, words: set) -> bool:
        h = m.headers[j] if j < len(m.headers) else None
        scores = header_scores(h, kind) if h else {}
        place = set(tokens(h)) - kind.subject if h else set()
        if f == "address" and place and place <= _PLACE_LINES and max(scores.values(), default=0.0) < _STRONG:
            return True  # "Town", "Supplier County": a line of the address, named by what it holds
        return (scores.get(f, 0.0) >= _STRONG and max(scores.values()) == scores[f]
                and set(tokens(h)) - words <= _LINE_WORDS)

    for f in kind.spread:
        i = m.columns.get(f)
        if i is None:
            continue
        words = set(tokens(m.headers[i] if i < len(m.headers) else None))
        lines = [i]
        for step in (-1, 1):  # the run of such columns on either side
            j = i + step
            while 0 <= j < len(m.headers) and j not in taken and line_of(j, f, words):
                lines.append(j)
                j += step
        lines.sort()
        if len(lines) > 1:
            m.joined[f] = lines
            m.unused = [u for u in m.unused if u not in lines]


def add_continued_columns(m: Mapping, kind: Kind) -> None:
    """A text too long for its cell carried on in the next column, headed as the first with a mark
    that it continues ("Supplier Name" | "Supplier Name (cont.)", a finance system's 30 characters a
    name): read with it, the parts joined by a space. Without this the supplier's name was two
    columns alike and a person was asked which; either alone cut the names short (``m.joined``, as for
    a field spread over lines; a field not in ``kind.spread`` is joined by a space). Only a column no
    field took, whose header is the mapped column's words and the mark (tokens: "continued"), and
    only for fields of words (a name, a description), never a sum or a date."""
    # (the marked columns and their words first: most headers have none, and that is all there is to do)
    marked = {j: [t for t in toks if t != "continued"] for j, h in enumerate(m.headers)
              if h and "continued" in (toks := tokens(h))}
    if not marked:
        return
    # (the mark beats a column's cells: "NHS Foundation Trust" carried on under every long name read
    # by its cells alone as the public body whose spend it is)
    by_content = {i: g for g, i in m.columns.items() if i is not None and m.found.get(g) == "content"}
    taken = set(m.columns.values()) - set(by_content)
    for f, i in list(m.columns.items()):
        if i is None or f in m.joined or f not in m.columns or i in marked or kind.shape(f) not in ("name", "text"):
            continue
        words = tokens(m.headers[i] if i < len(m.headers) else None)
        cont = [j for j, w in marked.items() if j > i and j not in taken and w and w == words]
        if cont:
            for j in cont:
                if (g := by_content.get(j)) is not None:
                    del m.columns[g]
                    m.found.pop(g, None)
                    if m.body_named == j:
                        m.body_named = None
            m.joined[f] = [i, *cont]
            m.unused = [u for u in m.unused if u not in cont]


def column_letter(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA (the spreadsheet's own name for a column)."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def column_ref(i: int, headers: list[str | None]) -> str:
    """How to name column ``i`` so that other sheets and files find it: its header when that is
    unique, else its letter."""
    h = headers[i] if i < len(headers) else None
    if h and h.strip() and sum(1 for x in headers if x and norm(x) == norm(h)) == 1:
        return h.strip()
    return column_letter(i)


class AmbiguousColumn(ValueError):
    """A column named by a header's text that heads more than one column."""


def column_index(ref: str, headers: list[str | None]) -> int | None:
    """A column named by its header text (compared as words, then letters and digits) or its letter."""
    want = (ref or "").strip()
    if not want:
        return None
    twin = re.fullmatch(r"(.*\S)\s*\(column ([A-Za-z]{1,3})\)", want)  # a header written twice, as labelled
    if twin:
        i = column_index(twin.group(2), headers)
        if i is not None and i < len(headers) and norm(headers[i]) == norm(twin.group(1)):
            return i
    for key in (lambda h: (h or "").strip().lower(), norm, lambda h: " ".join(tokens(h))):
        hits = [i for i, h in enumerate(headers) if h and key(h) == key(want) and key(want)]
        if len(hits) > 1:  # a header written twice names no one column: taking the first loads the wrong one
            letters = [column_letter(i) for i in hits]
            raise AmbiguousColumn(f"'{want}' heads more than one column ({', '.join(letters)}): name the column by its "
                                  f"letter ({letters[-1]}) or as '{headers[hits[-1]].strip()} (column {letters[-1]})'")
        if hits:
            return hits[0]
    if re.fullmatch(r"[A-Za-z]{1,3}", want):
        n = 0
        for ch in want.upper():
            n = n * 26 + ord(ch) - 64
        return n - 1
    if re.fullmatch(r"\d{1,3}", want):  # a 1-based column number
        return int(want) - 1
    return None


# More distinct names than one file's publishers ever are (a file is one body's, or a joint one of a
# few; a region's forces are seven): a column of this many is not whose spend it is.
_MANY_BODIES = 12


def _names_payees(p: Profile) -> bool:
    """Do a column's cells name who was paid: words throughout, and organisations' names among them
    or many distinct names (an account's or a category's names repeat, and name no firm)? Many
    distinct cells of one word each name no firm by themselves: a document's numbers (INV10001,
    PO-2024-0012) are single words with letters in, and so are codes; names mostly have a space."""
    return p.n >= 3 and p.words >= 0.9 and (p.firm >= 0.25 or p.legal >= 0.25
                                            or (p.n >= 20 and p.distinct >= 0.6 and p.code < 0.5))


def _labels_not_codes(p: Profile) -> bool:
    """Are a column's cells labels in words rather than codes? Words throughout, and nearly every
    cell with a space in it (a code is one short token: 5411, SUP01, E1234)."""
    return p.n >= 3 and p.words >= 0.8 and p.code <= 0.2 and p.int_ < 0.2


# The share of the supplier's sampled cells that must carry the supplier's code (the store's macro
# supplier_coded, m130 and m137: a word with three digits or more, then a colon or dash with spaces about
# it and the name; or the name, then a tilde or bar, or a colon or dash with spaces about it, and the code).
CODED_SHARE = 0.8

# A line's supplier when its file names none (the loaders' INSERTs, overlap's keys, the load's note):
# stored so, redacted at source.
NO_NAME = "(no name given)"


def add_supplier_code(cur, table: str, m: "Mapping", lo: int, hi: int, kind: Kind = SPEND) -> None:
    """Where nearly every supplier cell carries the supplier's code, before its name ("UK0479435601 :
    Prime Care Solutions (Kingston) Ltd", as an NHS trust's ledger writes them) or after it ("Serco
    Consulting Ltd~114639650", a payments agency's), the code is the supplier's ID
    (when no column is) and the rest its name: kept whole, the same firm would be two names, and
    never the name on the register. Set on ``m.supplier_coded`` (a cell as an example). So too an
    apostrophe before nearly every name of the column, of three names or more ("'Mears Ltd", "'Wolseley UK
    Ltd": an export's mark that each cell stays text, m164): ``m.names_marked``, the names read without it."""
    c = m.columns.get("supplier_name")
    if kind is not SPEND or c is None:
        return
    n, coded, example, marked, distinct = cur.execute(
        "SELECT count(v), count(*) FILTER (WHERE coded), any_value(v) FILTER (WHERE coded), "
        "count(*) FILTER (WHERE starts_with(v, '''')), count(DISTINCT v) FROM (SELECT v, "
        "supplier_coded(unmarked(v)) AS coded FROM (SELECT name_text(clean_text(c" + str(int(c)) + ")) AS v FROM " + table
        + " WHERE rn > ? AND rn < ? LIMIT " + str(int(SAMPLE_ROWS)) + "))", [lo, hi]).fetchone()
    if n >= 3 and coded >= CODED_SHARE * n:
        m.supplier_coded = example
    m.names_marked = distinct >= 3 and marked >= CODED_SHARE * n


ROUTE_SHARE = 0.6  # of a column's cells that say how a contract was let, for it to be the route


def _cells_saying(cur, table: str, cols: list[int], test: str, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """(cells filled, cells for which ``test`` holds, column) of each of ``cols`` over the sampled rows
    in (lo, hi), in one look at them: ``test`` is the store's SQL over a cleaned cell ``{v}``; the
    columns generated names."""
    got = cur.execute(
        "SELECT " + ", ".join(f"count(v{int(i)}), count(*) FILTER (WHERE " + test.format(v=f"v{int(i)}") + ")"
                              for i in cols)
        + " FROM (SELECT " + ", ".join(f"clean_text(c{int(i)}) AS v{int(i)}" for i in cols) + " FROM " + table
        + " WHERE rn > ? AND rn < ? LIMIT " + str(int(SAMPLE_ROWS)) + ")", [lo, hi]).fetchone()
    return [(got[2 * k], got[2 * k + 1], i) for k, i in enumerate(cols)]


def add_route_by_cells(cur, table: str, m: "Mapping", lo: int, hi: int, kind: Kind = SPEND) -> None:
    """A contracts register's route written under a header that does not name one ("Procurement
    Type" over "Framework - ESPO", "Mini-competition", "Open", "Quotation"), which was taken for the
    category: a header alone cannot tell (a council's "Procurement Type" may be Goods, Services or
    Works), the cells can. When no column is the route, the category's column (unless its header
    says category) or a column not used whose cells mostly say how a contract was let (the store's
    own words for it, m107's collab_words: a framework, a call-off, a tender or quotation of its
    own) is the route, found by its content; whether each contract was let collaboratively is then
    read from it, as from any route. A column a person gave or a remembered mapping set is left."""
    if kind is not CONTRACTS or m.columns.get("route") is not None:
        return
    cands = [i for i in m.unused if i < len(m.headers) and m.headers[i]]
    c = m.columns.get("category")
    if c is not None and m.found.get("category") == "header" and not {"category", "categories", "cpv", "class"} \
            & set(tokens(m.headers[c])):
        cands.append(c)
    if not cands:
        return
    # every candidate's cells saying how a contract was let (a bare yes or no, as the store reads one,
    # says nothing of how: an "SME" column of Y and N is no route)
    shares = [(hits / n, i) for n, hits, i in _cells_saying(
        cur, table, cands, "collab_words(lower({v})) IS NOT NULL AND parse_register_bool({v}) IS NULL", lo, hi)
        if n >= 5 and hits >= ROUTE_SHARE * n]
    if not shares:
        return
    i = max(shares)[1]
    if m.columns.get("category") == i:
        del m.columns["category"]
        m.found.pop("category", None)
    m.columns["route"], m.found["route"] = i, "content"
    m.unused = [j for j in m.unused if j != i]


# Words of a header over a contract's evaluation written out ("Evaluation criteria", "Award criteria",
# "Evaluation weightings", "Scoring", "MEAT split")
_CRITERIA_WORDS = {"evaluation", "criteria", "criterion", "weighting", "weightings", "weight", "award", "scoring",
                   "score", "meat", "split", "assessment"}
WEIGHTINGS_SHARE = 0.5  # of a column's sampled cells that must write a weighting in words for it to be read so


# The criteria a header names in turn ("Quality/Price weighting", "Price : Quality : Social Value"), the
# words the store's criteria macros read (m146), by the words that name each
_CRITERION_OF = {"quality": "quality", "technical": "quality", "qual": "quality", "price": "price", "cost": "price",
                 "commercial": "price", "financial": "price", "sv": "social value"}
# a cell of weightings in turn, "60/40", "60:40", "50% / 40% / 10%" (its parts set apart by / : or |)
_IN_ORDER_CELL = r"\d+(\.\d+)?\s*%?(\s*[/:|]\s*\d+(\.\d+)?\s*%?)+"
IN_ORDER_SPLIT = r"\s*[/:|]\s*"


def weightings_in_order(header) -> tuple:
    """The criteria ``header`` names in turn (two or more: "Quality/Price weighting" -> ("quality",
    "price")), or () when it names fewer."""
    toks = tokens(header)
    got = []
    for k, t in enumerate(toks):
        c = "social value" if t == "social" and toks[k + 1:k + 2] == ["value"] else _CRITERION_OF.get(t)
        if c and c not in got:
            got.append(c)
    return tuple(got) if len(got) >= 2 and "quality" in got else ()


def in_order_words_sql(cell: str, order: tuple) -> str:
    """SQL: a cell of weightings in turn ("60/40") written as the words the criteria macros read
    ("quality 60% price 40%") when it holds one for each criterion of ``order`` (our own words), else
    NULL. ``cell``: generated SQL."""
    parts = f"string_split_regex(trim({cell}), '{IN_ORDER_SPLIT}')"
    words = ", ".join(f"'{c} ' || replace(trim({parts}[{k + 1}]), '%', '') || '%'" for k, c in enumerate(order))
    return (f"CASE WHEN regexp_full_match(trim({cell}), '{_IN_ORDER_CELL}') AND len({parts}) = {len(order)} "
            f"THEN concat_ws(' ', {words}) END")


def add_weightings_in_order(cur, table: str, m: "Mapping", lo: int, hi: int, kind: Kind = SPEND) -> None:
    """A contracts register's weightings written in turn under a header naming the criteria in that
    turn ("Quality/Price weighting" over "60/40", "70:30"; "Quality/Price/Social Value" over "50/40/10"):
    the cells are no one percentage, so the column was listed as not used (or taken for the quality
    weighting and each cell left unread), and every contract counted as having no weighting. Such a
    column, its sampled cells mostly holding one number for each criterion its header names, is read
    as the evaluation written out in words is (add_weightings_in_words): the quality weighting, and
    the social value weighting when the header names it. A column a person gave is left."""
    if kind is not CONTRACTS or m.weightings_in_words is not None:
        return
    if {m.found.get("quality_pct"), m.found.get("social_value_pct")} & {"given", "remembered"}:
        return
    q = m.columns.get("quality_pct")
    cands = [i for i in ([q] if q is not None else m.unused)
             if i < len(m.headers) and m.headers[i] and weightings_in_order(m.headers[i])]
    if not cands:
        return
    shares = []
    for i in cands:
        order = weightings_in_order(m.headers[i])
        test = ("(regexp_full_match({v}, '" + _IN_ORDER_CELL + "') AND len(string_split_regex({v}, '"
                + IN_ORDER_SPLIT + "')) = " + str(len(order)) + ")")
        ((n, hits, _),) = _cells_saying(cur, table, [i], test, lo, hi)
        if n and hits >= WEIGHTINGS_SHARE * n:
            shares.append((hits / n, i, order))
    if not shares:
        return
    _, i, order = max(shares)
    fields = ["quality_pct"] + (["social_value_pct"] if "social value" in order else [])
    if "social value" in order and m.columns.get("social_value_pct") is not None:
        fields = ["quality_pct"]  # (a column of its own gives the social value weighting)
    for f in fields:
        # (the quality weighting keeps how its header found it; what else the column gives, its cells say)
        m.columns[f], m.found[f] = i, m.found.get(f, "header") if (f, q) == ("quality_pct", i) else "content"
    m.weightings_in_words, m.weightings_in_order = i, order
    m.unused = [j for j in m.unused if j != i]


def add_name_with_address(m: "Mapping", kind: Kind) -> None:
    """A supplier register whose one column holds each supplier's name and address ("Supplier Name and
    Address": "Acme Ltd" over "1 High St" over "Preston PR1 2AB", or on one line) and no column of the
    name alone: the column was taken for the address and the register refused for want of a name.
    It is both: the name is its first line, up to the details after it (register_name_of), and the
    postcode is found in the address (SUPPLIERS_STORED). Taken for the name (by its cells), it is the
    address too. A column a person gave is left."""
    if kind is not SUPPLIERS:
        return
    for has, lacks in (("address", "name"), ("name", "address")):
        i = m.columns.get(has)
        if i is None or m.columns.get(lacks) is not None or i >= len(m.headers) or m.found.get(has) == "given":
            continue
        toks = tokens(m.headers[i])
        if "name" in toks[:-1] and toks[-1] in _ADDRESS_WORDS | {"detail"}:
            m.columns[lacks], m.found[lacks] = i, m.found.get(has, "header")


def add_weightings_in_words(cur, table: str, m: "Mapping", lo: int, hi: int, kind: Kind = SPEND) -> None:
    """A contracts register whose evaluation is written out in one column ("Evaluation criteria":
    "Price 40% / Quality 60% (incl. Social Value 10%)", "Q60:P30:SV10", "SV 5%", "Lowest price (100%
    price)") with no column of its own for either weighting: the column was listed as not used, and
    every contract counted as having no social value weighting. A column not used whose header names
    an evaluation and whose sampled cells mostly name a quality, price or social value weighting in
    words is read for both (m146's criteria_quality and criteria_social_value). A column a person gave,
    or a remembered mapping set, for both weightings at once is read so too; one given for either alone
    is left as it is."""
    if kind is not CONTRACTS:
        return
    q, sv = m.columns.get("quality_pct"), m.columns.get("social_value_pct")
    if q is not None and q == sv:
        m.weightings_in_words = q
    if q is not None or sv is not None:
        return
    cands = [i for i in m.unused if i < len(m.headers) and m.headers[i] and _CRITERIA_WORDS & set(tokens(m.headers[i]))]
    if not cands:
        return
    shares = [(hits / n, i) for n, hits, i in _cells_saying(cur, table, cands, "criteria_named({v})", lo, hi)
              if n and hits >= WEIGHTINGS_SHARE * n]
    if not shares:
        return
    i = max(shares)[1]
    for f in ("quality_pct", "social_value_pct"):
        m.columns[f], m.found[f] = i, "content"
    m.weightings_in_words = i
    m.unused = [j for j in m.unused if j != i]


# Over the sampled lines, a code and its words pair one to one: this many distinct codes at least, and
# no more pairs than PAIRED_SLACK times the codes, nor times the words (a typo or two may split a label).
PAIRED_CODES = 3
PAIRED_SLACK = 1.1


def add_category_label(cur, table: str, m: "Mapping", lo: int, hi: int, profiles: list, kind: Kind = SPEND) -> None:
    """The category's words as the cells pair them with its code. Where the column taken as the
    category is not the code's words (one code beside many of them: Wakefield's "Thomson
    Classification", the supplier's trade, beside the council's "Class Code" = SUBCAT0502) and one
    other column headed as a category is (each code with one label and each label with one code over
    the sampled lines: its "Procurement Classification" = Education & Careers), that column is the
    category: the code and its words then say the same thing of every line. A category headed as the
    code's own words (_pair_code_and_label) stands; so do fields a person gave or
    that were remembered."""
    code_col, cat_col = m.columns.get("category_code"), m.columns.get("category")
    if kind is not SPEND or code_col is None or cat_col is None:
        return
    if {m.found.get("category"), m.found.get("category_code")} & {"given", "remembered"}:
        return
    if _code_words_of(m.headers[code_col], m.headers[cat_col]):
        return  # (headed as the code's own words)
    used = set(m.columns.values())
    cands = [j for j, h in enumerate(m.headers) if j != code_col and (j == cat_col or j not in used)
             and j < len(profiles) and profiles[j].n >= PAIRED_CODES and profiles[j].words >= 0.5
             and header_scores(h, kind).get("category", 0) >= OPTIONAL_WORDS]
    if len(cands) < 2 or cat_col not in cands:
        return
    # generated names (c0..cN) and counts; the bounds are bound values
    labels = ", ".join(f"clean_text(c{int(j)}) AS l{int(j)}" for j in cands)
    counts = ", ".join(f"count(DISTINCT k) FILTER (WHERE l{int(j)} IS NOT NULL), count(DISTINCT l{int(j)}), "
                       f"count(DISTINCT (k, l{int(j)})) FILTER (WHERE l{int(j)} IS NOT NULL)" for j in cands)
    row = cur.execute("SELECT " + counts + " FROM (SELECT clean_text(c" + str(int(code_col)) + ") AS k, " + labels
                      + " FROM " + table + " WHERE rn > ? AND rn < ? LIMIT " + str(int(SAMPLE_WINDOW))
                      + ") WHERE k IS NOT NULL", [lo, hi]).fetchone()

    def paired(n: int) -> bool:
        codes, words, pairs = row[3 * n: 3 * n + 3]
        return codes >= PAIRED_CODES and pairs <= PAIRED_SLACK * codes and pairs <= PAIRED_SLACK * words

    if paired(cands.index(cat_col)):
        return
    own = [j for n, j in enumerate(cands) if j != cat_col and paired(n)]
    if len(own) == 1:
        m.columns["category"], m.found["category"] = own[0], "header"
        m.unused = sorted((set(m.unused) | {cat_col}) - {own[0]})


def _content_fit(kind: Kind, f: str, p: Profile | None) -> float:
    fit = None if p is None else p.fit(kind.shape(f))
    return 0.5 if fit is None else fit


def _cells_past_header(headers: list, profiles: list[Profile]) -> int | None:
    """The column after the last heading, when it holds cells on at least half as many sampled lines as
    the fullest column: a header that may have left a heading out."""
    named = [i for i, h in enumerate(headers) if h and str(h).strip()]
    most = max((p.n for p in profiles), default=0)
    after = named[-1] + 1 if named else None
    return after if after is not None and after < len(profiles) and most and profiles[after].n >= 0.5 * most else None


def heading_left_out(headers: list, profiles: list[Profile], kind: Kind, m: "Mapping") -> tuple[int, list, "Mapping"] | None:
    """A header that left one heading out (a payments authority's "Expense area", missing between
    "Expense type" and "Supplier"), so that each heading after the gap sits over the column before its
    own and the last column holds cells under no heading: "Amount" over the transaction numbers, the sums
    under "Description". Asked only of a mapping ``m`` whose amount's column does not read as sums, and
    taken only on that signature: the column after the last heading holds cells on most lines, and the
    sums in pounds and pence are the very next column after the amount's heading. Returns (the column
    left without a heading, the headings moved over their own columns, the mapping they make, that column
    taken for the one field of words still without one), the gap
    placed where the required fields' cells fit best (the supplier's heading over firms, not over the
    divisions before them; the latest such place on a tie, moving the fewest headings); None when no
    place leaves every required field clear and the sums under "Amount"."""
    a, after = m.misfit.get("amount"), m.cells_past_header
    if a is None or after is None or a + 1 not in m.sums_in.get("amount", []):
        return None
    last = after - 1
    best = None
    for gap in range(min(a, last), -1, -1):  # the amount's heading moves, so the gap is at or before it
        moved = list(headers[:gap]) + [None] + list(headers[gap:last + 1]) + list(headers[last + 2:])
        m2 = plan_columns(moved, profiles, kind)
        if m2.misfit or m2.unclear or m2.missing() or m2.columns.get("amount") != a + 1:
            continue
        fit = sum(_content_fit(kind, f, profiles[i]) for f, i in m2.columns.items()
                  if f in kind.required and i < len(profiles))
        if best is None or fit > best[0] + 1e-9:
            best = (fit, gap, moved, m2)
    if best is None:
        return None
    _, gap, moved, m2 = best
    # The column left without its heading holds words, and one of the fields of words a line's group is
    # named by is still without a column ("Expense area", left out between "Expense type" and "Supplier":
    # Pensions Division, NHS Protect): that is the field whose heading went missing (a department taken
    # only from the same words on every line, "Department family" = Dept of Health, the parent's name,
    # is as good as none: plan_columns takes such a column when no other is).
    free = [f for f in ("department", "category") if f not in m2.columns]
    d = m2.columns.get("department")
    if not free and d is not None and d < len(profiles) and profiles[d].constant():
        free = ["department"]
    p = profiles[gap] if gap < len(profiles) else None
    if len(free) == 1 and p is not None and p.n and p.words >= 0.5 and p.code < 0.8:
        m2 = plan_columns(moved, profiles, kind, fixed={free[0]: gap}, how_fixed="content")
    return gap, moved, m2


def vat_alone_header(header) -> bool:
    """Whether a header names a column of the VAT (or tax) alone: "VAT", "VAT Amount", "Tax", "VAT
    Recoverable £" (the VAT a card list says is recovered: "Irrecoverable VAT" is another field)."""
    words = set(tokens(header))
    return bool(words & {"vat", "tax"}) and words <= {"vat", "tax", "amount", "value", "amt", "val", "sum", "recoverable",
                                                      "reclaimable", "recovered", "reclaimed"}


# Words a header uses for the words a code stands for ("Expense Type" beside "Expense Code",
# "SeRCOP Expenditure Category" beside "SeRCOP Expenditure Code", "Account Description" beside
# "Account Code"): the name of a thing, or its kind; and for the code itself: an ID's words.
_LABEL_WORDS = _NAME_FACET | {"category", "type", "group", "detail", "details"}
_CODE_WORDS = _ID_WORDS | {"codes", "cd"}


def _code_words_of(code_header, header) -> bool:
    """Is ``header`` the code's own words: the code's header (one with a code word in it) with the
    code word left out, or a word for its words in its place ("Expense Type" for "Expense Code"), or
    beside it (:func:`_code_header_named`)?"""
    stem = _code_stem(code_header)
    return bool(stem) and (set(tokens(header)) - _LABEL_WORDS == stem or _code_header_named(code_header, header))


def _code_stem(code_header) -> set:
    """The words of what a code's header says it codes ("Object Code": {object}); empty when the header
    has no word for a code, or nothing else."""
    code_words = set(tokens(code_header))
    stem = code_words - _CODE_WORDS
    return stem if stem != code_words else set()


def _code_header_named(code_header, header) -> bool:
    """Is ``header`` the code's header with a word for its words added ("Object Code Description" beside
    "Object Code", "Account Code Name"): a column that says, by its header alone, that it names the codes?"""
    stem, words = _code_stem(code_header), set(tokens(header))
    return (bool(stem) and set(tokens(code_header)) < words and bool(words & _LABEL_WORDS)
            and words - _LABEL_WORDS - _CODE_WORDS == stem)


def _capital_or_revenue(p: Profile) -> bool:
    """Capital or revenue, spend or income, on every line ("Type" = Capital | Revenue; "Type of
    Expenditure" = Revenue; "Group Description" = Revenue Expenditure, Revenue Income, Capital
    Expenditure: a city's months) says how a line is accounted, never what was bought, who spent it
    or what for: never taken for the category, the department or the description, even when no other
    column is, nor as the words of the category's code."""
    return p.n >= 3 and p.cap_rev >= 0.9


def _pair_code_and_label(kind: Kind, headers: list, profiles: list, hs: list, columns: dict, found: dict, taken: set,
                         fixed: dict) -> None:
    """The category's code and its words, as the file pairs them (in place).

    - A column headed as the code's own words ("Expense Type" for the codes under "Expense Code": the
      same words but the word for code) is the category, over a column headed otherwise that the
      header words ranked a little higher ("Merchant Category Group", a card network's grouping of
      merchants; "Classification" beside a council's SeRCOP categories): the codes and their words
      then name the same thing on every line, and the same publisher's files read alike whichever
      other columns they carry.
    Fields given by a person or remembered are left as they are."""
    if "category" not in kind.fields or "category_code" not in kind.fields:
        return
    code_col, cat_col = columns.get("category_code"), columns.get("category")
    if code_col is None or "category" in fixed or "category_code" in fixed:
        return
    if cat_col is not None and _code_words_of(headers[code_col], headers[cat_col]):
        return  # (already its own words)
    # (a column headed as the code's header and a word for its words, "Object Code Description", is the
    # code's words however faintly its header names a category, and not the line's description: the
    # category then names the codes, not a classification of another thing, such as the supplier's trade
    # in a "Category Description" beside them)
    named = set() if "description" in fixed else {j for j, h in enumerate(headers)
                                                  if j != code_col and _code_header_named(headers[code_col], h)}
    own = [j for j, h in enumerate(headers)
           if j != code_col and (j not in taken or j == cat_col or (j in named and columns.get("description") == j))
           and profiles[j].n and set(tokens(h)) & _LABEL_WORDS and _code_words_of(headers[code_col], h)
           and (hs[j].get("category", 0) > 0 or j in named) and profiles[j].words >= 0.5
           and not _capital_or_revenue(profiles[j])]
    if len(own) == 1 and own[0] != cat_col:
        if cat_col is not None:
            taken.discard(cat_col)
        if columns.get("description") == own[0]:
            del columns["description"]
            found.pop("description", None)
        columns["category"], found["category"] = own[0], "header"
        taken.add(own[0])


def plan_columns(headers: list[str | None], profiles: list[Profile], kind: Kind = SPEND,
                 fixed: dict[str, int] | None = None, how_fixed: str = "given") -> Mapping:
    """Map fields to columns from header words and sampled contents (see the module's docstring).

    ``fixed``: fields already settled (given by the person or remembered), kept as they are."""
    width = max(len(headers), len(profiles))
    headers = list(headers) + [None] * (width - len(headers))
    profiles = list(profiles) + [Profile()] * (width - len(profiles))
    fixed = {f: i for f, i in (fixed or {}).items() if f in kind.choosable and i is not None and 0 <= i < width}
    # Two columns under one header, one of codes and one of words: the worded one is the codes'
    # description ("Account Code" | "Account Code" = 2280 | Miscellaneous), read without "code".
    twins = {}
    for i, h in enumerate(headers):
        if h and h.strip():
            twins.setdefault(norm(h), []).append(i)
    worded = {max(ix, key=lambda i: profiles[i].words) for ix in twins.values() if len(ix) > 1}
    worded = {i for i in worded if profiles[i].words >= 0.5}
    hs = [header_scores(h, kind, drop_id_words=i in worded) for i, h in enumerate(headers)]

    ranked_down: dict = {}

    def constant(i: int) -> bool:
        return profiles[i].constant()

    # The columns a header names as whose spend it is ("Entity", "Body Name"), more than any other field.
    body_named = [j for j, h in enumerate(hs) if h.get("body", 0) > 0 and h["body"] >= max(h.values())]

    def accounted_only(f: str, i: int) -> bool:
        return f in ("category", "department", "description") and _capital_or_revenue(profiles[i])

    def entity_code(i: int) -> bool:
        """An "Entity" of one short code on every line ("EA", the Environment Agency's own months under
        the transparency template's "Department" | "Entity"): the template's entity is whose spend it is,
        however it is written. (A ledger's "Client" = LP, the company it keeps books for, is not: its
        cells alone cannot say whose, and the body chosen for the file is taken.)"""
        p = profiles[i]
        return "entity" in words_of[i] and p.code >= 0.8 and p.one_value()

    def above_the_body(f: str, i: int) -> bool:
        """A department named to the left of whose spend it is, one value on every line, where another
        column to the right of it names the department too and holds words ("Department" = Defra |
        "Entity" = JNCC | … | "Expense Area" = Surveillance and monitoring): a file names an
        organisation's levels from the widest to the narrowest, so it is the body's parent, not the
        unit that spent. What :func:`constant` says of a column of ten lines or more, said of a file of
        one to nine (a month of one payment: the order of the columns says it alone)."""
        p = profiles[i]
        if f != "department" or constant(i) or not p.one_value():
            return False
        right = [b for b in body_named if b > i]
        return bool(right) and any(j > min(right) and hs[j].get(f, 0) > 0 and filled(j) >= 0.75
                                   and profiles[j].words >= 0.5 for j in range(width))

    max_category_header = max((h.get("category", 0) for h in hs), default=0)
    most = max((p.n for p in profiles), default=0)

    def filled(i: int) -> float:  # share of the sampled lines with something in the column
        return profiles[i].n / most if most else 0.0

    def sparse(i: int) -> bool:
        return most >= 10 and filled(i) < 0.25

    well_filled = [j for j in range(width) if filled(j) >= 0.75]

    def repeats(i: int) -> bool:  # a column of words whose few values each come again and again
        p = profiles[i]
        return p.n >= 20 and p.words >= 0.5 and p.distinct <= 0.2

    def repeated_category(i: int) -> bool:
        # a few values said again and again ("Expense Description" = Stationery, Fuel; "Purpose of
        # Expenditure"), where no other header names the category better, are what was bought: its
        # category (a description of the line varies from line to line)
        return repeats(i) and 0 < hs[i].get("category", 0) >= max_category_header

    def numbers_only(i: int) -> bool:
        p = profiles[i]
        return p.n >= 3 and p.words < 0.05 and p.code >= 0.8

    def codes_only(i: int) -> bool:
        """Numbers, or one token of letters and digits on nearly every line ("APEX99", "121C01"): a
        thing's code, however many letters it has."""
        p = profiles[i]
        return numbers_only(i) or (p.n >= 3 and p.code >= 0.8 and p.mixed >= 0.8)

    # Columns whose header could name a field of words and that hold words: where one sits beside
    # a column of numbers under such a header ("Vendor" = 100234 | "Name 1" = XMA Ltd), or of codes
    # ("Supplier" = APEX99 | "Supplier Name" = Apex Taxis), those are the thing's number, not its name.
    worded_named = {f: [i for i in range(width) if hs[i].get(f, 0) > 0 and (_content_fit(kind, f, profiles[i]) >= 0.5)]
                    for f in kind.fields if kind.shape(f) == "name"}

    # A column of the VAT alone beside the amounts: a "Total" or "Gross" there is the sum with the
    # VAT in it ("Value (£)" | "VAT (£)" | "Total (£)"), not the line's amount, when another column's
    # header names a sum that is not a total.
    words_of = [set(tokens(h)) for h in headers]  # each header's words, read once

    def _sums(i: int) -> set:
        return set() if "sub" in words_of[i] else {"total", "gross"} & words_of[i]

    # Two columns under the same words, one of them marked FINAL ("FINAL Supplier name" beside
    # "Supplier name", as a council publishes the name after its redaction next to the name before):
    # the final one is the field's, clearly ("final" alone is a decoration: "* SUPPLIER FINAL").
    same_words: dict[tuple, list[int]] = {}
    for i, h in enumerate(headers):
        if words := tuple(tokens(h)):
            same_words.setdefault(words, []).append(i)
    finals = set()
    for ix in same_words.values():
        marked = [i for i in ix if "final" in re.findall(r"[a-z]+", str(headers[i]).lower())]
        if len(ix) > 1 and len(marked) == 1:
            finals.add(marked[0])

    vat_alone = any(vat_alone_header(h) for h in headers)
    # The spend is net of VAT: beside a sum headed as the net ("Total Net", "Excl VAT £", "Net Invoice
    # Value"), one headed as the gross ("Gross Amount", "Amount incl VAT") is not the line's amount.
    net_named = [i for i, w in enumerate(words_of) if _NET & w and not _GROSS & w and hs[i].get("amount", 0) > 0]
    # A savings register's saving is the sum its header says is a saving: beside "Savings Delivered (£)",
    # a "Whole Life Value £" is the contract's, not the saving
    saving_named = ([i for i, w in enumerate(words_of) if "saving" in w and hs[i].get("amount", 0) > 0]
                    if kind.name == "savings" else [])
    # (the VAT column itself is no plain sum: "Gross Invoice Value" | "Vat Amount" is a gross and its VAT)
    # (and a plain sum holds sums: "Cost Centre", faintly a cost by its words, holds codes)
    plain_sums = [i for i in range(width) if hs[i].get("amount", 0) > 0 and not _sums(i) and not vat_alone_header(headers[i])
                  and _content_fit(kind, "amount", profiles[i]) >= 0.5]
    # ... and beside a plain sum whose header says nothing of VAT or of totals ("AmountLCY" | "AmountInclVATLCY",
    # "Amount" | "Amount inc VAT"), the one that says it holds the VAT is the gross: the plain one is the net
    # (a sum's header plainly: "Cost Centre", faintly a cost by its words, is none)
    plain_named = [i for i in plain_sums if hs[i]["amount"] >= _STRONG
                   and not (_NET | _GROSS | {"vat", "tax", "total", "sub"}) & words_of[i]]

    # A header written again with a number after it ("Supplier Name" | "Supplier Name 2", "Address 1" |
    # "Address 2"): the first of them is the field's, the others its second lines or other names.
    def _numbered(h) -> tuple[str, int] | None:
        mt = re.fullmatch(r"(.*?\S)\s*[-_ ]?\s*\(?([1-9])\)?", str(h or "").strip())
        return (" ".join(mt.group(1).lower().split()), int(mt.group(2))) if mt else None

    plain_headers = {" ".join(str(h or "").lower().split()) for h in headers}
    second_of_a_pair = {i for i, h in enumerate(headers) if (nb := _numbered(h)) and nb[1] >= 2
                        and (nb[0] in plain_headers or any((_numbered(g) or ("", 0)) == (nb[0], 1) for g in headers))}

    def score(f: str, i: int) -> tuple[float, float]:
        h = hs[i].get(f, 0.0)
        if h > 0 and i in finals:
            h += 2 * MARGIN  # (clearly: past the margin a person is asked within)
        if (f == "amount" and h > 0 and saving_named and i not in saving_named
                and not {"saving", "total", "share"} & words_of[i]):  # (a share of a saving is one)
            h -= 2 * MARGIN
        if (f == "amount" and vat_alone and h > 0 and _sums(i) and not _NET & words_of[i]
                and [j for j in plain_sums if j != i]):
            h -= MARGIN
        if (f == "amount" and h > 0 and (net_named or plain_named) and i not in net_named and _GROSS & words_of[i]
                and not _NET & words_of[i]):
            h -= 2 * MARGIN
        shape = kind.shape(f)
        fit = _content_fit(kind, f, profiles[i])
        if f == "body" and h > 0 and entity_code(i):
            fit = 1.0
        s = h + CONTENT_WEIGHT * fit
        if shape in ("money", "date", "period", "int", "pct", "bool", "words") and profiles[i].n >= 3 and fit < 0.3:
            s -= 3  # a typed field in a column that holds none of that type (a body's column of codes:
            #         Unit4's "Client" = LP, the ledger's company, is not whose spend it is by name)
        if (shape == "name" and profiles[i].n >= 3 and profiles[i].words < 0.05 and profiles[i].money >= 0.9
                and profiles[i].int_ < 0.5):
            s -= 3  # sums in pounds and pence are no name ("Unit Price" is not a business unit)
        if shape == "name" and codes_only(i) and [j for j in worded_named.get(f, []) if j != i and not codes_only(j)]:
            s -= _FACET
        if (f == "body" and profiles[i].n >= 3 and profiles[i].public < 0.5
                and any(v > h for g, v in hs[i].items() if g != f)):
            s -= 3  # a header naming another field more ("Local Authority Department") over cells that are
            #         no public body's name (Adults, Resources) is that field's: whose spend it is, it is not
        if (f == "body" and profiles[i].n >= 3 and profiles[i].public < 0.5
                and any(j != i and profiles[j].n >= 3 and profiles[j].public >= 0.5 for j in body_named)):
            s -= _FACET  # the body by a code or an address ("Body" = EMCCA, or a URI) beside a column naming it
            #              in full ("Body name" = East Midlands Combined County Authority): the name is taken
        if i in second_of_a_pair:
            s -= 2 * MARGIN  # ("Supplier Name 2", a second line or a trading name, beside "Supplier Name")
        if f == "trading_name" and profiles[i].n >= 10 and profiles[i].distinct < 0.5:
            s -= 3  # a name a supplier trades under is its own: a few values said again and again ("Trade" =
            #         Scaffolding, Roofing) are the trades the suppliers are approved for, not their names
        if f == "description" and repeated_category(i):
            s -= 3  # (its category's, below)
        if f == "description" and numbers_only(i) and profiles[i].int_ >= 0.9:
            s -= 3  # a line is described in words: whole numbers under "Desc." are a code (Wakefield's
            #         "Thomson Desc." = 82050, beside its "Purpose of Spend" = Accident Repairs)
        if f not in kind.required and (
                (sparse(i) and any(j != i and hs[j].get(f, 0) >= OPTIONAL_WORDS for j in well_filled))
                or (shape == "name" and (constant(i) or above_the_body(f, i)))):
            # the same words on every line ("Department Family" = Local Government) say less of a line
            # than a column whose words vary: ranked below it, yet taken when no other column is (below
            # one whose header names the field less: a "Department" of DEFRA on every line, the
            # parent department's name, beside "Expense Area", the units that spent); so does a column
            # empty on most lines beside one filled on nearly all whose header names the field too
            # ("Proclass Details Level 1", 2 lines of 63, beside "Expense Code Description")
            s -= _CONSTANT
            ranked_down[(f, i)] = _CONSTANT
        return s, h

    # A column ranked down as the description for saying a few values again and again (below) is the
    # category it names, however faintly its header names one ("Purpose of Expenditure" = Stationery).
    to_category = {i for i in range(width) if "category" in kind.fields and hs[i].get("description", 0) > 0
                   and repeated_category(i) and not accounted_only("category", i)}
    columns = dict(fixed)
    found = {f: how_fixed for f in fixed}
    taken = set(fixed.values())
    pairs = []
    for f in kind.fields:
        if f in columns:
            continue
        for i in range(width):
            s, h = score(f, i)
            if h > 0:
                pairs.append((s, f in kind.required, f, i))
    sampled = any(p.n for p in profiles)

    def empty(i: int) -> bool:  # nothing in any sampled line: it cannot be a field every entry gives
        return sampled and profiles[i].n == 0

    def sparse_beside(j: int, i: int) -> bool:
        """Column j holds something on fewer than half the sampled lines column i fills: it cannot be a
        field every entry gives where i can (an "Amount" filled on one line in twelve, a copy of the
        "Net Amount" filled on all of them)."""
        return sampled and profiles[j].n * 2 < profiles[i].n

    def one_for_all(f: str, i: int) -> bool:
        """One value on every line beside entries of many names: not each entry's own fact (a notice
        export's buyer's postcode is not its suppliers')."""
        if f not in kind.own_facts or not constant(i):
            return False
        return any(profiles[columns[g]].distinct * profiles[columns[g]].n >= 3 for g in kind.required
                   if g in columns and kind.shape(g) == "name")

    def shared_ref(f: str, i: int) -> bool:
        """A reference that a header names only faintly ("TRANS CAC CODE 1") whose few values each come
        on many lines (4 values over 127 lines: a code of what was bought) is no line's own reference
        (a header that says so plainly, "Transaction Number", keeps its column: a payment run's number
        shared by the lines it paid is still what the publisher calls the transaction)."""
        p = profiles[i]
        return f == "transaction_ref" and hs[i].get(f, 0.0) < 2 and p.n >= 30 and p.distinct < 0.1

    def optional_bar(f: str, i: int) -> float:
        """What an optional field's column must score: less when the column its header names more is
        the same words on every line (ranked down above): the central government template's "Expense
        Area" (HQ, Op Service Areas), its header naming a department but faintly, says more of each
        line than a "Department Family" of Ministry of Justice on every line."""
        if (f, i) not in ranked_down and any(g == f and j != i for g, j in ranked_down):
            return OPTIONAL - OPTIONAL_DROP
        return OPTIONAL

    def dated_plainly_elsewhere(f: str, i: int) -> bool:
        """An optional date whose header names it only faintly (a register's "Effective Date", the day the
        register was published, naming the end only by "date") beside a column headed as that date plainly
        ("End date", blank on the lines sampled): that column is the field's, blank or not, and the faint
        one gives it nothing (its dates would stand for every contract's end)."""
        return (kind.shape(f) == "date" and hs[i].get(f, 0.0) < _STRONG
                and any(j != i and hs[j].get(f, 0.0) >= _STRONG + MARGIN for j in range(width)))

    def names_other_clearly(f: str, i: int) -> bool:
        """A header naming another field far more than this optional one, that field found in another
        column ("Proclass Details Level 1", a procurement category beside the category taken, whose
        "Details" name a description faintly): the losing candidate for that field gives this one nothing."""
        return any(v >= hs[i].get(f, 0.0) + _CLEARLY and columns.get(g, i) != i for g, v in hs[i].items() if g != f)

    def twin_of_another(f: str, i: int) -> bool:
        """Two columns of words under one header ("Expense Area" | "Expense Area" = Corporate Centre |
        FLEX Services, a treasury's groups and their areas), one taken for another field: one header
        names one field, so the other column is that field's too (a level of it), not this one's. (A
        header over a code and its words is two fields: the twins above.)"""
        twins_taken = [j for g, j in columns.items() if g != f and j != i and headers[j] and headers[i]
                       and norm(headers[j]) == norm(headers[i])]
        return bool(twins_taken) and not codes_only(i) and not any(codes_only(j) for j in twins_taken)

    # required fields choose first, from the columns that hold something, best pairs first
    pairs.sort(key=lambda t: (not t[1], t[1] and empty(t[3]), -t[0]))
    best_of: dict[str, list] = {}
    for s, _, f, i in pairs:
        best_of.setdefault(f, []).append((s, i))
    unclear, candidates = [], {}
    for s, req, f, i in pairs:
        if f in columns or i in taken:
            continue
        if req:
            if s < ACCEPT:
                continue
            # (an empty column is no rival to one that holds something: Contracts Finder's "Parent
            # Reference", blank on every line, beside its "Notice Identifier")
            rivals = [s2 for s2, j in best_of[f] if j != i and (j not in taken) and (empty(i) or not empty(j))
                      and not (kind.shape(f) == "money" and sparse_beside(j, i))]
            # A header that names another field of the same kind of cells more than this one ("MERCHANT
            # CATEGORY DESC", a card file's words for what the merchant sells, beside no merchant's
            # name): the cells cannot tell which, so a person says.
            names_another = max((v for g, v in hs[i].items() if g != f and kind.shape(g) == kind.shape(f)),
                                default=0.0) - hs[i].get(f, 0.0) >= MARGIN
            if names_another or (rivals and s - max(rivals) < MARGIN):
                unclear.append(f)
                candidates[f] = [j for _, j in best_of[f] if j not in taken]
                columns[f] = i  # suggested; a person confirms it
                found[f] = "header"
                taken.add(i)
                continue
        elif not (f == "category" and i in to_category) and (
                s + ranked_down.get((f, i), 0.0) < optional_bar(f, i) or hs[i].get(f, 0.0) < OPTIONAL_WORDS
                or empty(i) or one_for_all(f, i) or shared_ref(f, i) or names_other_clearly(f, i)
                or dated_plainly_elsewhere(f, i) or twin_of_another(f, i) or accounted_only(f, i)):
            continue  # (a column empty in every sampled line gives an optional field nothing)
        columns[f] = i
        found[f] = "header"
        taken.add(i)
    # A column headed as the category's code whose cells are labels in words, not codes ("Expenditure
    # Code" = Supplies and Services, Premises Related Expenditure), where no column is the category:
    # it is the category, named (kept as the code, the category would read as unknown on every line).
    code_col = columns.get("category_code")
    if (code_col is not None and "category" in kind.fields and "category" not in columns
            and found.get("category_code") == "header" and _labels_not_codes(profiles[code_col])):
        columns["category"], found["category"] = columns.pop("category_code"), found.pop("category_code")
    _pair_code_and_label(kind, headers, profiles, hs, columns, found, taken, fixed)
    # A name another goes by ("Trading Name" beside "Legal Name") is read with the name; alone, it is the name.
    for f, other in kind.also_named.items():
        if f not in columns and other in columns:
            columns[f], found[f] = columns.pop(other), found.pop(other, "header")
    # Fields no header word points at: the one column that holds that kind of value, if only one.
    misfit: dict[str, int] = {}
    sums_in: dict[str, list] = {}
    for f in kind.required:
        alt = kind.alternatives.get(f)
        if f in columns:
            continue
        if alt and alt in columns:
            # A period dates a line only to its month; when the one column no header word claims
            # holds whole dates throughout (Agresso's "Period" = 201311 beside "Updated" =
            # 2014-02-21), that column is the day the line was paid.
            # (not a day its header says is another's: created, due, received, an invoice's)
            days = [i for i in range(width) if i not in taken and profiles[i].n >= 1 and profiles[i].date >= 0.9
                    and kind.shape(f) == "date" and hs[i].get(f, 0.0) >= 0
                    and not any(_MODIFIERS.get(f, {}).get(t, 0) < 0 for t in tokens(headers[i]))
                    and not any(s >= _STRONG for s in hs[i].values())]
            if len(days) == 1:
                columns[f], found[f] = days[0], "content"
                taken.add(days[0])
            continue
        shape = kind.shape(f)
        # A column headed as the sums ("Amount") whose cells are not sums of money (a currency sign
        # the file's text garbled, "Ł26,001.75"): no other column is taken for them by what it holds
        # (the contract numbers beside them would be read as the sums). A person says which.
        if shape == "money":
            named = [i for i in range(width) if i not in taken and hs[i].get(f, 0.0) >= _STRONG
                     and profiles[i].n >= 3 and _content_fit(kind, f, profiles[i]) < 0.3]
            if named:
                misfit[f] = named[0]
                # where sums in pounds and pence are, under other headings: said to the person, not taken
                # (whole numbers are as likely a reference's)
                sums_in[f] = [i for i in range(width) if i not in taken and i != named[0] and profiles[i].n >= 3
                              and _content_fit(kind, f, profiles[i]) >= 0.9 and profiles[i].int_ < 0.5]
                continue
        # "Account Name", "Ledger Name": the name of what another field is about ("account" is the
        # category's word), taken for that field by its header; yet when its cells are who was paid
        # (the names of firms, or many distinct names) and no header names the payee, it is the payee.
        # So too a column headed as a code whose cells are names, not codes (Agresso's "Supplier
        # ID(T)", the text of the supplier's code, holds the supplier's name).
        # A column taken for the body by its header ("Organisation") whose cells are many firms, or many
        # names that are mostly no public body's (a grants list's "Organisation" = Northmoor Youth Trust,
        # Friends of Elm Park), is the payee too: a file is published by one body, or a few, and they
        # are not paid in it.
        payees = {i for i in range(width) if shape == "name"
                  and ((_NAME_FACET | _ID_WORDS).intersection(tokens(headers[i]))
                       or (any(kind.shape(g) == "words" for g, j in columns.items() if j == i)
                           and (profiles[i].legal >= 0.25 and profiles[i].distinct * profiles[i].n >= 5
                                or profiles[i].public < 0.5 and profiles[i].distinct * profiles[i].n >= _MANY_BODIES)))
                  and _names_payees(profiles[i])
                  and all(g not in kind.required for g, j in columns.items() if j == i)}
        # (a payee column is a good fit however often its names repeat: a long file pays the same
        # firms many times)
        fits = [(1.0 if i in payees else profiles[i].fit(shape) or 0.0, i) for i in range(width)
                if i not in taken or i in payees]
        # (a column whose header says it is not the field, "Target £" or "Contract Value £" beside a
        # savings register's "Actual £", is not taken for it by what it holds)
        good = [(v, i) for v, i in fits if v >= 0.9 and profiles[i].n >= 1
                and (shape != "money" or hs[i].get(f, 0.0) >= 0)]
        if shape == "code" and f in kind.required:
            # an entry's own reference, taken by what it holds, differs from entry to entry: a code
            # said again and again (a scraped award list's "SECTOR" = CONSTRUCTION) is a kind, and
            # taken for the reference it merged every award of a sector into one
            good = [(v, i) for v, i in good if profiles[i].distinct >= 0.8]
        # a column whose header says it is something else is not taken for what it holds (a "Month"
        # or "Period" holding whole dates, 01/04/2024, is not something else: the lines' dates)
        alt = kind.alternatives.get(f)
        # (unless its header is another's, word for word, and that other column was taken for the field
        # they both name: a report that printed one header twice, "PAYMENT AMOUNT" over the dates as
        # well as over the sums, says nothing of the column its cells do not fit)
        twin_taken = {i for ix in same_words.values() if len(ix) > 1 for i in ix
                      if i not in taken and any(j in taken for j in ix if j != i)}
        good = [(v, i) for v, i in good if i in payees or i in twin_taken
                or not any(s >= _STRONG for g, s in hs[i].items() if g != alt)]
        # One column of firms' names under a header saying it names or numbers something (Agresso's
        # "Supplier ID(T)" = COMMONWHEELS CIC) beside others of words whose headers say nothing
        # ("Cipfsubs(T)" = Car Allowances): the firms are who was paid.
        if len(good) > 1 and len([i for _, i in good if i in payees]) == 1:
            good = [(v, i) for v, i in good if i in payees]
        # One column of firms' names (cells ending in Ltd, LLP, CIC) among columns of other words that
        # never do (a mailing list's "Member" beside its addresses' lines): the firms are the names.
        # (on ten lines or more: on a few, a person says; in a spend file, whose payees the sheet before
        # or a person names, the cells alone do not settle it)
        if shape == "name" and len(good) > 1 and kind is not SPEND:
            firms = [(v, i) for v, i in good if profiles[i].legal >= 0.25 and profiles[i].n >= 10]
            if len(firms) == 1 and all(profiles[i].legal == 0 for _, i in good if i != firms[0][1]):
                good = firms
        # Sums in pounds and pence beside whole numbers all different from line to line (a file with no
        # header: its amounts, and its voucher numbers 2201, 2202, ...): the numbers are references.
        if shape == "money" and len(good) > 1:
            pence = [(v, i) for v, i in good if profiles[i].int_ < 0.5]
            if len(pence) == 1 and all(profiles[i].int_ >= 0.9 and profiles[i].distinct >= 0.9
                                       for _, i in good if i != pence[0][1]):
                good = pence
        if len(good) == 1:
            for g in [g for g, j in columns.items() if j == good[0][1]]:  # an optional field had it
                columns.pop(g)
                found.pop(g, None)
            columns[f], found[f] = good[0][1], "content"
            taken.add(good[0][1])
        elif len(good) > 1:
            good.sort(reverse=True)
            unclear.append(f)
            candidates[f] = [i for _, i in good]
        elif shape == "date":  # none found: the column headed as the dates, whose cells are none ("######")
            named = [i for i in range(width) if i not in taken and hs[i].get(f, 0.0) >= _STRONG
                     and profiles[i].n >= 1 and _content_fit(kind, f, profiles[i]) < 0.3]
            if named:
                misfit[f] = named[0]
    # A register's name taken by a header that says only "name" ("First Name", a contact's, in a
    # chamber's member list) over cells that are no firm's, beside one column of firms' names ("Member"
    # = Ancholme Haulage Ltd, Andrew Jackson Solicitors LLP) whose header names nothing else: the firms
    # are the register's names.
    n_col = columns.get("name")
    if (kind is SUPPLIERS and n_col is not None and found.get("name") == "header" and "name" not in fixed
            and hs[n_col].get("name", 0.0) < _STRONG and profiles[n_col].legal == 0 and profiles[n_col].firm < 0.1):
        firms = [j for j in range(width) if j not in taken and profiles[j].n >= 3 and profiles[j].legal >= 0.5
                 and profiles[j].distinct >= 0.5 and not any(v >= _STRONG for v in hs[j].values())]
        if len(firms) == 1:
            taken.discard(n_col)
            columns["name"], found["name"] = firms[0], "content"
            taken.add(firms[0])
    # Whose spend it is, when no header names the body: a column no other field took that holds, on
    # every line, the full name of one public body (or of a very few), and never a firm's ("Company
    # Name" = West Mercia Police, as a finance system calls the ledger's own company). A file is
    # published by one body or a few; left unread, another body's lines would be taken for the
    # store's own.
    # A register has no body of its own: the column is kept on the mapping (``body_named``), for the load to
    # say whose register it names.
    body_named = None
    if "body" not in columns:
        named = [i for i in range(width) if i not in taken and profiles[i].n >= 3 and profiles[i].public >= 0.9
                 and profiles[i].legal == 0 and profiles[i].distinct * profiles[i].n <= 3]
        if len(named) == 1 and "body" in kind.fields:
            columns["body"], found["body"] = named[0], "content"
            taken.add(named[0])
        elif len(named) == 1:
            body_named = named[0]
    # A year column given by a person is read with a period (month) column beside it: the period is
    # then the column whose header says so best, whatever its cells alone hold ("April").
    if "year" in columns and "period" in kind.fields and "period" not in columns:
        months = sorted((hs[i].get("period", 0.0), i) for i in range(width) if i not in taken
                        and hs[i].get("period", 0.0) > 0)
        if months:
            columns["period"], found["period"] = months[-1][1], "header"
            taken.add(months[-1][1])
    # A supplier's header over a column of numbers or codes with a column of names beside it that has
    # no header of its own ("Supplier" merged over ID | Name, the header's second line not read as
    # part of it): the names are the supplier, the numbers its identifier.
    for f, id_f in (("supplier_name", "supplier_id"),):
        i = columns.get(f)
        if (f in kind.fields and i is not None and found.get(f) == "header" and codes_only(i) and i + 1 < width
                and i + 1 not in taken and not (i + 1 < len(headers) and headers[i + 1] and str(headers[i + 1]).strip())
                and profiles[i + 1].n >= 3 and profiles[i + 1].words >= 0.5 and _content_fit(kind, f, profiles[i + 1]) >= 0.5):
            columns[f], found[f] = i + 1, "content"
            taken.add(i + 1)
            if id_f in kind.fields and id_f not in columns:
                columns[id_f], found[id_f] = i, "header"
            else:
                taken.discard(i)
    # The numbers or codes under a supplier's header beside the supplier's name (SAP's "Vendor" by "Name
    # 1", a borough's "Supplier" = APEX99 by "Supplier Name"): the supplier's identifier.
    for f, id_f in (("supplier_name", "supplier_id"),):
        if f in kind.fields and id_f in kind.fields and f in columns and id_f not in columns:
            spare = [i for i in range(width) if i not in taken and hs[i].get(f, 0) >= _STRONG and codes_only(i)]
            if len(spare) == 1:
                columns[id_f], found[id_f] = spare[0], "header"
                taken.add(spare[0])
    # A credit column is the other half of a ledger's debit and credit, taken off the amount only
    # when the amount's own header says it is the debit ("Debit", "Dr Amount").
    if found.get("credit") == "header" and not {"debit", "dr"}.intersection(tokens(headers[columns.get("amount", -1)]
                                                                               if "amount" in columns else "")):
        taken.discard(columns.pop("credit"))
        found.pop("credit")
    m = Mapping(columns=columns, headers=headers, required=kind.required, found=found,
                unclear=[f for f in kind.required if f in unclear], candidates=candidates,
                alternatives=dict(kind.alternatives), misfit=misfit, sums_in=sums_in, body_named=body_named,
                cells_past_header=_cells_past_header(headers, profiles))
    m.unused = [i for i in range(width) if i not in columns.values()
                and ((headers[i] and headers[i].strip()) or profiles[i].n or profiles[i].total)]
    m.blank = {i for i in m.unused if not profiles[i].n and not profiles[i].total}
    return m


def auto_map(headers: list[str | None], sample: list[list[str | None]] | None = None, kind: Kind = SPEND) -> Mapping:
    """Map by header words alone (no store at hand); kept for callers that have only the headers."""
    return plan_columns(headers, [], kind)


# ---------------------------------------------------------------------------------------------
# Year and month in separate columns

_YEAR_WORDS = {"year", "yr", "fy"}
_YEAR_END_WORDS = {"ending", "end", "ended"}  # "Financial Year Ending", "Year End": the year a financial year ends in


def year_sql(header: str | None, col: int) -> str:
    """SQL for the year cell (column ``col``) a line's period is read with (``parse_year_period``): as
    written, or, when the header says the year is the one a financial year ends in ("Financial Year
    Ending" = 2024), that financial year's label (2023/24), so that period 1 is the April before it.
    Identifiers are generated (c0..cN); the cell stays data."""
    c = f"c{int(col)}"
    if _YEAR_END_WORDS & set(tokens(header)):
        return (f"CASE WHEN regexp_full_match(trim({c}), '(19|20)[0-9][0-9]') "
                f"THEN fy_label(CAST(trim({c}) AS INTEGER) - 1) ELSE {c} END")
    return c
_QUARTER_WORDS = {"quarter", "qtr"}


def period_sql(header: str | None, col: int) -> str:
    """SQL for the period cell (column ``col``): as written, or, under a header that says it is a
    quarter ("Quarter", "Qtr"), a bare quarter's number as the quarter ("2" is "Q2", so that beside
    "Financial Year" 2023/24 it is July 2023, not period 2). Identifiers are generated (c0..cN)."""
    c = f"c{int(col)}"
    if _QUARTER_WORDS & set(tokens(header)):
        return f"CASE WHEN regexp_full_match(trim({c}), '[1-4]') THEN 'Q' || trim({c}) ELSE {c} END"
    return c


_YEAR_CELL = r"(FY)?\s*(19|20)\d{2}(\s*[-/]\s*(\d{2}|\d{4}))?"  # 2024, 2024/25, FY 2024-2025


def add_year_column(cur, table: str, m: Mapping, lo: int, hi: int, kind: Kind = SPEND) -> None:
    """A spend file with no payment date whose lines are dated by a period (or month) column and a
    year column together ("Year" = 2024 | "Month" = April; "Financial Year" = 2024/25 | "Period" =
    P01): map both (``period`` and ``year``), so the store reads each line's month from the two
    cells (its ``parse_year_period``). The year column is known by its header's words (year, yr,
    fy) and its cells (years, 2024 or 2024/25); the pair is taken only when it dates nine in ten of
    the sampled lines and the period cells alone do not. Identifiers are generated (c0..cN); the
    bounds and the pattern are bound values."""
    if kind is not SPEND or m.columns.get("payment_date") is not None or "year" in m.columns:
        return
    used = {i for f, i in m.columns.items() if f != "period"}
    years = [i for i, h in enumerate(m.headers) if i not in used and _YEAR_WORDS & set(tokens(h))]
    periods = [i for i, h in enumerate(m.headers) if i not in used and i not in years
               and (header_scores(h, kind).get("period", 0) > 0 or i == m.columns.get("period"))]
    if not years or not periods:
        return
    width = len(m.headers)
    cols = ", ".join(f"c{i}" for i in range(width))
    pairs = [(p, y) for p in periods for y in years]
    reads = ", ".join(f"count(clean_text(c{p})), count(parse_period({period_sql(m.headers[p], p)})), "
                      f"count(parse_year_period({period_sql(m.headers[p], p)}, {year_sql(m.headers[y], y)})), "
                      f"count(clean_text(c{y})), count(CASE WHEN regexp_full_match(upper(clean_text(c{y})), ?) "
                      f"THEN 1 END)" for p, y in pairs)
    sql = ("WITH sample AS (SELECT " + cols + " FROM " + table + " WHERE rn > ? AND rn < ? AND regexp_matches("
           "concat_ws('|', " + cols + "), '\\d') ORDER BY rn LIMIT " + str(SAMPLE_ROWS) + ") SELECT " + reads
           + " FROM sample")
    got = cur.execute(sql, [lo, min(hi, lo + SAMPLE_WINDOW)] + [_YEAR_CELL] * len(pairs)).fetchone()
    best = None
    for k, (p, y) in enumerate(pairs):
        n, alone, both, n_year, year_like = got[5 * k:5 * k + 5]
        if n and alone < 0.9 * n and both >= 0.9 * n and n_year and year_like >= 0.9 * n_year:
            if best is None or both > best[0]:
                best = (both, p, y)
    if best is None:
        return
    _, p, y = best
    old = m.columns.get("period")
    m.columns["period"], m.columns["year"] = p, y
    m.found["year"] = "header"
    if old != p:
        m.found["period"] = "header"
    m.unused = sorted((set(m.unused) | ({old} if old is not None and old not in (p, y) else set())) - {p, y})


# A currency column's cells: ISO codes or marks. Its lines in pounds are those that say GBP (or £,
# sterling), or nothing.
_CURRENCY_CELL = r"(?i)\s*([A-Z]{3}|[£$€]|sterling|pounds?|euros?|dollars?)\s*"
POUNDS_CELL = r"(?i)\s*(gbp|£|sterling|pounds?|ukp|stg)?\s*"
# An amount's header that says which currency it is in: its own (the ledger's, pounds), not the
# invoice's; a currency column beside it then names the invoice's currency, not the amount's.
_OWN_CURRENCY_WORDS = {"local", "lc", "gbp", "sterling", "base", "functional", "company", "reporting"}


_CURRENCY_WORDS = {"currency", "curr", "ccy", "cur", "crcy"}


def names_currency(header: str | None) -> bool:
    """Whether a header names a currency ("Currency", "CONTRACT_CURRENCY", "Ccy")."""
    return bool(_CURRENCY_WORDS & set(tokens(header)))
# a money column in another currency than the ledger's says so: "Cur amount", "Original Amount",
# "Amount in Document Currency", "Foreign Amount"
_OTHER_MONEY_WORDS = _CURRENCY_WORDS | {"original", "foreign", "fx", "document", "doc", "dc", "transaction"}
_MONEY_WORDS = {"amount", "amt", "val", "value", "sum", "net", "gross", "total", "spend", "paid"}


def settle_currency(cur, table: str, m: Mapping, lo: int, hi: int, kind: Kind = SPEND) -> str | None:
    """Which currency column, if any, says the currency of the amount's lines (``currency``): one whose
    cells, in (lo, hi), are currency codes or marks (nine in ten), and which is the amount's own.
    The amount's own is the one whose header shares the amount's word ("Billing Currency" for
    "Billing Amount"); a currency column with no such word is the amount's only when no other money
    column is written in another currency ("Cur amount", "Original Amount": the currency is that
    column's, and the amount is the ledger's own, pounds), and the amount's header does not say the
    amount is in the ledger's own currency ("Amount in LC", "Amount (GBP)"). Returns a note when a
    currency column naming other currencies was set aside. Identifiers are generated (c0..cN);
    patterns are bound."""
    if kind is not SPEND or m.columns.get("amount") is None:
        return None
    a = m.columns["amount"]
    hdr = lambda i: m.headers[i] if i < len(m.headers) else None
    amount_words = set(tokens(hdr(a))) - _MONEY_WORDS - _CURRENCY_WORDS
    used = {i for f, i in m.columns.items() if f != "currency"}
    cands = [i for i in range(len(m.headers)) if i not in used and names_currency(hdr(i))]
    if m.columns.get("currency") is not None and m.columns["currency"] not in cands:
        cands.append(m.columns["currency"])
    chosen, note = None, None
    for i in cands:
        n, codes, foreign = cur.execute(
            # (another currency named: a currency's code that is not the pound's; the column's header
            # written again on a report's next page, "LCurr", is none)
            f"SELECT count(v), count(*) FILTER (WHERE regexp_full_match(v, ?)), "
            f"count(*) FILTER (WHERE regexp_full_match(v, ?) AND NOT regexp_full_match(v, ?)) FROM (SELECT "
            f"clean_text(c{int(i)}) AS v FROM " + table + " WHERE rn > ? AND rn < ?) WHERE v IS NOT NULL",
            [_CURRENCY_CELL, _CURRENCY_CELL, POUNDS_CELL, lo, hi]).fetchone()
        if not n or codes < 0.9 * n:
            continue
        qual = set(tokens(hdr(i))) - _CURRENCY_WORDS
        own_words = _OWN_CURRENCY_WORDS & set(tokens(hdr(a)))
        others = [k for k in range(len(m.headers)) if k != a and k != i and _MONEY_WORDS & set(tokens(hdr(k)))
                  and (_OTHER_MONEY_WORDS | qual) & set(tokens(hdr(k)))]
        if qual & amount_words and not own_words:
            chosen = i  # "Billing Currency" beside "Billing Amount"
            break
        if not qual and not others and not own_words and chosen is None:
            chosen = i
        elif foreign and note is None:
            whose = (f"the amount's header '{m.label(a)}' says it is in the ledger's own" if own_words else
                     f"they are the currency of '{m.label(others[0])}'" if others else
                     f"it is not the currency of '{m.label(a)}'")
            note = f"'{m.label(i)}' names other currencies than pounds, but {whose}: the amount read as pounds"
    old = m.columns.get("currency")
    if chosen is None:
        m.columns.pop("currency", None)
        m.found.pop("currency", None)
    else:
        m.columns["currency"] = chosen
        m.found["currency"] = m.found.get("currency") if old == chosen and m.found.get("currency") else "header"
        note = None
    named = {i for i in cands if i != chosen and hdr(i) and str(hdr(i)).strip()}
    m.unused = sorted((set(m.unused) | named | ({old} if old is not None and old != chosen else set())) - {chosen})
    return note


# A financial year as titles, sheet names and file names write it: 2024/25, 2024-25, 2024/2025.
_FY_TEXT = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})\s*[/-]\s*(\d{4}|\d{2})(?![\d/.-])")


def financial_year_in(texts) -> int | None:
    """The first year of the one financial year the texts name ("Payments over £500 - 2024/25
    Quarter 1" -> 2024), or None: none named, or two different."""
    found = set()
    for t in texts:
        for mt in _FY_TEXT.finditer(str(t or "")):
            y, z = int(mt.group(1)), mt.group(2)
            if (len(z) == 2 and int(z) == (y + 1) % 100) or (len(z) == 4 and int(z) == y + 1):
                found.add(y)
    return found.pop() if len(found) == 1 else None


def fy_text(y: int) -> str:
    """The financial year starting in April of ``y`` as the store labels it (2024 -> '2024/25')."""
    y = int(y)
    return f"{y:04d}/{(y + 1) % 100:02d}"


_DAY_HEADER = re.compile(r"\s*(day|dd|day of( the)? month|day no\.?|day number)\s*", re.I)  # a day of the month's column


def add_day_column(cur, table: str, m: Mapping, lo: int, hi: int, kind: Kind = SPEND) -> None:
    """A spend file that writes each line's date in three columns, its year, its month and its day
    ("Year" = 2024 | "Month" = 6 | "Day" = 3): once the year and the month are mapped as the lines'
    period (add_year_column), a column not used otherwise headed as the day ("Day", "DD", "Day of
    Month") whose sampled cells are whole numbers from 1 to 31, nine in ten of them, is mapped as
    ``day``: each line is then dated to that day of its month (a day its month does not have leaves
    the line dated by its month). Identifiers are generated (c0..cN); the bounds are bound values."""
    if (kind is not SPEND or m.columns.get("payment_date") is not None or m.columns.get("period") is None
            or m.columns.get("day") is not None):
        return
    used = set(m.columns.values())
    cands = [i for i, h in enumerate(m.headers) if i not in used and h and _DAY_HEADER.fullmatch(str(h))]
    if len(cands) != 1:
        return
    i = cands[0]
    c = f"c{int(cands[0])}"
    n, days = cur.execute("SELECT count(clean_text(" + c + ")), count(day_of_month(" + c + ")) FROM " + table
                          + " WHERE rn > ? AND rn < ?", [lo, min(hi, lo + SAMPLE_WINDOW)]).fetchone()
    if n >= 3 and days >= 0.9 * n:
        m.columns["day"], m.found["day"] = i, "header"
        m.unused = [j for j in m.unused if j != i]


def add_day_month_in_year(cur, table: str, m: Mapping, lo: int, hi: int, fy: int | None, kind: Kind = SPEND) -> None:
    """A spend file whose dates give a day and a month and no year ("03-Jun", "3 June", "12/11"), the
    financial year named once for the whole sheet (its title, its sheet name, the file's name or the
    period given for it): map the date column, read in that year (``parse_day_month``; the mapping
    keeps the year as ``day_month_fy``). Taken when one column not used otherwise is headed as a date
    and nine in ten of its sampled cells are a day and a month; a column already read as the lines'
    period gives way to it (the day says more). Identifiers are generated (c0..cN); the bounds and the
    year are bound values."""
    if kind is not SPEND or fy is None or m.columns.get("payment_date") is not None:
        return
    used = {i for f, i in m.columns.items() if f != "period"}
    cands = [i for i, h in enumerate(m.headers) if i not in used and header_scores(h, kind).get("payment_date", 0) > 0]
    if not cands:
        return
    reads = ", ".join(f"count(clean_text(c{i})), count(parse_day_month(c{i}, ?))" for i in cands)
    got = cur.execute("SELECT " + reads + " FROM " + table + " WHERE rn > ? AND rn < ?",
                      [int(fy)] * len(cands) + [lo, min(hi, lo + SAMPLE_WINDOW)]).fetchone()
    good = [i for k, i in enumerate(cands) if got[2 * k] >= 3 and got[2 * k + 1] >= 0.9 * got[2 * k]]
    if len(good) != 1:
        return
    i = good[0]
    if m.columns.get("period") == i:
        del m.columns["period"]
        m.found.pop("period", None)
    m.columns["payment_date"], m.found["payment_date"], m.day_month_fy = i, "header", int(fy)
    m.unused = [j for j in m.unused if j != i]


def add_period_in_year(cur, table: str, m: Mapping, lo: int, hi: int, fy: int | None, kind: Kind = SPEND) -> None:
    """A spend file with no payment date and no year column whose lines carry a period with no year
    ("P01", "Period 2", "May"), while the financial year is named once for the whole sheet (its title,
    its sheet name, the file's name or the period given for it): map the period column, read in that
    year (``parse_year_period`` with the year as a bound value; the mapping keeps it as ``year_given``).
    Taken only when the period cells date nine in ten of the sampled lines in that year and do not
    alone. A bare number counts as a period only under a header that says period ("Month" = 1 may
    be January or April). Identifiers are generated (c0..cN)."""
    if (kind is not SPEND or fy is None or m.columns.get("payment_date") is not None or "year" in m.columns):
        return
    used = {i for f, i in m.columns.items() if f != "period"}
    periods = [i for i, h in enumerate(m.headers) if i not in used
               and (header_scores(h, kind).get("period", 0) > 0 or i == m.columns.get("period"))]
    if not periods:
        return
    year = fy_text(fy)
    width = len(m.headers)
    cols = ", ".join(f"c{i}" for i in range(width))
    reads = ", ".join(f"count(clean_text(c{p})), count(parse_period({period_sql(m.headers[p], p)})), "
                      f"count(parse_year_period({period_sql(m.headers[p], p)}, ?)), "
                      f"count(CASE WHEN regexp_full_match(trim(c{p}), '\\d{{1,2}}') THEN 1 END)" for p in periods)
    sql = ("WITH sample AS (SELECT " + cols + " FROM " + table + " WHERE rn > ? AND rn < ? AND regexp_matches("
           "concat_ws('|', " + cols + "), '\\d') ORDER BY rn LIMIT " + str(SAMPLE_ROWS) + ") SELECT " + reads
           + " FROM sample")
    got = cur.execute(sql, [lo, min(hi, lo + SAMPLE_WINDOW)] + [year] * len(periods)).fetchone()
    best = None
    for k, p in enumerate(periods):
        n, alone, both, bare = got[4 * k:4 * k + 4]
        if bare > 0.5 * n and not {"period", "periods", "prd"} & set(tokens(m.headers[p])):
            continue
        if n and alone < 0.9 * n and both >= 0.9 * n and (best is None or both > best[0]):
            best = (both, p)
    if best is None:
        return
    p = best[1]
    old = m.columns.get("period")
    m.columns["period"], m.year_given = p, int(fy)
    if old != p:
        m.found["period"] = "header"
    m.unused = sorted((set(m.unused) | ({old} if old is not None and old != p else set())) - {p})


# ---------------------------------------------------------------------------------------------
# Credit notes marked in a column of their own: a document type ("INV" | "CRN", "Invoice" | "Credit
# Note", "DR" | "CR") beside amounts that are all written as positive sums.

# A cell that marks its line as a credit note (lower case, trimmed): the codes ledgers use for one,
# or the words. "Credit card" and "credit transfer" are ways of paying, not credits.
_CREDIT_WORD = (r"(cr|crn|cn|crm|pc|sc|cr\.?\s*note|credit|credit\s*notes?|credit\s*memo|credit\s*adj(ustment)?|"
                r"refunds?|rfnd|card\s*refunds?)")
# (a bare "C" marks a credit only in a column of Ds and Cs, a ledger's debit/credit indicator: see
# add_credit_marks; a column so chosen reads "C" as a credit on every line)
CREDIT_MARK = (r"(c|h|pc|sc|cr|crn|cn|crm|cr\.?\s*note|credit|credit\s*notes?|credit\s*memo|credit\s*adj(ustment)?|"
               r"refunds?|rfnd|card\s*refunds?)")
# (a bare "H" likewise only in a column of Ss and Hs, SAP's debit/credit indicator, Soll and Haben;
# "PC" and "SC" only in a column with "PI" or "SI" beside them, Sage's purchase and sales credits)
_PAIRS = (("c", "d"), ("h", "s"))  # indicator columns of two letters alone: (credit, debit)
# A column that answers whether the line is a credit note ("Credit Note (Y/N)": Y, N): its yes.
_YES_CELL = r"(y|yes|true|1|ydy|x)"
_NO_CELL = r"(n|no|false|0|na|nac\s*ydy)"
_ASKS_CREDIT = {"credit", "credits", "cr", "crn", "refund", "refunds"}
# ... and not a way of paying or a fact of the supplier's ("Paid by Credit Card (Y/N)", "Credit Check")
_CREDIT_NOT_NOTE = {"card", "cards", "terms", "limit", "rating", "account", "transfer", "check", "score", "agency"}
# A header that names a debit/credit indicator: a column of "CR" and empty cells under it marks the credits.
_DC_HEADER = r"(?i)\s*(d\s*/\s*c|dr\s*/\s*cr|cr\s*/\s*dr|debit\s*/\s*credit|s\s*/\s*h|dc|drcr|dr\s*cr|sign|shkzg)\s*\.?\s*"
# A cell of the same column that marks an invoice or a payment: the column is a document type.
_INVOICE_MARK = r"\b(inv|invoices?|dr|debit|payments?|pmt|purchases?|charges?|sales?|transactions?|pi|si)\b"
_MARK_FIELDS = ("payment_date", "period", "amount", "credit", "amount_fill", "supplier_name", "supplier_id",
                "vat_number", "body", "irrecoverable_vat", "year")
_MARK_VALUES = 8  # at most this many distinct cells: a document type, not free text


def credit_mark_sql(i: int, answers: bool = False) -> str:
    """SQL true when column ``c{i}`` marks its line as a credit note; ``answers``: the column answers
    whether it is one, and its yes marks it (a generated identifier and a constant pattern: no value
    from the file)."""
    return f"regexp_full_match(lower(clean_text(c{int(i)})), '{_YES_CELL if answers else CREDIT_MARK}')"


def _answers_credit(header) -> bool:
    """Whether a header asks if the line is a credit note ("Credit Note (Y/N)", "Is Credit?", "Refund")."""
    words = set(tokens(header))
    return bool(_ASKS_CREDIT & words) and not _CREDIT_NOT_NOTE & words and not re.fullmatch(_DC_HEADER, str(header or ""))


def add_credit_marks(cur, table: str, m: Mapping, lo: int, hi: int, profiles: list | None, kind: Kind = SPEND,
                     cands: list | None = None) -> None:
    """A spend file whose credit notes are written as positive sums and marked in a column of their
    own (a document type: "INV" and "CRN"): map that column as ``credit_mark``, and take those
    lines' sums off (``credit_marked`` counts them). Found by what the column holds, over the rows
    in (lo, hi): at most a few distinct short cells, some marking a credit note and some an invoice
    or a payment. Only when no marked line is negative already and some is positive: credits
    written as negative figures are read as they stand, and a mix of signs is left as written.
    A column given or remembered for it is read the same way. A ledger's debit and credit columns
    carry the sign themselves: then nothing is done here. ``cands``: the columns to look at (else
    those the sample's ``profiles`` find few distinct cells in, kept in ``m.mark_candidates`` for a
    caller that reads more rows than the sample: lib.ingest.fast)."""
    if kind is not SPEND or m.columns.get("amount") is None or m.columns.get("credit") is not None:
        return
    given = m.columns.get("credit_mark")
    if given is None:
        if cands is None:
            used = {i for f, i in m.columns.items() if f in _MARK_FIELDS}
            # few distinct cells in the sample (a document type) and not a field's money, date or names
            cands = [i for i, p in enumerate(profiles or []) if i not in used and p.n and p.distinct * p.n <= _MARK_VALUES]
            m.mark_candidates = cands
        if not cands:
            return
        cols = ", ".join(f"c{i}" for i in cands)
        # (a column of Ds and Cs alone, both there, is a debit/credit indicator: its Cs are credits;
        # SAP's Ss and Hs likewise)
        pairs = " OR ".join(f"(count(*) FILTER (WHERE v = '{c}') > 0 AND count(*) FILTER (WHERE v = '{d}') > 0 "
                            f"AND count(*) FILTER (WHERE v NOT IN ('{c}', '{d}')) = 0)" for c, d in _PAIRS)
        got = cur.execute(
            "SELECT col, count(DISTINCT v), max(length(v)), count(*) FILTER (WHERE regexp_full_match(v, ?)), "
            "count(*) FILTER (WHERE NOT regexp_full_match(v, ?) AND regexp_matches(v, ?)), " + pairs + ", "
            # every cell a yes or a no, some yes (a column answering a question)
            "count(*) FILTER (WHERE NOT regexp_full_match(v, ?) AND NOT regexp_full_match(v, ?)) = 0 "
            "AND count(*) FILTER (WHERE regexp_full_match(v, ?)) > 0, "
            # every cell a credit's mark, the other lines' cells empty
            "count(*) FILTER (WHERE NOT regexp_full_match(v, ?)) = 0 "
            "FROM (SELECT col, lower(clean_text(raw)) AS v FROM (UNPIVOT (SELECT " + cols + " FROM " + table
            + " WHERE rn > ? AND rn < ?) ON " + cols + " INTO NAME col VALUE raw)) WHERE v IS NOT NULL GROUP BY col",
            [_CREDIT_WORD, _CREDIT_WORD, _INVOICE_MARK, _YES_CELL, _NO_CELL, _YES_CELL, _CREDIT_WORD, lo, hi]).fetchall()

        def header(col: str):
            i = int(col[1:])
            return m.headers[i] if i < len(m.headers) else None

        found = sorted((int(c[1:]), bool(yes_no and _answers_credit(header(c))))
                       for c, distinct, longest, credits, invoices, pair, yes_no, credit_only in got
                       if pair or (distinct <= _MARK_VALUES and longest <= 24 and credits and invoices)
                       or (yes_no and _answers_credit(header(c)))
                       # "CR" beside the credits alone, in a column with no header or a debit/credit one
                       or (credit_only and (not str(header(c) or "").strip()
                                            or re.fullmatch(_DC_HEADER, str(header(c) or "")))))
        if len(found) != 1:
            return  # none, or more than one such column: nothing is read from them
        given, m.credit_answers = found[0]
    else:  # given or remembered: a column answering the question marks its credits with its yes
        h = m.headers[given] if given < len(m.headers) else None
        m.credit_answers = _answers_credit(h) and cur.execute(
            "SELECT count(*) FILTER (WHERE NOT regexp_full_match(v, ?) AND NOT regexp_full_match(v, ?)) = 0 FROM "
            "(SELECT lower(clean_text(c" + str(int(given)) + ")) AS v FROM " + table + " WHERE rn > ? AND rn < ?) "
            "WHERE v IS NOT NULL", [_YES_CELL, _NO_CELL, lo, hi]).fetchone()[0]
    a = int(m.columns["amount"])
    pos, neg = cur.execute(
        f"SELECT count(*) FILTER (WHERE mark AND a > 0), count(*) FILTER (WHERE mark AND a < 0) FROM (SELECT "
        f"{credit_mark_sql(given, m.credit_answers)} AS mark, parse_amount(c{a}) AS a FROM " + table
        + " WHERE rn > ? AND rn < ?)",
        [lo, hi]).fetchone()
    if "credit_mark" not in m.columns:
        if not pos or neg:
            return
        m.columns["credit_mark"] = given
        m.found["credit_mark"] = "content"
        m.unused = [i for i in m.unused if i != given]
        for f in [f for f, i in m.columns.items() if i == given and f != "credit_mark"]:
            # "Doc Type" read as the category, its words varying where "Expense Type"'s did not: the
            # field goes to the unused column whose header names it best, if one does
            m.columns.pop(f)
            m.found.pop(f, None)
            best = max(((header_scores(m.headers[i], kind).get(f, 0), -i) for i in m.unused
                        if i < len(m.headers)), default=(0, 0))
            if best[0] > 0:
                m.columns[f], m.found[f] = -best[1], "header"
                m.unused = [i for i in m.unused if i != -best[1]]
    m.credit_marked = pos if pos and not neg else 0


# A heading of its own, or a sheet's name, that says the lines it heads are credit notes: "CREDIT
# NOTES RECEIVED", "Credits", "Refunds - April 2024", "Credit Memos (CN)". Words of credit notes and
# of when, nothing else: "Credit Card Payments", "Total credit notes" and "Refunds Ltd" are not.
# ("Refunds" alone may head refunds paid out, which are spend: only refunds received are credits.)
_CREDIT_HEAD = {"credit", "credits", "cn", "crn", "crns"}
_REFUND = {"refund", "refunds"}
_CREDIT_HEAD_TOO = ({"note", "notes", "memo", "memos", "received", "issued", "raised", "processed", "posted", "and",
                     "adjustment", "adjustments", "from", "to", "for", "in", "the", "of", "period", "month", "week",
                     "supplier", "suppliers", "cr", "fy", "year"}
                    | {m.lower() for m in calendar.month_name if m} | {m.lower() for m in calendar.month_abbr if m})


def names_credit_notes(text) -> bool:
    """Whether a heading of its own (or a sheet's name) says that the lines under it are credit notes."""
    words = re.findall(r"[a-z]+[0-9]*|[0-9]+", str(text or "").lower())
    return (0 < len(words) <= 8
            and bool(_CREDIT_HEAD.intersection(words) or (_REFUND.intersection(words) and "received" in words))
            and all(w in _CREDIT_HEAD or w in _REFUND or w in _CREDIT_HEAD_TOO or w.isdigit()
                    or re.fullmatch(r"q[1-4]", w) for w in words))


def _spans_sql(spans) -> str:
    """SQL true on a row inside one of the (after, before) row spans (ints we computed)."""
    return "(" + " OR ".join(f"(rn > {int(x)} AND rn < {int(y)})" for x, y in spans) + ")"


def row_sql(width: int) -> tuple[str, str, str]:
    """SQL over a row of cells c0..c(width-1): (how many are filled, its first filled cell, whether any
    cell is a total's label). Identifiers are generated."""
    cells = [f"c{i}" for i in range(width)]
    return (" + ".join(f"(nullif(trim({c}), '') IS NOT NULL)::INTEGER" for c in cells),
            "coalesce(" + ", ".join(f"nullif(trim({c}), '')" for c in cells) + ")",
            "coalesce(" + " OR ".join(f"is_total_label({c})" for c in cells) + ", FALSE)")


def add_credit_sections(cur, sheet, m: Mapping, lo: int, hi: int, kind: Kind = SPEND) -> None:
    """Credit notes listed apart, their sums written positive: on a sheet of their own ("Credit
    Notes") or under a heading of their own ("CREDIT NOTES RECEIVED" on a row alone) down to the next
    such heading or total line. Their lines in (lo, hi) of ``sheet`` (lib.ingest.read.Sheet) are kept
    in ``m.credit_rows`` (row spans) to be taken off the spend, only when none of them is negative
    already and some is positive (credits written negative are read as they stand, and a mix of signs
    is left as written); ``m.credit_title`` is the heading (None when the sheet's name said it).
    Nothing is done where credits are marked otherwise (a credit column, a column marking them).
    Identifiers are generated (c0..cN); bounds are bound values."""
    if kind is not SPEND or m.columns.get("amount") is None or any(
            m.columns.get(f) is not None for f in ("credit", "credit_mark")):
        return
    a = int(m.columns["amount"])
    filled, lone, total_row = row_sql(sheet.width)
    if names_credit_notes(sheet.name):
        spans, title = [(lo, hi)], None
    else:
        if sheet.credit_heads is None:
            # rows of one cell alone (headings), over the whole sheet once: a heading may stand over a
            # header written again, above the segment it heads; most sheets have none
            sheet.credit_heads = [(rn, text) for rn, text in cur.execute(
                "SELECT rn, " + lone + " FROM " + sheet.table + " WHERE " + filled + " = 1 ORDER BY rn").fetchall()
                if len(text) <= 80 and names_credit_notes(text)]
        heads = [(rn, text) for rn, text in sheet.credit_heads if rn < hi]
        if not heads:
            return
        # a section ends at the next heading of its own or total line (a page's number does not end it)
        ends = [rn for (rn,) in cur.execute(
            "SELECT rn FROM " + sheet.table + " WHERE rn > ? AND rn < ? AND ((" + filled + " = 1 AND NOT is_page_mark("
            + lone + ") AND parse_amount(c" + str(a) + ") IS NULL) OR " + total_row + ") ORDER BY rn",
            [heads[0][0], hi]).fetchall()]
        spans = [(max(rn, lo), min([e for e in ends if e > rn] + [hi])) for rn, _ in heads]
        spans = [(x, y) for x, y in spans if y > x + 1]
        title = " ".join(heads[0][1].split())
    if not spans:
        return
    s = m.columns.get("supplier_name")
    # (lines are counted where they name a supplier: a total under them, "Total credit notes", may
    # not be labelled so that a cell says it, and is set aside later by its sum)
    named = "TRUE" if s is None else f"clean_text(c{int(s)}) IS NOT NULL"
    pos, neg, lines = cur.execute(
        "SELECT count(*) FILTER (WHERE v > 0), count(*) FILTER (WHERE v < 0), count(*) FILTER (WHERE v > 0 AND named) "
        "FROM (SELECT parse_amount(c" + str(a) + ") AS v, " + named + " AS named FROM " + sheet.table + " WHERE "
        + _spans_sql(spans) + " AND NOT " + total_row + ")").fetchone()
    if pos and not neg:
        m.credit_rows, m.credit_section, m.credit_title = spans, lines, title


def credit_rows_sql(m: Mapping) -> str | None:
    """SQL true on a line that add_credit_sections found among credit notes (None when there are none)."""
    return _spans_sql(m.credit_rows) if m.credit_rows else None


# The VAT on a line is at most a fifth of its gross sum (the standard rate, 20% of the net, is a sixth
# of the gross): a column beside a gross with more than that in it is not the gross's VAT.
_VAT_SHARE = 0.2


def add_vat_taken_off(cur, table: str, m: Mapping, lo: int, hi: int, kind: Kind = SPEND) -> None:
    """A file that gives each line's gross sum and its VAT, and no net: the spend is the gross less
    the VAT (the VAT a police body pays is recovered, and published spend is net of it). Taken when
    the amount's header names a gross or a total ("Gross Amount", "Total inc VAT", "Total"), one
    column not used otherwise is headed as the VAT alone ("VAT", "VAT Amount", "Tax"), and on every
    line of (lo, hi) holding both its figure is no more than a fifth of the gross, of the same sign.
    Mapped as ``vat_off``; a column given for it is read so whatever its header. Identifiers are
    generated (c0..cN); the bounds are bound values."""
    a = m.columns.get("amount")
    if kind is not SPEND or a is None or any(m.columns.get(f) is not None for f in ("credit", "amount_fill")):
        return
    if m.columns.get("vat_off") is not None:
        return
    words = set(tokens(m.headers[a] if a < len(m.headers) else None))
    if not (_GROSS | {"total"}) & words or "sub" in words or _NET & words:
        return  # (a "Total Net", "Net Total" is the net already)
    used = set(m.columns.values())
    vats = [i for i, h in enumerate(m.headers) if i not in used and vat_alone_header(h)]
    if len(vats) != 1:
        return
    v = vats[0]
    both, fits = cur.execute(
        f"SELECT count(*), count(*) FILTER (WHERE abs(t) <= {_VAT_SHARE} * abs(g) AND (t = 0 OR sign(t) = sign(g))) "
        f"FROM (SELECT parse_amount(c{int(a)}) AS g, parse_amount(c{int(v)}) AS t FROM " + table
        + " WHERE rn > ? AND rn < ?) WHERE g IS NOT NULL AND t IS NOT NULL", [lo, hi]).fetchone()
    if both and both == fits:
        m.columns["vat_off"], m.found["vat_off"] = v, "header"
        m.unused = [i for i in m.unused if i != v]
