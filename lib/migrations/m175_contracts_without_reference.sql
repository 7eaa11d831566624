-- m175: a contract its register gives no reference is kept, known by what else the register says.
--
-- Hand-kept registers leave the reference blank for a contract let by quotation, or not numbered yet
-- ("", Angloco Ltd, 12/06/2023 - 11/03/2024, £186,400). Such rows were quarantined as "no contract
-- reference", though their supplier and dates say what they cover: the spend under them was counted
-- off contract. The reference is now left empty (shown as not given), and the contract is known by
-- its title and start instead, with its supplier as before (m007), so that two contracts with one
-- supplier and no reference stay two, and the same contract in a later register is the same contract.
ALTER TABLE contracts ALTER COLUMN reference DROP NOT NULL;

CREATE OR REPLACE MACRO contract_known_as(reference, title, start_date) AS
    coalesce(nullif(trim(reference), ''),
             '(no reference) ' || coalesce(trim(title), '') || ' from ' || CAST(start_date AS VARCHAR));

-- Each stored row with the contract it is of, defined here once: m120's merging of a contract's rows
-- (restated below, reading this view) no longer says what a contract is.
CREATE OR REPLACE VIEW contract_rows AS
SELECT c.*, contract_id_of(contract_known_as(c.reference, c.title, c.start_date), c.supplier_id, c.supplier_key)
       AS contract_id
FROM contracts c;

CREATE OR REPLACE VIEW contracts_latest AS
WITH l AS (
    SELECT * FROM contract_rows QUALIFY batch_id = max(batch_id) OVER (PARTITION BY contract_id)
), d AS (  -- a row written twice (the same dates and value) once
    SELECT * FROM l QUALIFY row_number() OVER (PARTITION BY contract_id, start_date, end_date, value, title
                                               ORDER BY sheet DESC, row_number DESC) = 1
)
SELECT max(batch_id) AS batch_id,
       arg_max(sheet, row_number) AS sheet,
       max(row_number) AS row_number,
       arg_max(reference, row_number) AS reference,
       arg_min(title, (start_date, row_number)) FILTER (WHERE title IS NOT NULL) AS title,
       arg_max(supplier_id, row_number) FILTER (WHERE supplier_id IS NOT NULL) AS supplier_id,
       arg_max(supplier_name, row_number) AS supplier_name,
       arg_max(supplier_key, row_number) AS supplier_key,
       min(start_date) AS start_date,
       max(end_date) AS end_date,
       CAST(sum(value) AS DECIMAL(14,2)) AS value,
       arg_min(route, (start_date, row_number)) FILTER (WHERE route IS NOT NULL) AS route,
       arg_min(collaborative, (start_date, row_number)) FILTER (WHERE collaborative IS NOT NULL) AS collaborative,
       arg_min(category, (start_date, row_number)) FILTER (WHERE category IS NOT NULL) AS category,
       arg_min(quality_pct, (start_date, row_number)) FILTER (WHERE quality_pct IS NOT NULL) AS quality_pct,
       arg_min(social_value_pct, (start_date, row_number)) FILTER (WHERE social_value_pct IS NOT NULL) AS social_value_pct,
       contract_id
FROM d
GROUP BY contract_id;
