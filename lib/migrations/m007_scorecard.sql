-- m007: the strategy scorecard. Collaborative routes as data, staff edits to the contracts
-- register (with audit), the current register those edits produce, the keys that tie a contract
-- to the spend lines it covers, and a log of every target change.

-- Routes to market that count as collaborative arrangements (DOMAIN.md): matched on
-- lower(trim(route)); `route` is the name the scorecard groups by. Staff may add rows.
CREATE TABLE collaborative_routes (
    alias   VARCHAR PRIMARY KEY,    -- lower case, trimmed
    route   VARCHAR NOT NULL,
    note    VARCHAR
);
INSERT INTO collaborative_routes VALUES
    ('bluelight commercial', 'Bluelight Commercial', 'national police commercial organisation'),
    ('blue light commercial', 'Bluelight Commercial', NULL),
    ('blc', 'Bluelight Commercial', NULL),
    ('crown commercial service', 'Crown Commercial Service', 'central government frameworks'),
    ('ccs', 'Crown Commercial Service', NULL),
    ('north west police regional', 'North West police regional', 'regional police contracts'),
    ('north west police regional contracts', 'North West police regional', NULL),
    ('nw police regional', 'North West police regional', NULL),
    ('north west regional', 'North West police regional', NULL),
    ('clep', 'CLEP', 'Collaborative Law Enforcement Programme'),
    ('collaborative law enforcement programme', 'CLEP', NULL),
    ('espo', 'ESPO', 'Eastern Shires Purchasing Organisation'),
    ('eastern shires purchasing organisation', 'ESPO', NULL),
    ('ypo', 'YPO', 'Yorkshire Purchasing Organisation'),
    ('yorkshire purchasing organisation', 'YPO', NULL),
    ('nepo', 'Other public buying organisation', 'North East Procurement Organisation'),
    ('the chest', 'Other public buying organisation', 'North West councils'' portal'),
    ('tppl', 'Other public buying organisation', 'The Procurement Partnership'),
    ('fusion21', 'Other public buying organisation', NULL),
    ('lhc', 'Other public buying organisation', NULL),
    ('other public buying organisation', 'Other public buying organisation', NULL),
    ('other police force', 'Other public buying organisation', 'a contract let by another force'),
    ('framework', 'Other public buying organisation', 'a public framework not named');

