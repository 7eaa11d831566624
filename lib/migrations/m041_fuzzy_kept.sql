-- m041: Match review's fuzzy candidates scored at write (lib.suppliers.refresh_fuzzy, through
-- lib/derived.py), not on every render: at 50M lines, tens of thousands of spend names against the
-- register took seconds of CPU. Each spend supplier key is scored once against the register
-- (again, all of them, only when the register's names change); its best candidates (score at least
-- FUZZY_MIN_SCORE, up to FUZZY_KEPT, best first, register order on a tie) are kept. NULL inputs:
-- scored on opening.
CREATE TABLE fuzzy_kept (
    spend_key       VARCHAR NOT NULL,
    rank            INTEGER NOT NULL,       -- 1: the best candidate
    supplier_ref    VARCHAR NOT NULL,
    score           DOUBLE NOT NULL
);
CREATE TABLE fuzzy_scored (spend_key VARCHAR NOT NULL);   -- every key scored, candidates or none
CREATE TABLE fuzzy_state (inputs VARCHAR, register VARCHAR);
INSERT INTO fuzzy_state VALUES (NULL, NULL);
