-- m008: redaction before publishing. The tool proposes, staff decide; every decision is kept
-- with who, when, why and the standard label. Amounts are never touched: a redacted line keeps
-- its amount in every total, only its beneficiary (and free-text purpose) is withheld.

-- Rules staff edit: categories whose lines are sensitive (informants, witnesses, compensation…),
-- titles that mark a person, and words that mark an organisation (so councils, trusts,
-- universities and charities are not taken for people). Patterns are case-insensitive regular
-- expressions: a category pattern is searched for in the line's category (expense type); the
-- other kinds are matched against whole words of a supplier's name.
CREATE TABLE redaction_rules (
    kind        VARCHAR NOT NULL,   -- sensitive_category | person_title | company_form | organisation_word
    pattern     VARCHAR NOT NULL,
    label       VARCHAR NOT NULL DEFAULT 'REDACTED OTHER',
    note        VARCHAR,
    set_by      VARCHAR NOT NULL DEFAULT 'default',
    set_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (kind, pattern),
    CHECK (kind IN ('sensitive_category', 'person_title', 'company_form', 'organisation_word')),
    CHECK (label IN ('REDACTED PERSONAL DATA', 'REDACTED COMMERCIAL CONFIDENTIALITY', 'REDACTED OTHER'))
);

INSERT INTO redaction_rules (kind, pattern, label, note) VALUES
    ('sensitive_category', 'informant', 'REDACTED OTHER', 'Covert human intelligence sources: disclosure would harm crime prevention'),
    ('sensitive_category', 'witness', 'REDACTED PERSONAL DATA', 'Witness expenses and protection'),
    ('sensitive_category', 'compensation', 'REDACTED PERSONAL DATA', 'Payments to members of the public and staff'),
    ('sensitive_category', 'covert|undercover|surveillance operation', 'REDACTED OTHER', 'Operational security'),
    ('sensitive_category', 'victim payment|victims? compensation', 'REDACTED PERSONAL DATA', 'Payments to victims'),
    ('sensitive_category', 'ex[- ]?gratia|settlement|tribunal award', 'REDACTED PERSONAL DATA', 'Settlements with individuals'),
    ('person_title', 'mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|rev|revd|reverend|master|lady|lord', 'REDACTED PERSONAL DATA', 'A title before a name'),
    ('company_form', 'ltd|limited|plc|llp|lp|llc|inc|incorporated|corp|corporation|co|company|gmbh|ag|sa|sas|sarl|bv|nv|ab|as|asa|aps|oy|spa|srl|ulc|pty|kg|se', 'REDACTED PERSONAL DATA', 'Company forms, UK and abroad'),
    ('organisation_word', 'council|borough|county|city|district|parish|authority|authorities|government|department|ministry|office|agency|commission|commissioner|constabulary|police|fire|rescue|ambulance|nhs|hmrc|dvla|court|courts|tribunal|service|services|board|bureau|executive|crown|hm|royal', 'REDACTED PERSONAL DATA', 'Public bodies'),
    ('organisation_word', 'trust|trustees|foundation|charity|charitable|society|association|federation|institute|institution|union|league|club|cic|cio|fund|appeal|aid|support|crisis|advocacy|recovery|matters|mind|pastors|shelter|refuge|network|alliance|partnership|project|centre|center|hospice|hospital|surgery|practice|clinic|church|diocese|mosque|temple|chapel|cathedral', 'REDACTED PERSONAL DATA', 'Charities and community bodies'),
    ('organisation_word', 'university|college|school|academy|academies|education|training|learning', 'REDACTED PERSONAL DATA', 'Education'),
    ('organisation_word', 'group|holdings|international|global|systems|solutions|technologies|technology|consulting|consultants|associates|partners|enterprises|industries|products|supplies|supply|equipment|motors|garage|garages|vehicles|hotel|hotels|bank|insurance|estates|properties|developments|engineering|electrical|security|media|communications|uk|gb|europe|bluelight|espo|ypo|water|energy|gas|power|telecom|bt|&|and', 'REDACTED PERSONAL DATA', 'Trading words');

CREATE SEQUENCE redaction_decision_seq START 1;

-- One row per staff decision. scope 'supplier' covers every line of a supplier_key (the bulk
-- decision for a person or sole trader); scope 'line' covers one transaction. The latest
-- decision for a scope and key wins; earlier ones stay as the audit trail.
CREATE TABLE redaction_decisions (
    decision_id     INTEGER PRIMARY KEY DEFAULT nextval('redaction_decision_seq'),
    scope           VARCHAR NOT NULL,   -- supplier | line
    supplier_key    VARCHAR,            -- scope supplier
    batch_id        INTEGER,            -- scope line
    sheet           VARCHAR,
    row_number      INTEGER,
    decision        VARCHAR NOT NULL,   -- redact | clear
    label           VARCHAR,            -- one of the three standard labels when decision = redact
    reason          VARCHAR NOT NULL,
    decided_by      VARCHAR NOT NULL,
    decided_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    CHECK (scope IN ('supplier', 'line')),
    CHECK (decision IN ('redact', 'clear')),
    CHECK (decision = 'clear' OR label IN ('REDACTED PERSONAL DATA', 'REDACTED COMMERCIAL CONFIDENTIALITY', 'REDACTED OTHER')),
    CHECK ((scope = 'supplier' AND supplier_key IS NOT NULL)
        OR (scope = 'line' AND batch_id IS NOT NULL AND sheet IS NOT NULL AND row_number IS NOT NULL)),
    CHECK (length(trim(reason)) > 0 AND length(trim(decided_by)) > 0)
);
