-- m168: a group's count labelled as a total, "Sector total: 10 members" (a Chamber of Commerce's
-- member list, grouped by sector), and a row labelled with an arrow pointing across at what it holds,
-- "Measure description →" and "Unit →" under a social value (TOMs) return's header, are no suppliers:
-- each was stored as one. The rest is m167's.
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
     OR regexp_full_match(t, '[^/]+/\s*(sub[\s-]?|grand\s+|overall\s+)?totals?\s*:?|(sub[\s-]?|grand\s+|overall\s+)?totals?\s*/[^/]+')
     -- (a group's count labelled as a total, "Sector total: 10 members", "Lot 2 total = 7")
     OR regexp_full_match(t, '([a-z0-9/&()-]+\s+){1,3}totals?\s*[:=\-–]\s*\d[\d,]*(\s+[a-z]+){0,2}\.?')
     -- (a row's label pointing across at what the row holds, under the header: "Measure description →",
     -- "Unit →", a return's description and unit rows)
     OR regexp_full_match(t, '[a-z][a-z /()&-]{0,40}\s*(→|➔|⇒|->|>>)');
