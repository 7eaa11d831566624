-- m060: three more tables of spend summed ahead (lib/summary.py, their keys in lib/summary_pages.py),
-- so the Local and regional spend, Peers and Bodies pages read sums, not lines, at fifty million
-- lines (issue 13). Every spend line is counted in exactly one row of each; several rows may share a
-- key (a new batch's sums are added as rows of their own), so a reader always sums.

-- By year, body and supplier key (tens of thousands of rows where spend_by_supplier, also split by
-- the name as published and the covering contract, holds over a million): each body's rings and
-- shares on the Peers page, and the rings of the Local and regional spend and Map pages.
CREATE TABLE spend_by_body_supplier (
    fy              VARCHAR NOT NULL,
    fy_start        SMALLINT NOT NULL,
    body_key        VARCHAR,
    supplier_key    VARCHAR NOT NULL,
    amount          DECIMAL(18,2) NOT NULL,
    lines           BIGINT NOT NULL,
    credit_amount   DECIMAL(18,2) NOT NULL,
    credit_lines    BIGINT NOT NULL
);

-- By year, body, category as the lines hold it (NULL and blank kept apart) and supplier key: the
-- rings by category and "where local spend could grow".
CREATE TABLE spend_by_supplier_category (
    fy              VARCHAR NOT NULL,
    fy_start        SMALLINT NOT NULL,
    body_key        VARCHAR,
    category        VARCHAR,
    supplier_key    VARCHAR NOT NULL,
    amount          DECIMAL(18,2) NOT NULL,
    lines           BIGINT NOT NULL,
    credit_amount   DECIMAL(18,2) NOT NULL,
    credit_lines    BIGINT NOT NULL
);

-- By batch and body, with the first and last period start: the Bodies page's lines, spend, months
-- and files of each body, and which bodies have spend at all (Peers).
CREATE TABLE spend_by_body_batch (
    batch_id        INTEGER NOT NULL,
    body_key        VARCHAR,
    amount          DECIMAL(18,2) NOT NULL,
    lines           BIGINT NOT NULL,
    credit_amount   DECIMAL(18,2) NOT NULL,
    credit_lines    BIGINT NOT NULL,
    first_period    DATE,
    last_period     DATE
);

-- Filled here from the lines of the batches the other summaries hold (summary_batches), so a store
-- whose summaries are up to date stays so without summing every table again; the refresh adds any
-- batch not held yet, and anything else rebuilds every table, these included. In key order (year
-- first), as lib.summary writes them, so a year's rows sit together.
INSERT INTO spend_by_body_supplier BY NAME
SELECT fy, fy_start, body_key, supplier_key, sum(amount)::DECIMAL(18,2) AS amount, count(*) AS lines,
       coalesce(sum(amount) FILTER (WHERE amount < 0), 0)::DECIMAL(18,2) AS credit_amount,
       count(*) FILTER (WHERE amount < 0) AS credit_lines
FROM transactions WHERE batch_id IN (SELECT batch_id FROM summary_batches) GROUP BY ALL ORDER BY ALL;
INSERT INTO spend_by_supplier_category BY NAME
SELECT fy, fy_start, body_key, category, supplier_key, sum(amount)::DECIMAL(18,2) AS amount, count(*) AS lines,
       coalesce(sum(amount) FILTER (WHERE amount < 0), 0)::DECIMAL(18,2) AS credit_amount,
       count(*) FILTER (WHERE amount < 0) AS credit_lines
FROM transactions WHERE batch_id IN (SELECT batch_id FROM summary_batches) GROUP BY ALL ORDER BY ALL;
INSERT INTO spend_by_body_batch BY NAME
SELECT batch_id, body_key, sum(amount)::DECIMAL(18,2) AS amount, count(*) AS lines,
       coalesce(sum(amount) FILTER (WHERE amount < 0), 0)::DECIMAL(18,2) AS credit_amount,
       count(*) FILTER (WHERE amount < 0) AS credit_lines,
       min(period_start) AS first_period, max(period_start) AS last_period
FROM transactions WHERE batch_id IN (SELECT batch_id FROM summary_batches) GROUP BY ALL ORDER BY ALL;
-- one row a key already: counted as merged (lib.summary merges when the tables have doubled)
UPDATE summary_state SET merged_rows = merged_rows + (SELECT count(*) FROM spend_by_body_supplier)
    + (SELECT count(*) FROM spend_by_supplier_category) + (SELECT count(*) FROM spend_by_body_batch);
