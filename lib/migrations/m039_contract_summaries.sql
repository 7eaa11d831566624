-- m039: two more tables of spend summed ahead (lib/summary.py), for the Contracts page at 50M
-- lines (issue 13): the review list and contract burn read them instead of every line.
-- NULL inputs: built on opening.

-- Off-contract spend (lines no contract covers) by year, body, supplier (key and name as
-- published) and department as the lines hold it (NULL and blank kept apart): the review list.
CREATE TABLE spend_off_contract (
    fy              VARCHAR NOT NULL,
    fy_start        SMALLINT NOT NULL,
    body            VARCHAR,
    body_key        VARCHAR,
    supplier_key    VARCHAR NOT NULL,
    supplier_name   VARCHAR NOT NULL,
    department      VARCHAR,
    amount          DECIMAL(18,2) NOT NULL,
    lines           BIGINT NOT NULL,
    credit_amount   DECIMAL(18,2) NOT NULL,
    credit_lines    BIGINT NOT NULL,
    first_date      DATE,                   -- earliest and latest payment date (else period start)
    last_date       DATE
);

-- On-contract spend by covering contract, body and day (payment date, else period start):
-- contract burn, the spend counted under each contract up to a date.
CREATE TABLE spend_by_contract_day (
    covered_by      VARCHAR NOT NULL,
    body_key        VARCHAR,
    day             DATE,
    amount          DECIMAL(18,2) NOT NULL,
    lines           BIGINT NOT NULL,
    credit_amount   DECIMAL(18,2) NOT NULL,
    credit_lines    BIGINT NOT NULL
);
UPDATE summary_state SET inputs = NULL;
