-- m167: a supplier's size written in two languages is its size, and a VCSE column that names the
-- organisation's form answers yes. A Welsh council's SME and third-sector return wrote each size as
-- "Bach / Small", "Canolig / Medium", "Mawr / Large", "Anhysbys / Unknown": only "Micro / Micro" read,
-- so its size column went unused and every SME answer was lost. A procurement team's list answered its
-- "VCSE?" column with "Charity" and "CIC" as well as Y and N: those were left unknown, with a note.
-- A size of two halves around " / " is read by either half (Welsh "bach" small, "canolig" medium,
-- "mawr" large), unknown when either half says so. The rest is m163's.
CREATE OR REPLACE MACRO _sme_words(t) AS CASE
        WHEN regexp_matches(t, '^(smes?|micro|small|medium|small or medium( sized)?( enterprise)?)\b[\s:–\-(/,?]*(yes|y|true|no|n|false)\b')
            THEN regexp_matches(t, '^(smes?|micro|small|medium|small or medium( sized)?( enterprise)?)\b[\s:–\-(/,?]*(yes|y|true)\b')
        WHEN t IN ('✓', '✔', '☑', '✅') THEN TRUE
        WHEN t IN ('✗', '✘', '×', '❌') THEN FALSE
        WHEN regexp_matches(t, '^(non|not)\b|^large\b|^no\b|^mawr\b') THEN coalesce(parse_register_bool(t), FALSE)
        WHEN regexp_matches(t, '^(micro|small|medium|sme|smes|bach|canolig|micro-?fusnes)\b') THEN TRUE
        ELSE parse_register_bool(t) END;
CREATE OR REPLACE MACRO parse_sme(s) AS CASE
        WHEN _bilingual_bool(s) IS NOT NULL THEN _bilingual_bool(s)
        WHEN register_blank(s) THEN NULL
        WHEN regexp_full_match(_register_text(s), '[^/]+\s/\s[^/]+')
            THEN list_transform([string_split_regex(_register_text(s), '\s+/\s+')], lambda p: CASE
                WHEN register_blank(p[1]) OR register_blank(p[2]) OR p[1] IN ('anhysbys', 'anhysbys.') THEN NULL
                ELSE coalesce(_sme_words(p[2]), _sme_words(p[1])) END)[1]
        ELSE _sme_words(_register_text(s)) END;
-- (a VCSE column answered by the organisation's form: "Charity", "CIC", "Social enterprise", "CIO")
CREATE OR REPLACE MACRO parse_vcse(s) AS coalesce(parse_register_bool(s),
        CASE WHEN regexp_matches(_register_text(s), '^(registered\s+)?(charit(y|able)|cic|c\.i\.c\.?|cio|c\.i\.o\.?|'
                                 || 'community interest company|social enterprise|voluntary( organi[sz]ation| group)?|'
                                 || 'community (group|organi[sz]ation)|third sector|trydydd sector)\b')
             THEN TRUE END);
-- (and "Anhysbys / Unknown", a size not known in either language, is no answer, not one unread)
CREATE OR REPLACE MACRO register_blank(s) AS regexp_full_match(_register_text(s),
        '(tbc|tba|tbd|to be (confirmed|agreed|determined)|n/?a|not applicable|not available|none|nil|unknown|'
        || 'not known|-+|–|—|\?+|ongoing|on-going|rolling|open|open[- ]ended|until further notice|no end date|'
        || 'indefinite|continuous|evergreen|n/?k|don''?t know|do not know|amh|amherthnasol|dim yn berthnasol|anhysbys|'
        || 'not (declared|stated|disclosed|provided|given|answered)|undeclared|prefer not to say|no (response|answer))\.?'
        || '|(n/?a|not applicable|n/?k|not known|amh)\s*[-–:(/].*'
        || '|anhysbys\s*/\s*(unknown|not known)\.?|(unknown|not known)\s*/\s*anhysbys\.?'
        || '|(rolling|ongoing|on-going|evergreen)\b.*|until (terminated|cancelled|canceled|further notice|notice( is)? given)\.?')
    AND _bilingual_bool(s) IS NULL AND _tick_bool(s) IS NULL;
-- The same return closed each size's group with "Cyfanswm Bach / Small Total", and the register with
-- "Nifer y cyflenwyr / Number of suppliers" (its count in another column), "Canran y gwariant gyda BBaCh /
-- % of spend with SMEs" and "Ffynhonnell / Source: Ledger Financials": each was stored as one more
-- supplier. A first cell of two halves around " / " is read by each half as m163 reads a first cell,
-- and as a total's label; a count of the entries named with no count beside it, and a share of the
-- spend, are no entries either, in one language or two.
CREATE OR REPLACE MACRO _register_total_text(t) AS
        regexp_full_match(t, '(sub[\s-]?|grand\s+|overall\s+)?totals?\s*:?')
     OR (regexp_matches(t, '^(sub[\s-]?|grand\s+|overall\s+)?totals?\b') AND regexp_matches(t, '[\d:£]'))
     OR regexp_matches(t, '^(\*|†|‡|#\s)|^(notes?|nb|n\.b\.|sources?|key|please note)\s*[:\-–.]')
     OR regexp_full_match(t, '(notes?|footnotes?|nb|n\.b\.|sources?|key)\s*:?')
     OR (regexp_matches(t, '^(data\s+|report\s+|list\s+|file\s+)?(extracted|exported|generated|produced|'
                           || 'downloaded|printed|run|compiled|prepared|created)\b.*\b(on|at|by|from)\b')
         AND regexp_matches(t, '\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{1,2}\s+[a-z]{3,9}\s+\d{4}'))
     OR regexp_full_match(t, '\d[\d,]*\s+(records?|rows?|suppliers?|vendors?|contracts?|entries|lines|items|savings?|'
                             || 'projects?|organi[sz]ations?|providers?)(\s+(listed|found|selected|returned|shown|in total))?\.?')
     OR regexp_full_match(t, '(total\s+)?(count|number|no\.?)\s+(of\s+)?(records?|rows?|suppliers?|vendors?|contracts?|entries|'
                             || 'savings?|projects?|organi[sz]ations?|providers?)(\s*[:=\-–]?\s*\d[\d,]*|\s*:)?')
     OR regexp_full_match(t, '(records?|rows?|suppliers?|vendors?|contracts?|entries|organi[sz]ations?|providers?)'
                             || '(\s+[a-z]+){0,3}\s*[:=]\s*\d[\d,]*')
     OR regexp_full_match(t, '(%|percent(age)?|proportion|share)\s+of\s+(the\s+)?(total\s+)?(spend|spending|expenditure|'
                             || 'suppliers?|value|contracts?)\b.*')
     OR regexp_full_match(t, '[^/]+/\s*(sub[\s-]?|grand\s+|overall\s+)?totals?\s*:?|(sub[\s-]?|grand\s+|overall\s+)?totals?\s*/[^/]+');
CREATE OR REPLACE MACRO register_total_line(first_cell) AS list_transform([lower(trim(coalesce(first_cell, '')))],
        lambda t: _register_total_text(t)
               OR (regexp_matches(t, '\S\s+/\s+\S') AND len(list_filter(string_split_regex(t, '\s+/\s+'),
                       lambda h: _register_total_text(h) OR is_total_label(h))) > 0))[1];
