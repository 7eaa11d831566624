-- m037: the scorecard's spend split (lib.scorecard.spend: by year, body, ring, SME and VCSE facts and
-- covering contract's rank), kept ahead by lib/summary.py from the supplier summary whenever it, the
-- supplier links or locations, or the settings move, so the Overview tiles and the Scorecard read a
-- few thousand rows instead of grouping every year's spend by supplier and contract at render
-- (issue 13). ``inputs``: the fingerprint it was built from; NULL: built on opening.
CREATE TABLE spend_facts_kept (
    fy          VARCHAR NOT NULL,
    fy_start    SMALLINT NOT NULL,
    body_key    VARCHAR,
    ring        VARCHAR NOT NULL,
    sme_pa2023  BOOLEAN,
    sme_eu      BOOLEAN,
    is_vcse     BOOLEAN,
    cover_rank  BIGINT,
    amount      DECIMAL(18,2) NOT NULL,
    lines       BIGINT NOT NULL
);
CREATE TABLE spend_facts_state (inputs VARCHAR);
INSERT INTO spend_facts_state VALUES (NULL);