-- Staff edits to a contract: who, when, old and new value, why. The latest per field wins.
CREATE SEQUENCE contract_edit_seq START 1;
CREATE TABLE contract_edits (
    edit_id         INTEGER PRIMARY KEY DEFAULT nextval('contract_edit_seq'),
    contract_id     VARCHAR NOT NULL,   -- contracts_current.contract_id
    field           VARCHAR NOT NULL,   -- end_date | route | collaborative | quality_pct | social_value_pct | value
    old_value       VARCHAR,
    new_value       VARCHAR,            -- NULL: cleared (an end date cleared = open-ended)
    reason          VARCHAR,
    edited_by       VARCHAR NOT NULL,
    edited_at       TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Every change made to the targets table (the table keeps one row per measure and first year).
CREATE SEQUENCE target_change_seq START 1;
CREATE TABLE target_changes (
    change_id       INTEGER PRIMARY KEY DEFAULT nextval('target_change_seq'),
    measure         VARCHAR NOT NULL,
    from_fy         VARCHAR NOT NULL,
    old_value       DECIMAL(14,2),
    new_value       DECIMAL(14,2) NOT NULL,
    direction       VARCHAR NOT NULL,
    source_note     VARCHAR,
    set_by          VARCHAR NOT NULL,
    set_at          TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- A contract is one reference awarded to one supplier (a framework lot awarded to three suppliers is
-- three contracts); a later upload of the same contract replaces the earlier row.
CREATE MACRO contract_id_of(reference, supplier_id, supplier_key) AS
    upper(trim(reference)) || '|' || supplier_ref_of(supplier_id, supplier_key);

CREATE VIEW contracts_latest AS
SELECT * EXCLUDE (rk) FROM (
    SELECT c.*, contract_id_of(c.reference, c.supplier_id, c.supplier_key) AS contract_id,
           row_number() OVER (PARTITION BY contract_id_of(c.reference, c.supplier_id, c.supplier_key)
                              ORDER BY c.batch_id DESC, c.row_number DESC) AS rk
    FROM contracts c
) WHERE rk = 1;

CREATE VIEW contract_edits_latest AS
SELECT contract_id, field, new_value, edited_by, edited_at FROM (
    SELECT *, row_number() OVER (PARTITION BY contract_id, field ORDER BY edit_id DESC) AS rk FROM contract_edits
) WHERE rk = 1;

-- The register as it stands: the latest upload of each contract with staff edits on top, whether it
-- is collaborative (flag yes, or a route in collaborative_routes), the route it is grouped under,
-- the register supplier it belongs to, and its place in the order that decides which contract a
-- payment counts under when two cover it: collaborative first, then the latest start, then reference.
CREATE VIEW contracts_current AS
WITH e AS (
    SELECT contract_id,
        bool_or(field = 'end_date') AS end_edited,
        max(new_value) FILTER (WHERE field = 'end_date') AS end_date,
        bool_or(field = 'route') AS route_edited,
        max(new_value) FILTER (WHERE field = 'route') AS route,
        max(new_value) FILTER (WHERE field = 'collaborative') AS collaborative,
        max(new_value) FILTER (WHERE field = 'quality_pct') AS quality_pct,
        bool_or(field = 'social_value_pct') AS sv_edited,
        max(new_value) FILTER (WHERE field = 'social_value_pct') AS social_value_pct,
        max(new_value) FILTER (WHERE field = 'value') AS value,
        max(edited_at) AS edited_at
    FROM contract_edits_latest GROUP BY contract_id
),
c AS (
    SELECT l.batch_id, l.sheet, l.row_number, l.contract_id, l.reference, l.title, l.supplier_id,
           l.supplier_name, l.supplier_key, l.start_date,
           CASE WHEN e.end_edited THEN TRY_CAST(e.end_date AS DATE) ELSE l.end_date END AS end_date,
           coalesce(parse_amount(e.value), l.value) AS value,
           CASE WHEN e.route_edited THEN nullif(trim(e.route), '') ELSE l.route END AS route,
           coalesce(parse_bool(e.collaborative), l.collaborative) AS collaborative_flag,
           l.category,
           coalesce(parse_pct(e.quality_pct), l.quality_pct) AS quality_pct,
           CASE WHEN e.sv_edited THEN parse_pct(e.social_value_pct) ELSE l.social_value_pct END AS social_value_pct,
           e.edited_at AS last_edited_at
    FROM contracts_latest l LEFT JOIN e ON e.contract_id = l.contract_id
),
reg_key AS (SELECT supplier_key, min(supplier_ref) AS supplier_ref FROM register_latest GROUP BY supplier_key),
reg_id AS (SELECT trim(supplier_id) AS supplier_id, min(supplier_ref) AS supplier_ref FROM register_latest
           WHERE nullif(trim(supplier_id), '') IS NOT NULL GROUP BY 1)
SELECT c.*,
       coalesce(c.collaborative_flag, FALSE) OR r.route IS NOT NULL AS is_collaborative,
       CASE WHEN r.route IS NOT NULL THEN r.route
            WHEN coalesce(c.collaborative_flag, FALSE) THEN coalesce(c.route, 'Collaborative (route not given)')
            ELSE coalesce(c.route, '(route not given)') END AS route_group,
       coalesce(ri.supplier_ref, sl.supplier_ref, rk.supplier_ref) AS supplier_ref,
       row_number() OVER (ORDER BY coalesce(c.collaborative_flag, FALSE) OR r.route IS NOT NULL DESC,
                          c.start_date DESC, c.reference, c.contract_id) AS cover_rank
FROM c
LEFT JOIN collaborative_routes r ON r.alias = lower(trim(c.route))
LEFT JOIN reg_id ri ON ri.supplier_id = trim(c.supplier_id)
LEFT JOIN supplier_links sl ON sl.spend_key = c.supplier_key
LEFT JOIN reg_key rk ON rk.supplier_key = c.supplier_key;

-- The target in force for a measure and year is the row with the greatest from_fy <= that year.
CREATE MACRO target_for(m, fy_name) AS TABLE
    SELECT measure, from_fy, value, direction, source_note, set_by, set_at FROM targets
    WHERE measure = m AND from_fy <= fy_name ORDER BY from_fy DESC LIMIT 1;
