-- m005: the current supplier register (latest upload per supplier, staff edits on top) and the
-- settings the SME test needs. Views, so that they are always in step with the tables.

CREATE TABLE settings (
    name    VARCHAR PRIMARY KEY,
    value   VARCHAR NOT NULL,
    note    VARCHAR
);
INSERT INTO settings VALUES
    ('sme_test', 'procurement_act_2023', 'procurement_act_2023 (fewer than 250 staff and turnover <= £44m or balance sheet <= £38m) or eu_2003 (fewer than 250 staff and turnover <= €50m or balance sheet <= €43m)'),
    ('gbp_per_eur', '0.85', 'used to hold pound figures against the EU test''s euro thresholds');

-- A supplier's identity in the register: its ID where it has one, else its name key.
CREATE MACRO supplier_ref_of(supplier_id, supplier_key) AS
    CASE WHEN nullif(trim(supplier_id), '') IS NOT NULL THEN 'ID:' || trim(supplier_id) ELSE 'KEY:' || supplier_key END;

CREATE VIEW register_latest AS
SELECT * EXCLUDE (rk) FROM (
    SELECT *, row_number() OVER (PARTITION BY supplier_ref ORDER BY batch_id DESC, row_number DESC) AS rk
    FROM (SELECT r.*, supplier_ref_of(r.supplier_id, r.supplier_key) AS supplier_ref FROM supplier_register r)
) WHERE rk = 1;

-- The latest staff answer per supplier and field.
CREATE VIEW supplier_edits_latest AS
SELECT supplier_ref, field, new_value, edited_by, edited_at, reason FROM (
    SELECT *, row_number() OVER (PARTITION BY supplier_ref, field ORDER BY edit_id DESC) AS rk FROM supplier_edits
) WHERE rk = 1;

CREATE VIEW suppliers_current AS
WITH refs AS (
    SELECT supplier_ref FROM register_latest
    UNION SELECT supplier_ref FROM supplier_edits
),
e AS (
    SELECT supplier_ref,
        max(new_value) FILTER (WHERE field = 'name') AS name,
        max(new_value) FILTER (WHERE field = 'postcode') AS postcode,
        max(new_value) FILTER (WHERE field = 'country') AS country,
        max(new_value) FILTER (WHERE field = 'company_number') AS company_number,
        max(new_value) FILTER (WHERE field = 'charity_number') AS charity_number,
        max(new_value) FILTER (WHERE field = 'employees') AS employees,
        max(new_value) FILTER (WHERE field = 'turnover') AS turnover,
        max(new_value) FILTER (WHERE field = 'balance_sheet') AS balance_sheet,
        max(new_value) FILTER (WHERE field = 'vcse_type') AS vcse_type,
        max(new_value) FILTER (WHERE field = 'sole_trader') AS sole_trader,
        max(new_value) FILTER (WHERE field = 'delivers_locally') AS delivers_locally,
        max(new_value) FILTER (WHERE field = 'delivers_locally_reason') AS delivers_locally_reason,
        max(new_value) FILTER (WHERE field = 'is_sme') AS is_sme,
        max(new_value) FILTER (WHERE field = 'is_vcse') AS is_vcse
    FROM supplier_edits_latest GROUP BY supplier_ref
)
SELECT refs.supplier_ref,
       r.supplier_id,
       coalesce(e.name, r.name, regexp_replace(refs.supplier_ref, '^(ID|KEY):', '')) AS name,
       coalesce(r.supplier_key, CASE WHEN refs.supplier_ref LIKE 'KEY:%' THEN substr(refs.supplier_ref, 5) END,
                supplier_key(e.name)) AS supplier_key,
       CASE WHEN e.postcode IS NOT NULL THEN nullif(e.postcode, '') ELSE r.postcode END AS postcode,
       coalesce(nullif(e.country, ''), r.country) AS country,
       coalesce(e.company_number, r.company_number) AS company_number,
       coalesce(e.charity_number, r.charity_number) AS charity_number,
       r.vat_number,
       coalesce(parse_int(e.employees), r.employees) AS employees,
       coalesce(parse_amount(e.turnover), r.turnover) AS turnover,
       coalesce(parse_amount(e.balance_sheet), r.balance_sheet) AS balance_sheet,
       coalesce(e.vcse_type, r.vcse_type) AS vcse_type,
       coalesce(parse_bool(e.sole_trader), r.sole_trader, FALSE) AS sole_trader,
       coalesce(parse_bool(e.delivers_locally), r.delivers_locally, FALSE) AS delivers_locally,
       coalesce(e.delivers_locally_reason, r.delivers_locally_reason) AS delivers_locally_reason,
       parse_bool(e.is_sme) AS sme_answer,
       parse_bool(e.is_vcse) AS vcse_answer,
       r.batch_id, r.row_number,
       r.supplier_ref IS NOT NULL AS in_register
FROM refs
LEFT JOIN register_latest r ON r.supplier_ref = refs.supplier_ref
LEFT JOIN e ON e.supplier_ref = refs.supplier_ref;

-- What the scorecard needs to know of each current supplier: SME under both tests, VCSE.
CREATE VIEW supplier_facts AS
WITH t AS (SELECT CAST((SELECT value FROM settings WHERE name = 'gbp_per_eur') AS DECIMAL(10,4)) AS rate)
SELECT s.supplier_ref,
    CASE WHEN s.sme_answer IS NOT NULL THEN s.sme_answer
         WHEN s.employees >= 250 THEN FALSE
         WHEN s.turnover > 44000000 AND s.balance_sheet > 38000000 THEN FALSE
         WHEN s.employees < 250 AND (s.turnover <= 44000000 OR s.balance_sheet <= 38000000) THEN TRUE
    END AS sme_pa2023,
    CASE WHEN s.sme_answer IS NOT NULL THEN s.sme_answer
         WHEN s.employees >= 250 THEN FALSE
         WHEN s.turnover > 50000000 * t.rate AND s.balance_sheet > 43000000 * t.rate THEN FALSE
         WHEN s.employees < 250 AND (s.turnover <= 50000000 * t.rate OR s.balance_sheet <= 43000000 * t.rate) THEN TRUE
    END AS sme_eu,
    CASE WHEN s.vcse_answer IS NOT NULL THEN s.vcse_answer
         WHEN nullif(trim(s.charity_number), '') IS NOT NULL THEN TRUE
         WHEN regexp_matches(lower(coalesce(s.vcse_type, '')),
              'charit|cic|community interest|community benefit|co-?operative|social enterprise|not[- ]for[- ]profit|voluntary|mutual')
             THEN TRUE
         WHEN s.in_register THEN FALSE
    END AS is_vcse,
    s.sole_trader
FROM suppliers_current s, t;

-- Every transaction with its register supplier (if linked), where it is, and what it is.
-- 'Unknown' ring when there is no link, no postcode or no location: shown, never folded away.
CREATE VIEW spend_located AS
SELECT t.*, l.supplier_ref, l.method AS link_method,
       coalesce(loc.ring, 'Unknown') AS ring, loc.district_code, loc.lat, loc.lon,
       loc.approximate AS location_approximate,
       f.sme_pa2023, f.sme_eu, f.is_vcse
FROM transactions t
LEFT JOIN supplier_links l ON l.spend_key = t.supplier_key
LEFT JOIN supplier_locations loc ON loc.supplier_ref = l.supplier_ref
LEFT JOIN supplier_facts f ON f.supplier_ref = l.supplier_ref;
