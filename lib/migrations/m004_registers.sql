-- m004: the registers staff upload and complete (suppliers, contracts, savings), the decisions
-- that link published spend to register suppliers, staff edits with their audit trail, and targets.

-- Every uploaded register row, with provenance. The current register is the latest row per
-- supplier (by batch), with staff edits applied on top (see supplier_edits).
CREATE TABLE supplier_register (
    batch_id                INTEGER NOT NULL,
    sheet                   VARCHAR NOT NULL,
    row_number              INTEGER NOT NULL,
    supplier_id             VARCHAR,
    name                    VARCHAR NOT NULL,
    supplier_key            VARCHAR NOT NULL,
    postcode                VARCHAR,
    company_number          VARCHAR,
    charity_number          VARCHAR,
    vat_number              VARCHAR,
    employees               BIGINT,
    turnover                DECIMAL(14,2),
    balance_sheet           DECIMAL(14,2),
    vcse_type               VARCHAR,
    country                 VARCHAR,
    sole_trader             BOOLEAN,
    delivers_locally        BOOLEAN,
    delivers_locally_reason VARCHAR
);

CREATE SEQUENCE edit_seq START 1;
-- Staff answers from the worklist: who, when, old and new value. The latest per field wins.
CREATE TABLE supplier_edits (
    edit_id         INTEGER PRIMARY KEY DEFAULT nextval('edit_seq'),
    supplier_ref    VARCHAR NOT NULL,   -- 'ID:<supplier id>' or 'KEY:<supplier key>'
    field           VARCHAR NOT NULL,
    old_value       VARCHAR,
    new_value       VARCHAR,
    reason          VARCHAR,
    edited_by       VARCHAR NOT NULL,
    edited_at       TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Review queue decisions on fuzzy name matches; they persist and apply to later uploads.
CREATE TABLE match_decisions (
    spend_key       VARCHAR NOT NULL,   -- transactions.supplier_key
    supplier_ref    VARCHAR NOT NULL,
    decision        VARCHAR NOT NULL,   -- accept | reject
    score           DOUBLE,
    decided_by      VARCHAR NOT NULL,
    decided_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (spend_key, supplier_ref)
);

-- Spend supplier key → register supplier, refreshed after every load, register change or decision.
CREATE TABLE supplier_links (
    spend_key       VARCHAR PRIMARY KEY,
    supplier_ref    VARCHAR NOT NULL,
    method          VARCHAR NOT NULL,   -- id | vat | name | fuzzy
    score           DOUBLE
);

-- Where each current register supplier is, refreshed with the register and the postcode reference.
CREATE TABLE supplier_locations (
    supplier_ref    VARCHAR PRIMARY KEY,
    postcode        VARCHAR,
    ring            VARCHAR NOT NULL,
    district_code   VARCHAR,
    lat             DOUBLE,
    lon             DOUBLE,
    approximate     BOOLEAN NOT NULL,
    reason          VARCHAR
);

CREATE TABLE contracts (
    batch_id            INTEGER NOT NULL,
    sheet               VARCHAR NOT NULL,
    row_number          INTEGER NOT NULL,
    reference           VARCHAR NOT NULL,
    title               VARCHAR,
    supplier_id         VARCHAR,
    supplier_name       VARCHAR NOT NULL,
    supplier_key        VARCHAR NOT NULL,
    start_date          DATE NOT NULL,
    end_date            DATE,
    value               DECIMAL(14,2),
    route               VARCHAR,
    collaborative       BOOLEAN,
    category            VARCHAR,
    quality_pct         DECIMAL(6,2),
    social_value_pct    DECIMAL(6,2)
);

CREATE TABLE savings (
    batch_id        INTEGER NOT NULL,
    sheet           VARCHAR NOT NULL,
    row_number      INTEGER NOT NULL,
    project         VARCHAR NOT NULL,
    fy              VARCHAR NOT NULL,
    category        VARCHAR,
    saving_type     VARCHAR,            -- Cashable | Non-cashable | NULL (not said)
    amount          DECIMAL(14,2) NOT NULL,
    recorded_on     DATE
);

-- Targets are data: one row per measure and first financial year it applies to.
CREATE TABLE targets (
    measure         VARCHAR NOT NULL,
    from_fy         VARCHAR NOT NULL,
    value           DECIMAL(14,2) NOT NULL,
    direction       VARCHAR NOT NULL,   -- at_least | at_most
    source_note     VARCHAR,
    set_by          VARCHAR NOT NULL DEFAULT 'strategy default',
    set_at          TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (measure, from_fy)
);

INSERT INTO targets (measure, from_fy, value, direction, source_note) VALUES
    ('on_contract_pct', '2019/20', 92, 'at_least', 'Procurement Strategy: £41M of £44.7M covered by contracts (92% compliance), as at 31 March 2020'),
    ('collaborative_pct', '2019/20', 75, 'at_least', 'Procurement Strategy: spend through collaborative arrangements 75%; objective to increase it'),
    ('local_pct', '2019/20', 39, 'at_least', 'Procurement Strategy: local spend in Lancashire 39%; Social Value Policy: maximise local spend'),
    ('north_west_pct', '2019/20', 58, 'at_least', 'Procurement Strategy: local spend in the North West region 58%'),
    ('savings', '2019/20', 1700000, 'at_least', 'Procurement Strategy: savings generated by Procurement during 2019/20 £1.7M'),
    ('social_value_pct', '2019/20', 100, 'at_least', 'Social Value Policy: at least 2.5% of the quality element allocated to social value where relevant'),
    ('unknown_location_pct', '2019/20', 5, 'at_most', 'Data quality: spend whose supplier location is unknown (product default)');

-- Parse helpers for registers: yes/no and percentages ('2.5%', '2.5').
CREATE MACRO parse_bool(s) AS CASE
        WHEN lower(trim(coalesce(s, ''))) IN ('y', 'yes', 'true', '1', 'x', 't') THEN TRUE
        WHEN lower(trim(coalesce(s, ''))) IN ('n', 'no', 'false', '0', 'f') THEN FALSE END;
CREATE MACRO parse_pct(s) AS TRY_CAST(regexp_replace(trim(coalesce(s, '')), '%$', '') AS DECIMAL(6,2));
CREATE MACRO parse_int(s) AS TRY_CAST(regexp_replace(trim(coalesce(s, '')), '[,\s]', '', 'g') AS BIGINT);
-- '2019/20', '2019-20', '19/20', '2019-2020' → '2019/20'
CREATE MACRO parse_fy(s) AS CASE
        WHEN regexp_full_match(trim(coalesce(s, '')), '(19|20)\d{2}\s*[-/]\s*(\d{2}|\d{4})')
            THEN fy_label(CAST(left(trim(s), 4) AS INTEGER))
        WHEN regexp_full_match(trim(coalesce(s, '')), '\d{2}\s*[-/]\s*\d{2}')
            THEN fy_label(2000 + CAST(left(trim(s), 2) AS INTEGER)) END;
