-- m026: spend summed by body and supplier (key and name as published) over every year: the filter
-- bar's supplier list on every page, a few thousand rows instead of a row per year and contract
-- (m020's spend_by_supplier: 1.5M rows at 50M lines). Kept by lib/summary.py like the other two;
-- NULL inputs: built on opening.
CREATE TABLE spend_by_supplier_name (
    body            VARCHAR,
    body_key        VARCHAR,
    supplier_key    VARCHAR NOT NULL,
    supplier_name   VARCHAR NOT NULL,
    amount          DECIMAL(18,2) NOT NULL,
    lines           BIGINT NOT NULL,
    credit_amount   DECIMAL(18,2) NOT NULL,
    credit_lines    BIGINT NOT NULL
);
UPDATE summary_state SET inputs = NULL;
