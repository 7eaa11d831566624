-- m086: the Contracts page's review list for the store's own bodies, kept: off-contract spend by
-- financial year, supplier key and department (as the list shows it), one row a pair; and the lines
-- of each name a pair is published under, for the names of the rows shown. Ranking a year's pairs
-- from spend_off_contract grouped about a million rows into half a million at fifty million lines
-- (over a second, issue 13); from here it is a top-N of one year's rows. Brought up to date inside
-- every write by lib.summary (lib.scorecard.contracts.refresh_review): a new batch's off-contract
-- lines are added to the rows of their year; anything else the summaries rebuild, or a change of
-- the own bodies, rebuilds both from spend_off_contract. NULL inputs: built on opening.
CREATE TABLE review_kept (
    fy              VARCHAR NOT NULL,
    supplier_key    VARCHAR NOT NULL,
    department      VARCHAR NOT NULL,       -- '(not given)' for NULL or blank, as the list shows it
    amount          DECIMAL(18,2) NOT NULL,
    lines           BIGINT NOT NULL,
    first_date      DATE,
    last_date       DATE
);
-- several rows may share a pair and name (a batch's are added as rows of their own): a reader sums
CREATE TABLE review_names (
    fy              VARCHAR NOT NULL,
    supplier_key    VARCHAR NOT NULL,
    department      VARCHAR NOT NULL,
    supplier_name   VARCHAR,
    lines           BIGINT NOT NULL
);
CREATE TABLE review_kept_state (
    inputs          VARCHAR                 -- the summaries' inputs and the own bodies it was kept for
);
INSERT INTO review_kept_state VALUES (NULL);
