-- m118: a supplier listed twice in one register is what the register says of it, not its last row.
--
-- A register that lists a supplier twice ("Acme Cleaning Ltd, PR1 2HE, SME" and, further down,
-- "ACME CLEANING LIMITED" with its other cells blank: a second account for the same firm) kept only
-- the last row, so the blank row wiped out the postcode and the SME answer: the supplier's spend went
-- from local and SME to unknown. Now each fact is the last one the supplier's latest register
-- writes for it (a blank cell says nothing); the row shown as the source is still the last. A newer
-- register still replaces an older one whole: what it leaves blank is not taken from the older.
CREATE OR REPLACE VIEW register_latest AS
WITH r AS (
    SELECT r.*, supplier_ref_of(r.supplier_id, r.supplier_key) AS supplier_ref FROM supplier_register r
), l AS (
    SELECT * FROM r QUALIFY batch_id = max(batch_id) OVER (PARTITION BY supplier_ref)
)
SELECT max(batch_id) AS batch_id,
       arg_max(sheet, row_number) AS sheet,
       max(row_number) AS row_number,
       arg_max(supplier_id, row_number) FILTER (WHERE supplier_id IS NOT NULL) AS supplier_id,
       arg_max(name, row_number) AS name,
       arg_max(supplier_key, row_number) AS supplier_key,
       arg_max(postcode, row_number) FILTER (WHERE postcode IS NOT NULL) AS postcode,
       arg_max(company_number, row_number) FILTER (WHERE company_number IS NOT NULL) AS company_number,
       arg_max(charity_number, row_number) FILTER (WHERE charity_number IS NOT NULL) AS charity_number,
       arg_max(vat_number, row_number) FILTER (WHERE vat_number IS NOT NULL) AS vat_number,
       arg_max(employees, row_number) FILTER (WHERE employees IS NOT NULL) AS employees,
       arg_max(turnover, row_number) FILTER (WHERE turnover IS NOT NULL) AS turnover,
       arg_max(balance_sheet, row_number) FILTER (WHERE balance_sheet IS NOT NULL) AS balance_sheet,
       arg_max(vcse_type, row_number) FILTER (WHERE vcse_type IS NOT NULL) AS vcse_type,
       arg_max(country, row_number) FILTER (WHERE country IS NOT NULL) AS country,
       arg_max(sole_trader, row_number) FILTER (WHERE sole_trader IS NOT NULL) AS sole_trader,
       arg_max(delivers_locally, row_number) FILTER (WHERE delivers_locally IS NOT NULL) AS delivers_locally,
       arg_max(delivers_locally_reason, row_number) FILTER (WHERE delivers_locally_reason IS NOT NULL)
           AS delivers_locally_reason,
       arg_max(is_sme, row_number) FILTER (WHERE is_sme IS NOT NULL) AS is_sme,
       arg_max(is_vcse, row_number) FILTER (WHERE is_vcse IS NOT NULL) AS is_vcse,
       supplier_ref
FROM l
GROUP BY supplier_ref;

-- a register's footnote saying where it came from ("Extracted from Agresso by Finance Systems on
-- 02/04/2025", "Report generated 02/04/2025 09:14") is kept aside with the totals, not a supplier
CREATE OR REPLACE MACRO register_total_line(first_cell) AS list_transform([lower(trim(coalesce(first_cell, '')))],
        lambda t: regexp_full_match(t, '(sub[\s-]?|grand\s+|overall\s+)?totals?\s*:?')
               OR (regexp_matches(t, '^(sub[\s-]?|grand\s+|overall\s+)?totals?\b') AND regexp_matches(t, '[\d:£]'))
               OR regexp_matches(t, '^(\*|†|‡|#\s)|^(notes?|nb|n\.b\.|sources?|key|please note)\s*[:\-–.]')
               OR (regexp_matches(t, '^(data\s+|report\s+|list\s+|file\s+)?(extracted|exported|generated|produced|'
                                     || 'downloaded|printed|run|compiled|prepared|created)\b.*\b(on|at|by|from)\b')
                   AND regexp_matches(t, '\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{1,2}\s+[a-z]{3,9}\s+\d{4}')))[1];

-- what was read of the suppliers is worked out again
UPDATE derived_state SET inputs = NULL WHERE part IN ('links', 'locations', 'register');
UPDATE cover_state SET inputs = NULL;
UPDATE spend_facts_state SET inputs = NULL;
