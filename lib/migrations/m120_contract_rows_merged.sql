-- m120: a contract listed on several rows of one register is one contract, as the rows say of it.
--
-- Registers list a contract's extensions and variations under its own reference ("LC-2021-031,
-- Original term, 01/04/2021 - 31/03/2026, £900,000" then "LC-2021-031, Variation 1 (price uplift),
-- 01/10/2024 - 31/03/2026, £60,000"). The last row replaced the contract: it seemed let in October
-- 2024, so the spend before then was off contract, a letting in 2024/25 was counted for social value
-- with no weighting, and the value shrank to the variation's. Now the rows of the latest register
-- that lists a contract (its reference and supplier) are merged: it starts at the first start and
-- ends at the last end given (an extension moves it on; a blank end says nothing); its value is the
-- sum of its rows' values (a row listed twice, the same dates and value, is counted once); its title,
-- route, category and weightings are those of the row let first that gives them (the letting's, not
-- a variation's). The row shown as its source is the last. A newer register still replaces an older
-- one whole, as before.
CREATE OR REPLACE VIEW contracts_latest AS
WITH r AS (
    SELECT c.*, contract_id_of(c.reference, c.supplier_id, c.supplier_key) AS contract_id FROM contracts c
), l AS (
    SELECT * FROM r QUALIFY batch_id = max(batch_id) OVER (PARTITION BY contract_id)
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
