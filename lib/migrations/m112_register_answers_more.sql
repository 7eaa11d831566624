-- m112: more of what registers write in their answer cells (lib.ingest.registers), after m103.
--
-- A percentage with words after it ("10% of quality", "5 percent") is that percentage. "N/A - below
-- threshold", "N/K", "Don't know", Welsh "Amh" (amherthnasol: not applicable) say nothing: empty. An
-- answer in two languages ("Ydy / Yes", "Nac ydy / No") is the answer either half gives.
CREATE OR REPLACE MACRO register_blank(s) AS regexp_full_match(_register_text(s),
        '(tbc|tba|tbd|to be (confirmed|agreed|determined)|n/?a|not applicable|not available|none|nil|unknown|'
        || 'not known|-+|–|—|\?+|ongoing|on-going|rolling|open|open[- ]ended|until further notice|no end date|'
        || 'indefinite|continuous|evergreen|n/?k|don''?t know|do not know|amh|amherthnasol|dim yn berthnasol)\.?'
        || '|(n/?a|not applicable|n/?k|not known|amh)\s*[-–:(/].*');
CREATE OR REPLACE MACRO parse_register_pct(s) AS CASE WHEN NOT register_blank(s) THEN coalesce(parse_pct(s),
        CASE WHEN regexp_full_match(trim(s), '[A-Za-z][A-Za-z ]*:?\s*\d+(\.\d+)?\s*%')
             THEN parse_pct(regexp_extract(trim(s), '(\d+(\.\d+)?)\s*%$', 1))
             WHEN regexp_full_match(trim(s), '\d+(\.\d+)?\s*(%|per ?cent)(\s+[A-Za-z].*)?')
             THEN parse_pct(regexp_extract(trim(s), '^(\d+(\.\d+)?)', 1)) END) END;
-- Welsh yes and no: ydy, ydw, oes, do, ie; nac ydy, nac ydw, nac oes, naddo, na.
CREATE OR REPLACE MACRO _welsh_bool(t) AS CASE
        WHEN t IN ('ydy', 'ydw', 'oes', 'do', 'ie') THEN TRUE
        WHEN t IN ('nac ydy', 'nac ydw', 'nac oes', 'naddo', 'na', 'nage') THEN FALSE END;
CREATE OR REPLACE MACRO parse_register_bool(s) AS CASE WHEN NOT register_blank(s) THEN coalesce(parse_bool(s),
        CASE WHEN regexp_matches(_register_text(s), '^(yes|y)\s*[-–:,;(/]') AND NOT regexp_matches(_register_text(s), '^(yes|y)\s*/\s*(no|n)\b') THEN TRUE
             WHEN regexp_matches(_register_text(s), '^(no|n)\s*[-–:,;(/]') AND NOT regexp_matches(_register_text(s), '^(no|n)\s*/\s*(yes|y)\b') THEN FALSE END,
        CASE WHEN strpos(s, '/') > 0 THEN _welsh_bool(trim(split_part(_register_text(s), '/', 1))) END,
        _welsh_bool(_register_text(s))) END;
