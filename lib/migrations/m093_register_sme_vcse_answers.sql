-- m093: a supplier register may say outright whether a supplier is an SME or a VCSE ("SME (Y/N)",
-- "VCSE": councils' supplier lists, Contracts Finder's awards). Kept as the register's answer: it
-- stands where staff have not answered (their answer, in supplier_edits, wins), and ahead of the
-- tests from staff numbers and turnover (supplier_facts reads sme_answer and vcse_answer first, as
-- it does a staff answer). Registers loaded before have neither column: NULL, nothing stated.
ALTER TABLE supplier_register ADD COLUMN is_sme BOOLEAN;
ALTER TABLE supplier_register ADD COLUMN is_vcse BOOLEAN;

-- As m005's view, with the register's own answers under the staff's.
CREATE OR REPLACE VIEW suppliers_current AS
WITH refs AS (
    SELECT supplier_ref FROM register_latest
    UNION SELECT supplier_ref FROM supplier_edits
),
e AS (
    SELECT supplier_ref,
        max(new_value) FILTER (WHERE field = 'name') AS name,
        max(new_value) FILTER (WHERE field = 'postcode') AS postcode,
        max(new_value) FILTER (WHERE field = 'country') AS country,
        max(new_value) FILTER (WHERE field = 'company_number') AS company_number,
        max(new_value) FILTER (WHERE field = 'charity_number') AS charity_number,
        max(new_value) FILTER (WHERE field = 'employees') AS employees,
        max(new_value) FILTER (WHERE field = 'turnover') AS turnover,
        max(new_value) FILTER (WHERE field = 'balance_sheet') AS balance_sheet,
        max(new_value) FILTER (WHERE field = 'vcse_type') AS vcse_type,
        max(new_value) FILTER (WHERE field = 'sole_trader') AS sole_trader,
        max(new_value) FILTER (WHERE field = 'delivers_locally') AS delivers_locally,
        max(new_value) FILTER (WHERE field = 'delivers_locally_reason') AS delivers_locally_reason,
        max(new_value) FILTER (WHERE field = 'is_sme') AS is_sme,
        max(new_value) FILTER (WHERE field = 'is_vcse') AS is_vcse
    FROM supplier_edits_latest GROUP BY supplier_ref
)
SELECT refs.supplier_ref,
       r.supplier_id,
       coalesce(e.name, r.name, regexp_replace(refs.supplier_ref, '^(ID|KEY):', '')) AS name,
       coalesce(r.supplier_key, CASE WHEN refs.supplier_ref LIKE 'KEY:%' THEN substr(refs.supplier_ref, 5) END,
                supplier_key(e.name)) AS supplier_key,
       CASE WHEN e.postcode IS NOT NULL THEN nullif(e.postcode, '') ELSE r.postcode END AS postcode,
       coalesce(nullif(e.country, ''), r.country) AS country,
       coalesce(e.company_number, r.company_number) AS company_number,
       coalesce(e.charity_number, r.charity_number) AS charity_number,
       r.vat_number,
       coalesce(parse_int(e.employees), r.employees) AS employees,
       coalesce(parse_amount(e.turnover), r.turnover) AS turnover,
       coalesce(parse_amount(e.balance_sheet), r.balance_sheet) AS balance_sheet,
       coalesce(e.vcse_type, r.vcse_type) AS vcse_type,
       coalesce(parse_bool(e.sole_trader), r.sole_trader, FALSE) AS sole_trader,
       coalesce(parse_bool(e.delivers_locally), r.delivers_locally, FALSE) AS delivers_locally,
       coalesce(e.delivers_locally_reason, r.delivers_locally_reason) AS delivers_locally_reason,
       coalesce(parse_bool(e.is_sme), r.is_sme) AS sme_answer,
       coalesce(parse_bool(e.is_vcse), r.is_vcse) AS vcse_answer,
       r.batch_id, r.row_number,
       r.supplier_ref IS NOT NULL AS in_register
FROM refs
LEFT JOIN register_latest r ON r.supplier_ref = refs.supplier_ref
LEFT JOIN e ON e.supplier_ref = refs.supplier_ref;

