-- m020: spend summed ahead, so a page over tens of millions of lines reads thousands of rows
-- (issue 13: every page's first render under 1 s at 50M lines). Two tables, each line counted in
-- exactly one row of each; several rows may share a key (a new batch's sums are added as rows of
-- their own and merged later), so readers always sum. lib/summary.py keeps them true inside every
-- write (lib/derived.py): a new batch's lines are added, anything else (a batch removed, lines
-- changed, covering contracts moved on older lines) rebuilds them. A reader that finds them out of
-- date (summary_state differs from the inputs now) reads the lines instead.

-- By month, body, department and category: totals, trends, department and category charts, filters.
CREATE TABLE spend_by_month (
    fy              VARCHAR NOT NULL,
    fy_start        SMALLINT NOT NULL,
    period_start    DATE NOT NULL,          -- first day of the month of the lines' period_start
    body            VARCHAR,
    department      VARCHAR,                -- as the lines hold them (NULL and blank kept apart)
    category        VARCHAR,
    is_redacted     BOOLEAN NOT NULL,
    amount          DECIMAL(18,2) NOT NULL,
    lines           BIGINT NOT NULL,
    credit_amount   DECIMAL(18,2) NOT NULL, -- lines with a negative amount
    credit_lines    BIGINT NOT NULL
);

-- By year, body, supplier (key and name as published) and covering contract: supplier lists,
-- top suppliers, supplier counts, and the scorecard's spend measures.
CREATE TABLE spend_by_supplier (
    fy              VARCHAR NOT NULL,
    fy_start        SMALLINT NOT NULL,
    body            VARCHAR,
    supplier_key    VARCHAR NOT NULL,
    supplier_name   VARCHAR NOT NULL,
    is_redacted     BOOLEAN NOT NULL,
    covered_by      VARCHAR,
    amount          DECIMAL(18,2) NOT NULL,
    lines           BIGINT NOT NULL,
    credit_amount   DECIMAL(18,2) NOT NULL,
    credit_lines    BIGINT NOT NULL
);

-- The spend batches (with their line counts) the two tables hold, and the fingerprint of the
-- inputs (lib/summary.py) when last brought up to date; NULL: never (computed on opening).
CREATE TABLE summary_batches (batch_id INTEGER PRIMARY KEY, lines BIGINT NOT NULL);
CREATE TABLE summary_state (inputs VARCHAR, merged_rows BIGINT);
INSERT INTO summary_state VALUES (NULL, 0);
