-- m102: a register's cells read as registers write them (lib.ingest.registers).
--
-- A placeholder ("TBC", "N/A", "-", "Unknown", "Not known") in a cell of a register's typed field
-- (a value, a date, a percentage, a yes or no) says the fact is not known: the cell is empty, not a
-- reason to quarantine the contract or supplier (a contract quarantined for a "TBC" value left its
-- spend off contract). An end date written "Ongoing", "Rolling", "Open-ended", "Until further
-- notice" or "No end date" is an open-ended contract, as an empty one is.
CREATE OR REPLACE MACRO _register_text(s) AS
        lower(trim(translate(coalesce(s, ''), chr(160) || chr(8239) || chr(13) || chr(10), '    ')));
CREATE OR REPLACE MACRO register_blank(s) AS regexp_full_match(_register_text(s),
        '(tbc|tba|tbd|to be (confirmed|agreed|determined)|n/?a|not applicable|not available|none|nil|unknown|'
        || 'not known|-+|–|—|\?+|ongoing|on-going|rolling|open|open[- ]ended|until further notice|no end date|'
        || 'indefinite|continuous|evergreen)\.?');
-- A register's sums: as spend reads them, or with the scale written after ("£1.5m", "£250k", "£2.9bn",
-- "£1.2 million"), and after a word that bounds or estimates it ("Up to £250,000", "approx. £40k",
-- "circa £1m", "Est. £2m": the sum the register states). Exact: a scaled sum with digits past the
-- penny is not read.
CREATE OR REPLACE MACRO _register_money_text(s) AS regexp_replace(_register_text(s),
        '^(up to|upto|not exceeding|max(imum)?|min(imum)?|est(imated)?\.?|approx(imately|\.)?|circa|c\.|ca\.|around|about|~)\s*(of\s+)?', '');
CREATE OR REPLACE MACRO _register_scaled(t) AS CASE
        WHEN regexp_full_match(t, '(-)?\s*£?\s*(\d{1,3}(,\d{3})*|\d+)(\.\d+)?\s*(k|m|mn|bn|b|thousand|million|billion)')
        THEN (SELECT CASE WHEN x = round(x, 2) AND abs(x) < 1e12 THEN x::DECIMAL(14,2) END FROM (SELECT
              TRY_CAST(replace(regexp_extract(t, '(\d[\d,]*(\.\d+)?)', 1), ',', '') AS DECIMAL(30,12))
              * CASE regexp_extract(t, '(k|m|mn|bn|b|thousand|million|billion)$', 1)
                    WHEN 'k' THEN 1000 WHEN 'thousand' THEN 1000 WHEN 'bn' THEN 1000000000
                    WHEN 'b' THEN 1000000000 WHEN 'billion' THEN 1000000000 ELSE 1000000 END
              * CASE WHEN t LIKE '-%' THEN -1 ELSE 1 END AS x)) END;
CREATE OR REPLACE MACRO parse_register_money(s) AS CASE WHEN NOT register_blank(s) THEN
        coalesce(parse_amount(s), parse_amount(_register_money_text(s)), _register_scaled(_register_money_text(s))) END;
-- A register's dates: as spend reads them, or a month ("April 2023", "Apr-23"): a start on its first
-- day, an end on its last.
CREATE OR REPLACE MACRO _register_month(s) AS CASE WHEN regexp_full_match(trim(coalesce(s, '')),
        '[A-Za-z]{3,9}\.?[\s\-/'']*(\d{2}|\d{4})') THEN parse_period(s) END;
CREATE OR REPLACE MACRO parse_register_start(s) AS CASE WHEN NOT register_blank(s) THEN
        coalesce(parse_uk_date(s), _register_month(s)) END;
CREATE OR REPLACE MACRO parse_register_end(s) AS CASE WHEN NOT register_blank(s) THEN
        coalesce(parse_uk_date(s), last_day(_register_month(s))) END;
-- An SME answer written as the size the supplier is (Micro, Small, Medium: an SME; Large: not), or
-- "Non-SME", beside the yes and no parse_bool reads.
CREATE OR REPLACE MACRO parse_sme(s) AS CASE
        WHEN register_blank(s) THEN NULL
        WHEN regexp_matches(_register_text(s), '^(non|not)\b|^large\b|^no\b') THEN coalesce(parse_bool(s), FALSE)
        WHEN regexp_matches(_register_text(s), '^(micro|small|medium|sme|smes)\b') THEN TRUE
        ELSE parse_bool(s) END;
CREATE OR REPLACE MACRO parse_register_bool(s) AS CASE WHEN NOT register_blank(s) THEN parse_bool(s) END;
CREATE OR REPLACE MACRO parse_register_int(s) AS CASE WHEN NOT register_blank(s) THEN parse_int(s) END;
CREATE OR REPLACE MACRO parse_register_pct(s) AS CASE WHEN NOT register_blank(s) THEN parse_pct(s) END;
-- A financial year written with its label in front: "FY 2023/24", "FY23/24", "F/Y 2023-24",
-- "Financial year 2023/24".
CREATE OR REPLACE MACRO _fy_text(s) AS regexp_replace(trim(coalesce(s, '')), '^(?i)(fy|f/y|financial\s+year)[\s:]*', '');
CREATE OR REPLACE MACRO parse_fy(s) AS CASE
        WHEN regexp_full_match(_fy_text(s), '(19|20)\d{2}\s*[-/]\s*(\d{2}|\d{4})')
            THEN fy_label(CAST(left(_fy_text(s), 4) AS INTEGER))
        WHEN regexp_full_match(_fy_text(s), '\d{2}\s*[-/]\s*\d{2}')
            THEN fy_label(2000 + CAST(left(_fy_text(s), 2) AS INTEGER)) END;
-- Whether a contract was let collaboratively: yes or no, or the framework or buying organisation it
-- was let through named ("Bluelight Commercial", "CCS RM6068": yes); "None", "No framework": no.
CREATE OR REPLACE MACRO parse_collaborative(s) AS CASE
        WHEN register_blank(s) THEN NULL
        WHEN parse_bool(s) IS NOT NULL THEN parse_bool(s)
        WHEN regexp_matches(_register_text(s), '^(no|none|not|non)\b') THEN FALSE
        WHEN regexp_matches(s, '[A-Za-z]{2}') THEN TRUE END;
