-- m158: a register's count at its foot ("10 records", "Count of suppliers: 16", "Records: 10", "16
-- suppliers listed"), as ledger extracts close a listing, is kept aside with the totals. It was
-- quarantined as a supplier with no name (its number under the supplier's ID). The rest is m118's.
CREATE OR REPLACE MACRO register_total_line(first_cell) AS list_transform([lower(trim(coalesce(first_cell, '')))],
        lambda t: regexp_full_match(t, '(sub[\s-]?|grand\s+|overall\s+)?totals?\s*:?')
               OR (regexp_matches(t, '^(sub[\s-]?|grand\s+|overall\s+)?totals?\b') AND regexp_matches(t, '[\d:£]'))
               OR regexp_matches(t, '^(\*|†|‡|#\s)|^(notes?|nb|n\.b\.|sources?|key|please note)\s*[:\-–.]')
               OR (regexp_matches(t, '^(data\s+|report\s+|list\s+|file\s+)?(extracted|exported|generated|produced|'
                                     || 'downloaded|printed|run|compiled|prepared|created)\b.*\b(on|at|by|from)\b')
                   AND regexp_matches(t, '\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{1,2}\s+[a-z]{3,9}\s+\d{4}'))
               OR regexp_full_match(t, '\d[\d,]*\s+(records?|rows?|suppliers?|contracts?|entries|lines|items|savings?|'
                                       || 'projects?)(\s+(listed|found|selected|returned|shown|in total))?\.?')
               OR regexp_full_match(t, '(count|number|no\.?)\s+(of\s+)?(records?|rows?|suppliers?|contracts?|entries|'
                                       || 'savings?|projects?)\s*[:=\-–]?\s*\d[\d,]*')
               OR regexp_full_match(t, '(records?|rows?|suppliers?|contracts?|entries)\s*[:=]\s*\d[\d,]*'))[1];
