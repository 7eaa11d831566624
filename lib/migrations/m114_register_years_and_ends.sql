-- m114: more of how registers write a saving's year and a contract's open end, after m102/m112.
--
-- A year written with words ("Financial Year 2024 to 2025") or in a quarter or period of it ("Q1 24/25",
-- "Qtr 2 2024/25") is that financial year (each saving was refused: no financial year). An end written
-- as a rolling contract with its terms ("Rolling - 3 months notice", "Rolling annual renewal", "Until
-- terminated") is no end, as "Rolling" alone was (the contracts were quarantined).
CREATE OR REPLACE MACRO _fy_text(s) AS regexp_replace(regexp_replace(trim(coalesce(s, '')),
        '^(?i)(fy|f/y|financial\s+year)[\s:]*', ''),
        '^(?i)(q|qtr|quarter|p|pd|period|month|m)\s*\d{1,2}[\s,:;-]+(fy\s*)?', '');
CREATE OR REPLACE MACRO parse_fy(s) AS CASE
        WHEN regexp_full_match(_fy_text(s), '(?i)(19|20)\d{2}\s*([-/–]|to)\s*(\d{2}|\d{4})')
            THEN fy_label(CAST(left(_fy_text(s), 4) AS INTEGER))
        WHEN regexp_full_match(_fy_text(s), '(?i)\d{2}\s*([-/–]|to)\s*\d{2}')
            THEN fy_label(2000 + CAST(left(_fy_text(s), 2) AS INTEGER)) END;
CREATE OR REPLACE MACRO register_blank(s) AS regexp_full_match(_register_text(s),
        '(tbc|tba|tbd|to be (confirmed|agreed|determined)|n/?a|not applicable|not available|none|nil|unknown|'
        || 'not known|-+|–|—|\?+|ongoing|on-going|rolling|open|open[- ]ended|until further notice|no end date|'
        || 'indefinite|continuous|evergreen|n/?k|don''?t know|do not know|amh|amherthnasol|dim yn berthnasol)\.?'
        || '|(n/?a|not applicable|n/?k|not known|amh)\s*[-–:(/].*'
        || '|(rolling|ongoing|on-going|evergreen)\b.*|until (terminated|cancelled|canceled|further notice|notice( is)? given)\.?');
