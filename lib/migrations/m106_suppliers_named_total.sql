-- m106: a supplier whose name begins with the word "Total" is a supplier, not a total line.
--
-- m054 read "Total for April", "Total of payments" and "Total: Estates" as labels, but wrote "for"
-- and "of" with no word's end after them and took any dash straight after the word: "Total Office
-- Solutions Ltd", "Total Formwork Ltd" and "Total-Fire Protection Ltd" were read as labels, and
-- their dated payments were kept aside as totals, silently. Now "for" and "of" must be words, and
-- a dash after the word must have a space beside it ("Total - Fleet", not "Total-Fire"). The rest of
-- m054's labels read as before ("Total for supplier Acme Ltd", "Subtotal Fleet", "XMA LTD Total").
CREATE OR REPLACE MACRO is_total_label(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
    '(.*[^\s]\s+)?(sub[\s-]?|grand\s+|overall\s+|page\s+|report\s+)?totals?\s*:?'
    || '|(sub[\s-]?|grand\s+)?totals?\s*((for|of)\b|[:–]|\s[-–]|-\s)\s*.+'
    || '|sub[\s-]?totals?\s+.+');
