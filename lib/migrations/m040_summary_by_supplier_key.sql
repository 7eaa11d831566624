-- m040: spend summed by body and supplier (key and name as published) over every year, with
-- whether the lines are redacted (lib/summary.py): Match review's candidates and decisions, the
-- supplier worklist and the share matched to the register read a row per supplier name (tens of
-- thousands at 50M lines) instead of a row per year and covering contract. NULL inputs: built on opening.
CREATE TABLE spend_by_supplier_key (
    body            VARCHAR,
    body_key        VARCHAR,
    supplier_key    VARCHAR NOT NULL,
    supplier_name   VARCHAR NOT NULL,
    is_redacted     BOOLEAN NOT NULL,
    amount          DECIMAL(18,2) NOT NULL,
    lines           BIGINT NOT NULL,
    credit_amount   DECIMAL(18,2) NOT NULL,
    credit_lines    BIGINT NOT NULL
);
UPDATE summary_state SET inputs = NULL;
