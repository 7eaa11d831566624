-- m030: money as ledgers and word processors write it. A debit marked "DR" (the counterpart of
-- "CR", which marks a credit) is a plain positive sum: "1,234.56 DR" is 1234.56. A minus written
-- as the minus sign (U+2212) or an en dash (U+2013), as a spreadsheet's number format or a
-- pasted document gives it, is a minus: "−250.00" is -250.00. Everything else reads as m011 and
-- m013 say (the thousands and decimal rules are unchanged; "DR" anywhere but at the end is not money).
CREATE OR REPLACE MACRO _money_dashes(s) AS regexp_replace(replace(replace(upper(trim(coalesce(s, ''))), '−', '-'),
        '–', '-'), '\s*DR$', '');
CREATE OR REPLACE MACRO _money_text(s) AS trim(regexp_replace(regexp_replace(_money_dashes(s),
        '^([-+(]?)\s*(?:[£$€]|GBP|EUR)', '\1'), '\s*(?:[£$€]|GBP|EUR)(\)?)$', '\1'));
