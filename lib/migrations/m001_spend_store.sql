-- m001: the spend store. Money is DECIMAL(14,2) (exact pence); every line keeps its provenance.
CREATE SEQUENCE batch_seq START 1;

CREATE TABLE batches (
    batch_id            INTEGER PRIMARY KEY DEFAULT nextval('batch_seq'),
    kind                VARCHAR NOT NULL DEFAULT 'spend',   -- spend | suppliers | contracts | savings
    file_name           VARCHAR NOT NULL,
    file_sha256         VARCHAR NOT NULL,
    loaded_at           TIMESTAMP NOT NULL DEFAULT current_timestamp,
    loaded_by           VARCHAR,
    is_demo             BOOLEAN NOT NULL DEFAULT FALSE,
    rows_read           INTEGER NOT NULL,
    rows_loaded         INTEGER NOT NULL,
    rows_quarantined    INTEGER NOT NULL,
    rows_total_lines    INTEGER NOT NULL,
    amount_loaded       DECIMAL(18,2),
    amount_quarantined  DECIMAL(18,2),
    amount_total_lines  DECIMAL(18,2),
    sheets              VARCHAR,        -- JSON list of sheet names read
    mapping             VARCHAR         -- JSON {field: header} per sheet, as used
);

CREATE TABLE transactions (
    batch_id            INTEGER NOT NULL,
    sheet               VARCHAR NOT NULL,   -- '' for CSV
    row_number          INTEGER NOT NULL,   -- 1-based row in the sheet/file, header rows included
    body                VARCHAR,
    payment_date        DATE,               -- NULL only when the file gave a period but no day
    period_start        DATE NOT NULL,      -- = payment_date, or the first day of the file's period
    fy                  VARCHAR NOT NULL,   -- '2019/20'
    fy_start            SMALLINT NOT NULL,  -- 2019
    amount              DECIMAL(14,2) NOT NULL,
    irrecoverable_vat   DECIMAL(14,2),
    supplier_name       VARCHAR NOT NULL,   -- as published ('' never: redacted lines carry their label)
    supplier_key        VARCHAR NOT NULL,   -- normalised name used to group and match
    is_redacted         BOOLEAN NOT NULL DEFAULT FALSE,
    supplier_id         VARCHAR,
    vat_number          VARCHAR,
    department          VARCHAR,
    category            VARCHAR,
    category_code       VARCHAR,
    description         VARCHAR,
    transaction_ref     VARCHAR
);

CREATE TABLE quarantine (
    batch_id            INTEGER NOT NULL,
    sheet               VARCHAR NOT NULL,
    row_number          INTEGER NOT NULL,
    column_name         VARCHAR,            -- the header of the column at fault, if one
    reason              VARCHAR NOT NULL,
    amount              DECIMAL(14,2),      -- when the amount itself could be read
    raw                 VARCHAR NOT NULL    -- JSON object {header: raw text}
);

CREATE TABLE total_lines (
    batch_id            INTEGER NOT NULL,
    sheet               VARCHAR NOT NULL,
    row_number          INTEGER NOT NULL,
    amount              DECIMAL(14,2),
    raw                 VARCHAR NOT NULL
);

-- Confirmed column mappings, remembered by header signature for the next file with the same headers.
CREATE TABLE column_mappings (
    kind                VARCHAR NOT NULL,
    header_signature    VARCHAR NOT NULL,
    mapping             VARCHAR NOT NULL,   -- JSON {field: header}
    confirmed_at        TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (kind, header_signature)
);

-- The supplier key: one normalisation used by ingest, grouping and matching (Python calls it too),
-- so "The Acme Co. Ltd", "ACME CO LIMITED" and "Acme Co" group together.
CREATE MACRO supplier_key(name) AS
    trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        ' ' || trim(regexp_replace(regexp_replace(upper(coalesce(name, '')), '&', ' AND ', 'g'), '[^A-Z0-9]+', ' ', 'g')) || ' ',
        ' T A .*$', ' '),                                   -- "X T/A Y": the legal name before T/A
        '^ THE ', ' '), ' THE $', ' '),
        '( (LIMITED|LTD|PLC|LLP|L L P|P L C|PUBLIC LIMITED COMPANY))+ $', ' '));
