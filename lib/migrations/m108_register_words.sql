-- m108: more of what registers write (lib.ingest.registers), after m107.
--
-- An SME answer written after the word it answers ("SME: No", "SME - No", "SME (No)", "Small - No"):
-- that answer, not yes for having said "SME" (every one of them read as an SME before). A tick is yes,
-- a cross no; "Y (Small)" is yes.
CREATE OR REPLACE MACRO parse_sme(s) AS CASE
        WHEN register_blank(s) THEN NULL
        ELSE list_transform([_register_text(s)], lambda t: CASE
            WHEN regexp_matches(t, '^(smes?|micro|small|medium|small or medium( sized)?( enterprise)?)\b[\s:–\-(/,?]*(yes|y|true|no|n|false)\b')
                THEN regexp_matches(t, '^(smes?|micro|small|medium|small or medium( sized)?( enterprise)?)\b[\s:–\-(/,?]*(yes|y|true)\b')
            WHEN t IN ('✓', '✔', '☑', '✅') THEN TRUE
            WHEN t IN ('✗', '✘', '×', '❌') THEN FALSE
            WHEN regexp_matches(t, '^(non|not)\b|^large\b|^no\b') THEN coalesce(parse_register_bool(s), FALSE)
            WHEN regexp_matches(t, '^(micro|small|medium|sme|smes)\b') THEN TRUE
            ELSE parse_register_bool(s) END)[1] END;

-- A count written as an estimate ("c.300", "approx. 40", "circa 12"): the count stated.
CREATE OR REPLACE MACRO parse_register_int(s) AS CASE WHEN NOT register_blank(s) THEN coalesce(parse_int(s),
        CASE WHEN regexp_full_match(_register_text(s), '\d[\d,]*\s*(-|–|to)\s*\d[\d,]*')
                 THEN parse_int(regexp_extract(_register_text(s), '(\d[\d,]*)$', 1))
             WHEN regexp_full_match(_register_text(s), '\d[\d,]*\s*(\+|or more|and over|plus)')
                 THEN parse_int(regexp_extract(_register_text(s), '^(\d[\d,]*)', 1))
             WHEN regexp_full_match(_register_text(s), '(fewer|less) than \d[\d,]*')
                 THEN parse_int(regexp_extract(_register_text(s), '(\d[\d,]*)$', 1)) - 1
             WHEN regexp_full_match(_register_text(s), '(c\.|ca\.|circa|approx(\.|imately)?|about|around|~)\s*\d[\d,]*')
                 THEN parse_int(regexp_extract(_register_text(s), '(\d[\d,]*)$', 1)) END) END;

-- A sum by the year or the month ("£50,000 per annum", "£12,000 p.a.", "£2,000 per month") is not the
-- contract's value: no value is read from it, and the contract is not quarantined for it (lib.ingest.
-- registers: its spend stays on contract). A range ("£10,000 - £20,000", "£10k to £20k"): its top,
-- the most the register says it may cost.
CREATE OR REPLACE MACRO _register_money_text(s) AS regexp_replace(regexp_replace(regexp_replace(_register_text(s),
        '^(up to|upto|not exceeding|max(imum)?|min(imum)?|est(imated)?\.?|approx(imately|\.)?|circa|c\.|ca\.|around|about|~)\s*(of\s+)?', ''),
        '\s*\(?\s*(\+\s*vat|plus vat|ex\.?\s*vat|exc\.?\s*vat|excl\.?\s*vat|excluding vat|net of vat|inc\.?\s*vat|incl\.?\s*vat|including vat)\s*\)?$', ''),
        '\s+(per annum|per year|a year|each year|annually|per yr|p\.\s?a\.?|pa)$', '');
CREATE OR REPLACE MACRO register_per_period(s) AS regexp_matches(_register_text(s),
        '\d.*\s(per annum|per year|a year|each year|annually|per yr|p\.\s?a\.?|pa|per month|a month|monthly|pcm|per week|weekly)$');
CREATE OR REPLACE MACRO _register_range_top(t) AS CASE
        WHEN regexp_full_match(t, '[^\d]*\d.*\s(-|–|to)\s+[^\d]*\d.*')
        THEN coalesce(parse_amount(regexp_extract(t, '\s(?:-|–|to)\s+(.*)$', 1)),
                      _register_scaled(regexp_extract(t, '\s(?:-|–|to)\s+(.*)$', 1))) END;
-- (_register_scaled reads with a subquery: no lambda may hold it)
CREATE OR REPLACE MACRO parse_register_money(s) AS CASE WHEN NOT register_blank(s) AND NOT register_per_period(s) THEN
        coalesce(parse_amount(s), parse_amount(_register_money_text(s)), _register_scaled(_register_money_text(s)),
                 _register_range_top(_register_money_text(s))) END;

-- A register's line that is not an entry: a total ("TOTAL", "Total suppliers: 2", "Grand total 2024/25")
-- or a note ("* SME as defined by ...", "Note: ...", "Source: ...") in its first cell. A name that
-- begins with the word (Total Office Solutions Ltd) is an entry: a total's cell is the word alone, or
-- says a count or a sum or a colon.
CREATE OR REPLACE MACRO register_total_line(first_cell) AS list_transform([lower(trim(coalesce(first_cell, '')))],
        lambda t: regexp_full_match(t, '(sub[\s-]?|grand\s+|overall\s+)?totals?\s*:?')
               OR (regexp_matches(t, '^(sub[\s-]?|grand\s+|overall\s+)?totals?\b') AND regexp_matches(t, '[\d:£]'))
               OR regexp_matches(t, '^(\*|†|‡|#\s)|^(notes?|nb|n\.b\.|sources?|key|please note)\s*[:\-–.]'))[1];

-- A contract's term ("12", "36 months", "3 years", "18 mths"): whole months, in the unit the cell says,
-- else ``unit`` ('m' or 'y', from its header); NULL for anything else ("2+1", "TBC").
CREATE OR REPLACE MACRO parse_term_months(s, unit) AS list_transform([_register_text(s)], lambda t: CASE
        WHEN regexp_full_match(t, '\d+(\.\d+)?\s*(months?|mths?|mos?|m)') THEN TRY_CAST(regexp_extract(t, '^(\d+(\.\d+)?)', 1) AS DECIMAL(8,2))
        WHEN regexp_full_match(t, '\d+(\.\d+)?\s*(years?|yrs?|y)') THEN 12 * TRY_CAST(regexp_extract(t, '^(\d+(\.\d+)?)', 1) AS DECIMAL(8,2))
        WHEN regexp_full_match(t, '\d+(\.\d+)?') THEN CASE unit WHEN 'y' THEN 12 ELSE 1 END * TRY_CAST(t AS DECIMAL(8,2))
        END)[1];
