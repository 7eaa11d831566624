-- m009: each spend line's covering contract, stored with the line, so the scorecard reads it
-- instead of matching every line to contract date ranges on every query (issue 4: the scorecard
-- under 1 s on a million lines). lib/cover.py keeps it true: every write transaction ends by
-- refreshing it when its inputs changed, and a reader that finds it out of date (a store written
-- outside lib.store.write) computes coverage afresh instead of trusting it.

-- The contract_id (contracts_current) the line counts under; NULL: off contract.
ALTER TABLE transactions ADD COLUMN covered_by VARCHAR;

-- The register as it stood when covered_by was last brought up to date (contracts_current's
-- columns; lib/cover.py recreates it from the view, so later changes to the view carry over).
CREATE TABLE cover_contracts AS SELECT * FROM contracts_current LIMIT 0;
-- The supplier links and spend batches (with their line counts) covered_by was computed with:
-- what changed since is what the next refresh recomputes.
CREATE TABLE cover_links (spend_key VARCHAR NOT NULL, supplier_ref VARCHAR NOT NULL);
CREATE TABLE cover_batches (batch_id INTEGER PRIMARY KEY, lines BIGINT NOT NULL);
-- The fingerprint of the inputs (lib/cover.py INPUTS_SQL) at the last refresh; NULL: never.
CREATE TABLE cover_state (inputs VARCHAR);
INSERT INTO cover_state VALUES (NULL);
