-- m085: the current supplier register as the Suppliers page reads it, kept as a table: one row a
-- current supplier (suppliers_current, staff edits applied), with its SME and VCSE answers
-- (supplier_facts), ring, location note and district (supplier_locations). The views cost tens of
-- milliseconds each time they are read, whatever the register's size, and a page read them several
-- times a render (issue 13). Filled by lib.derived's "register" part (lib.suppliers.refresh_register)
-- whenever the register, staff edits, the postcode reference or the euro rate moved: never by a
-- spend load. Empty here: the refresh on opening fills it.
CREATE TABLE register_kept (
    supplier_ref            VARCHAR NOT NULL,
    supplier_id             VARCHAR,
    name                    VARCHAR,
    supplier_key            VARCHAR,
    postcode                VARCHAR,
    country                 VARCHAR,
    company_number          VARCHAR,
    charity_number          VARCHAR,
    vat_number              VARCHAR,
    employees               BIGINT,
    turnover                DECIMAL(14,2),
    balance_sheet           DECIMAL(14,2),
    vcse_type               VARCHAR,
    sole_trader             BOOLEAN,
    delivers_locally        BOOLEAN,
    delivers_locally_reason VARCHAR,
    sme_answer              BOOLEAN,
    vcse_answer             BOOLEAN,
    batch_id                INTEGER,
    row_number              INTEGER,
    in_register             BOOLEAN,
    sme_pa2023              BOOLEAN,
    sme_eu                  BOOLEAN,
    is_vcse                 BOOLEAN,
    ring                    VARCHAR NOT NULL,   -- 'Unknown' when not placed
    location_note           VARCHAR,
    located_postcode        VARCHAR,
    district_code           VARCHAR,
    district_name           VARCHAR
);
