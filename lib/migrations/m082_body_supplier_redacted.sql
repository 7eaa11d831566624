-- m082: spend by year, body and supplier key (m060) keeps redacted lines apart, so the Peers page's
-- largest shared suppliers (which leave redacted lines out) are found from its tens of thousands of
-- rows a year instead of the supplier summary's (also split by name as published and covering
-- contract) hundreds of thousands (issue 13). Its readers that do not ask sum both.
ALTER TABLE spend_by_body_supplier ADD COLUMN is_redacted BOOLEAN;

-- Refilled from the supplier summary, whose key holds every column of this one's, so the two hold
-- the same batches (summary_batches): sums of sums are exact. In key order (year first), as
-- lib.summary writes it. The merged row count moves by the rows it gained.
CREATE TEMP TABLE m082_rows AS SELECT count(*) AS n FROM spend_by_body_supplier;
DELETE FROM spend_by_body_supplier;
INSERT INTO spend_by_body_supplier BY NAME
SELECT fy, fy_start, body_key, supplier_key, is_redacted, sum(amount)::DECIMAL(18,2) AS amount,
       sum(lines)::BIGINT AS lines, sum(credit_amount)::DECIMAL(18,2) AS credit_amount,
       sum(credit_lines)::BIGINT AS credit_lines
FROM spend_by_supplier GROUP BY ALL ORDER BY ALL;
UPDATE summary_state SET merged_rows = merged_rows + (SELECT count(*) FROM spend_by_body_supplier)
    - (SELECT n FROM m082_rows);
DROP TABLE m082_rows;
