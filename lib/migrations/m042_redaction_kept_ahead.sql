-- m042: what redaction may touch, kept ahead (issue 13: the Redactions, Snapshot and Transparency
-- pages under 1 s at 50M lines, where working it out from every line took minutes). Kept by
-- lib/publish/flagged.py inside every write (lib/derived.py, after the summary tables); a reader
-- that finds them out of date works everything out from the lines, as before.

-- Every published supplier name (its key and spelling) in the lines, and what its words alone
-- propose (lib.publish.redaction.name_reason: person_title, person_name, or NULL). The register's
-- part (sole traders, company and charity numbers) is joined when read: it is per key, and moves
-- with the register, not with the names.
CREATE TABLE redaction_names (
    supplier_key    VARCHAR NOT NULL,
    supplier_name   VARCHAR NOT NULL,
    name_reason     VARCHAR,
    PRIMARY KEY (supplier_key, supplier_name)
);

-- The names proposed, with the register's part joined (lib.publish.flagged.PROPOSED_SQL): one row
-- per (supplier_key, supplier_name, reason), whatever the year; worked out again at every write
-- that moves the names, the rules or the register.
CREATE TABLE redaction_proposed (
    supplier_key    VARCHAR NOT NULL,
    supplier_name   VARCHAR NOT NULL,
    reason          VARCHAR NOT NULL
);

-- Every category in the lines, with the first sensitive-category rule it matches (NULL: none);
-- covered: every line of the category is in redaction_flagged.
CREATE TABLE redaction_categories (
    category        VARCHAR PRIMARY KEY,
    label           VARCHAR,
    pattern         VARCHAR,
    covered         BOOLEAN NOT NULL
);

-- The lines something may redact: redacted at source, in a category a rule matches, of a supplier
-- proposed or decided on, or decided on themselves (a superset: a line no longer proposed stays
-- until the next rebuild, and is simply published). Every other line is published as it stands,
-- but for a withheld person's other spellings, which are looked for when read.
CREATE TABLE redaction_flagged (
    batch_id        INTEGER NOT NULL,
    sheet           VARCHAR NOT NULL,
    row_number      INTEGER NOT NULL,
    fy_start        SMALLINT,
    body_key        VARCHAR,
    period_start    DATE,
    date            DATE,                   -- coalesce(payment_date, period_start)
    supplier_key    VARCHAR,
    supplier_name   VARCHAR,
    category        VARCHAR,
    is_redacted     BOOLEAN NOT NULL,
    amount          DECIMAL(14,2)
);

-- Supplier keys every line of which is in redaction_flagged; the batches (with their line counts)
-- it was worked out over; and the fingerprint of its inputs when last brought up to date (NULL:
-- never, built on opening) with that of the rules alone.
CREATE TABLE redaction_flag_keys (supplier_key VARCHAR PRIMARY KEY);
CREATE TABLE redaction_flag_batches (batch_id INTEGER PRIMARY KEY, lines BIGINT NOT NULL);
CREATE TABLE redaction_flag_state (inputs VARCHAR, rules VARCHAR);
INSERT INTO redaction_flag_state VALUES (NULL, NULL);
