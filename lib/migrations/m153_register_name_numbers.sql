-- m153: more of the details a register writes after a supplier's name, read off it (m125).
-- * A register number in brackets at the end: "O'Neill Plant Hire Ltd (06677889)", "Brightwater
--   Consulting LLP (OC398214)", "Pennine Waste Ltd (Company No. 04567123)", "St Mary's Hospice (Charity
--   No. 1012345)". The name kept the number, so its key met no spend line of the supplier and its
--   spend went off contract. Brackets holding words only ("Meridian Public Systems (UK) Ltd") stay.
-- * An address after a name with no legal form, its first part no number: "Calder Valley Community
--   Transport, Mytholm Works, Burnley Road, Hebden Bridge, HX7 8AD". The details begin at the first
--   comma followed by a part naming a street or a building (Road, Lane, Works, House, Park, ...) with
--   more after it (the town, the postcode); a name with a comma of its own ("Smith, Jones & Co, Mill
--   House, Preston") keeps it.
CREATE OR REPLACE MACRO _name_before_number(t) AS coalesce(nullif(trim(regexp_extract(t,
        '^(?i)(.*?\S)\s*\(\s*((company|co|charity|reg|registered|registration|crn|companies\s+house)\.?\s*'
        || '(no|number|num|reg|regn)?\.?\s*:?\s*)?[a-z]{0,2}\s?\d{5,8}\s*\)$', 1)), ''), t);
-- (m125's cut at a number, a unit or a postcode; and the cut at a street: the first of the two)
CREATE OR REPLACE MACRO _name_before_number_or_postcode(t) AS nullif(trim(regexp_extract(t,
        '^(?i)(.*?)\s*(,|;|\s[-–—]\s)\s*(\d|(unit|suite|floor|flat|po\s*box|p\.\s*o\.\s*box)\b|'
        || '[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b|'
        || '(company|co|charity|reg|registered|registration|vat)\.?\s*(no|number|reg)\b)', 1)), '');
CREATE OR REPLACE MACRO _name_before_street(t) AS nullif(trim(regexp_extract(t,
        '^(?i)(.*?)\s*,\s*[^,]*\b(road|rd|street|lane|avenue|way|drive|park|works|house|place|court|close|square|'
        || 'gardens|terrace|crescent|buildings?|centre|center|estate|mill|yard|wharf|quay|parade|mews|chambers|'
        || 'hall|tower)\b[^,]*,\s*\S', 1)), '');
CREATE OR REPLACE MACRO register_name_of(s) AS list_transform([_name_before_number(register_first_line(s))],
    lambda t: coalesce(
        nullif(trim(regexp_extract(t, '^(?i)(.*?\b(ltd|limited|llp|plc|cic|cio)\.?)\s*(,|;|\s[-–—]\s)\s*\S', 1)), ''),
        CASE WHEN length(_name_before_street(t)) < coalesce(length(_name_before_number_or_postcode(t)), 100000)
             THEN _name_before_street(t) ELSE _name_before_number_or_postcode(t) END,
        t))[1];
