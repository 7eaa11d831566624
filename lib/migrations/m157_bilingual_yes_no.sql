-- m157: a yes or no written in Welsh and English ("Ie / Yes", "Na / No", "Yes / Ie"), as a Welsh body's
-- bilingual register writes it. "Na / No" read as no answer ("Na" is also how a cell says N/A), so a
-- column of them held too few answers to be read and was listed as not used: no supplier of a Welsh
-- register was an SME. The English half says it: read first when the other half is a Welsh yes or no.
CREATE OR REPLACE MACRO _bilingual_bool(s) AS CASE
        WHEN regexp_full_match(lower(trim(coalesce(s, ''))),
             '(ie|ydy|ydw|oes|do|na|nage|naddo|nac ydy|nac ydw|nac oes)\s*/\s*(yes|no|y|n)')
            THEN parse_bool(trim(split_part(s, '/', 2)))
        WHEN regexp_full_match(lower(trim(coalesce(s, ''))),
             '(yes|no|y|n)\s*/\s*(ie|ydy|ydw|oes|do|na|nage|naddo|nac ydy|nac ydw|nac oes)')
            THEN parse_bool(trim(split_part(s, '/', 1))) END;
CREATE OR REPLACE MACRO parse_register_bool(s) AS coalesce(_bilingual_bool(s),
        CASE WHEN NOT register_blank(_register_note_off(s)) THEN
            coalesce(_register_bool_as_written(s), _register_bool_as_written(_register_note_off(s))) END);
-- (an SME answer so written too: m108's reading otherwise)
CREATE OR REPLACE MACRO parse_sme(s) AS CASE
        WHEN _bilingual_bool(s) IS NOT NULL THEN _bilingual_bool(s)
        WHEN register_blank(s) THEN NULL
        ELSE list_transform([_register_text(s)], lambda t: CASE
            WHEN regexp_matches(t, '^(smes?|micro|small|medium|small or medium( sized)?( enterprise)?)\b[\s:–\-(/,?]*(yes|y|true|no|n|false)\b')
                THEN regexp_matches(t, '^(smes?|micro|small|medium|small or medium( sized)?( enterprise)?)\b[\s:–\-(/,?]*(yes|y|true)\b')
            WHEN t IN ('✓', '✔', '☑', '✅') THEN TRUE
            WHEN t IN ('✗', '✘', '×', '❌') THEN FALSE
            WHEN regexp_matches(t, '^(non|not)\b|^large\b|^no\b') THEN coalesce(parse_register_bool(s), FALSE)
            WHEN regexp_matches(t, '^(micro|small|medium|sme|smes)\b') THEN TRUE
            ELSE parse_register_bool(s) END)[1] END;
-- (and such a cell is an answer, not a placeholder: "Na / No" is no "N/A - see note", m114)
CREATE OR REPLACE MACRO register_blank(s) AS regexp_full_match(_register_text(s),
        '(tbc|tba|tbd|to be (confirmed|agreed|determined)|n/?a|not applicable|not available|none|nil|unknown|'
        || 'not known|-+|–|—|\?+|ongoing|on-going|rolling|open|open[- ]ended|until further notice|no end date|'
        || 'indefinite|continuous|evergreen|n/?k|don''?t know|do not know|amh|amherthnasol|dim yn berthnasol)\.?'
        || '|(n/?a|not applicable|n/?k|not known|amh)\s*[-–:(/].*'
        || '|(rolling|ongoing|on-going|evergreen)\b.*|until (terminated|cancelled|canceled|further notice|notice( is)? given)\.?')
    AND _bilingual_bool(s) IS NULL;
