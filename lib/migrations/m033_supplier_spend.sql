-- m033: spend summed by what links a supplier to the register (lib/suppliers.py): its key, its
-- name as published, its ID and its VAT number; redacted lines kept apart. Links are worked out
-- from these few thousand rows instead of every line, and a new batch re-links only the suppliers
-- its lines name (issue 13: loading into a store of fifty million lines must cost what loading
-- into a small one does). Several rows may share a key (a batch's sums are added as rows of their
-- own, merged when they have doubled the table). lib/suppliers.py keeps it inside every write
-- (lib/derived.py); supplier_spend_batches holds the spend batches it holds, as summary_batches
-- does for the summaries. Empty: built from the lines at the next write that links.
CREATE TABLE supplier_spend (
    supplier_key    VARCHAR NOT NULL,
    supplier_name   VARCHAR NOT NULL,
    supplier_id     VARCHAR,                -- trimmed, NULL for blank
    vat_raw         VARCHAR NOT NULL,       -- the VAT number as published, '' for none
    is_redacted     BOOLEAN NOT NULL,
    amount          DECIMAL(18,2) NOT NULL,
    lines           BIGINT NOT NULL
);
CREATE TABLE supplier_spend_batches (batch_id INTEGER PRIMARY KEY, lines BIGINT NOT NULL);
CREATE TABLE supplier_spend_state (merged_rows BIGINT NOT NULL);
INSERT INTO supplier_spend_state VALUES (0);
-- links worked out again (and the sums built) when the store is next opened
DELETE FROM derived_state WHERE part = 'links';
