-- m163: a register's ticks and crosses are its yes and no, and an answer not given is no answer.
-- A Welsh force's register marked SME and third-sector status with ✓ and ✗ (a key above the header,
-- "✓ = Ydy / Yes ✗ = Nac ydy / No"): neither column read as answers, so its SME column went unused and
-- its VCSE column was taken for a type. A collaboration's approved list wrote "Not declared" where a
-- supplier gave no size: read as "not an SME". A tick is yes, a cross (✗ ✘ ☒ ×) no; "Not declared",
-- "Not stated", "Not disclosed", "Not provided", "Prefer not to say", "No response" say nothing (unknown,
-- shown as unknown, never folded into no). The rest is m157's.
CREATE OR REPLACE MACRO _tick_bool(s) AS CASE
        WHEN trim(coalesce(s, '')) IN ('✓', '✔', '☑', '✅', '🗸') THEN TRUE
        WHEN trim(coalesce(s, '')) IN ('✗', '✘', '☒', '×', '❌', '✕') THEN FALSE END;
CREATE OR REPLACE MACRO parse_register_bool(s) AS coalesce(_tick_bool(s), _bilingual_bool(s),
        CASE WHEN NOT register_blank(_register_note_off(s)) THEN
            coalesce(_register_bool_as_written(s), _register_bool_as_written(_register_note_off(s))) END);
CREATE OR REPLACE MACRO register_blank(s) AS regexp_full_match(_register_text(s),
        '(tbc|tba|tbd|to be (confirmed|agreed|determined)|n/?a|not applicable|not available|none|nil|unknown|'
        || 'not known|-+|–|—|\?+|ongoing|on-going|rolling|open|open[- ]ended|until further notice|no end date|'
        || 'indefinite|continuous|evergreen|n/?k|don''?t know|do not know|amh|amherthnasol|dim yn berthnasol|'
        || 'not (declared|stated|disclosed|provided|given|answered)|undeclared|prefer not to say|no (response|answer))\.?'
        || '|(n/?a|not applicable|n/?k|not known|amh)\s*[-–:(/].*'
        || '|(rolling|ongoing|on-going|evergreen)\b.*|until (terminated|cancelled|canceled|further notice|notice( is)? given)\.?')
    AND _bilingual_bool(s) IS NULL AND _tick_bool(s) IS NULL;

-- A register's count of a group's entries ("Suppliers on lot: 14", "Organisations listed: 38") and a
-- total labelled in two languages ("Cyfanswm / Total") are kept aside with the totals: each was stored
-- as one more supplier; so is a "Notes" heading alone over the notes at the foot (it was quarantined as
-- an entry with no sum). The rest is m158's.
CREATE OR REPLACE MACRO register_total_line(first_cell) AS list_transform([lower(trim(coalesce(first_cell, '')))],
        lambda t: regexp_full_match(t, '(sub[\s-]?|grand\s+|overall\s+)?totals?\s*:?')
               OR (regexp_matches(t, '^(sub[\s-]?|grand\s+|overall\s+)?totals?\b') AND regexp_matches(t, '[\d:£]'))
               OR regexp_matches(t, '^(\*|†|‡|#\s)|^(notes?|nb|n\.b\.|sources?|key|please note)\s*[:\-–.]')
               OR regexp_full_match(t, '(notes?|footnotes?|nb|n\.b\.|sources?|key)\s*:?')
               OR (regexp_matches(t, '^(data\s+|report\s+|list\s+|file\s+)?(extracted|exported|generated|produced|'
                                     || 'downloaded|printed|run|compiled|prepared|created)\b.*\b(on|at|by|from)\b')
                   AND regexp_matches(t, '\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{1,2}\s+[a-z]{3,9}\s+\d{4}'))
               OR regexp_full_match(t, '\d[\d,]*\s+(records?|rows?|suppliers?|vendors?|contracts?|entries|lines|items|savings?|'
                                       || 'projects?|organi[sz]ations?|providers?)(\s+(listed|found|selected|returned|shown|in total))?\.?')
               OR regexp_full_match(t, '(count|number|no\.?)\s+(of\s+)?(records?|rows?|suppliers?|vendors?|contracts?|entries|'
                                       || 'savings?|projects?|organi[sz]ations?|providers?)\s*[:=\-–]?\s*\d[\d,]*')
               OR regexp_full_match(t, '(records?|rows?|suppliers?|vendors?|contracts?|entries|organi[sz]ations?|providers?)'
                                       || '(\s+[a-z]+){0,3}\s*[:=]\s*\d[\d,]*')
               OR regexp_full_match(t, '[^/]+/\s*(sub[\s-]?|grand\s+|overall\s+)?totals?\s*:?|(sub[\s-]?|grand\s+|overall\s+)?totals?\s*/[^/]+'))[1];
