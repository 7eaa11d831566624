-- m171: a count labelled "Count" alone, as Salesforce reports (Atamis, a contracts register) close each
-- group and the whole report: "Subtotal" | ... | 35,153,220.20 and under it "Count" | 32. The subtotal
-- was set aside; the count was quarantined as a contract with no supplier (and in a spend file, as a
-- payment with no amount). "Count", "Record count", "Row count" and "Grand count" alone (a colon after
-- them) are a total's words, as "Number of records" already was; and so is a count of the entries by a
-- group ("Number of suppliers per lot", a framework's supplier list), and "Summary" heading a summary
-- under the entries (it was quarantined as a supplier with no name). The rest is m166's and m167's.
CREATE OR REPLACE MACRO is_total_word(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
        '(grand |sub ?|overall |page |month(ly)? |period |year(ly)? )?totals?'
        || '( ?\(?(spend|spending|expenditure|payments?|paid|amounts?|values?|net|gross|costs?|invoiced|sums?'
        || '|savings?|saved|delivered|achieved|realised|realized|cashable|non[- ]?cashable|£|gbp|£000s?|£k)\)?){0,3}:?'
        || '|(total\s+)?(count|number|no\.?|num)\s+(of\s+)?(transactions?|payments?|lines?|records?|rows?|entries'
        ||     '|invoices?|items?)(\s*[:=\-–]?\s*\d[\d,]*|\s*:)?'
        || '|(transactions?|payments?|lines?|records?|rows?|invoices?)\s+(count|total)(\s*[:=\-–]?\s*\d[\d,]*|\s*:)?'
        || '|(grand\s+|sub[\s-]?|total\s+)?count\s*:?');
CREATE OR REPLACE MACRO register_total_line(first_cell) AS list_transform([lower(trim(coalesce(first_cell, '')))],
        lambda t: _register_total_text(t) OR is_total_word(t)
               -- (the heading of a summary under the entries: "Summary", "Summary by status:")
               OR regexp_full_match(t, 'summary(\s+(by|of)\s+[a-z /&-]{1,40})?\s*:?')
               -- (a count of the entries by a group they fall in: "Number of suppliers per lot", "Number of
               -- suppliers admitted to Lot 2")
               OR regexp_full_match(t, '(total\s+)?(count|number|no\.?)\s+(of\s+)?(records?|suppliers?|vendors?|contracts?|'
                                       || 'entries|savings?|projects?|organi[sz]ations?|providers?|members?)\s+'
                                       || '(per|in|by|for|on|admitted|listed|awarded|appointed)\b.*')
               OR (regexp_matches(t, '\S\s+/\s+\S') AND len(list_filter(string_split_regex(t, '\s+/\s+'),
                       lambda h: _register_total_text(h) OR is_total_label(h))) > 0))[1];
