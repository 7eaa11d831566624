-- m054: a cell that labels its row as a total rather than naming a supplier or a purpose:
-- "Total", "Grand Total", "Sub-total", "Fleet Total", "XMA LTD Total" (Excel's subtotal at each
-- change of a column), "Total for April", "Total: Estates", "Subtotal Fleet". A name that only
-- begins with the word ("Total Gas & Power Ltd") is not one. lib.ingest.load reads a line with no
-- payment date as a total when its supplier cell (or, with no supplier, any cell) is such a label.
CREATE MACRO is_total_label(s) AS regexp_full_match(lower(trim(coalesce(s, ''))),
    '(.*[^\s]\s+)?(sub[\s-]?|grand\s+|overall\s+|page\s+|report\s+)?totals?\s*:?'
    || '|(sub[\s-]?|grand\s+)?totals?\s*(for|of|[:–-])\s*.+'
    || '|sub[\s-]?totals?\s+.+');
