-- m050: the scorecard's spend split (spend_facts_kept) takes a new batch's lines in, as the spend
-- summaries do, instead of being built again from the supplier summary at every write (0.75 s at
-- fifty million lines, issue 13). Kept with it: what each supplier key was known as when its rows
-- were summed (ring, SME and VCSE facts: spend_key_located), and the covering contracts' ranks, so a
-- write tells whether the rows already kept still stand (lib/summary.py). NULL inputs: built on
-- opening.
CREATE TABLE spend_facts_located (
    spend_key   VARCHAR,
    ring        VARCHAR,
    sme_pa2023  BOOLEAN,
    sme_eu      BOOLEAN,
    is_vcse     BOOLEAN
);
ALTER TABLE spend_facts_state ADD COLUMN contracts VARCHAR;
ALTER TABLE spend_facts_state ADD COLUMN merged_rows BIGINT DEFAULT 0;
UPDATE spend_facts_state SET inputs = NULL, merged_rows = 0;
