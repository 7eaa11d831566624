-- m107: whether a contract was let collaboratively, read from the words registers write.
--
-- A register says it in free text as often as by a name alone: "Call-off from CCS RM6187",
-- "Framework (ESPO 653F)", "Mini-competition via Bluelight Commercial framework", "Collaborative - NW
-- Police", "Regional", "National"; and says the force let it alone in words too: "Force only", "Own
-- tender", "Single force contract", "In-house", "Direct award", "Open tender". Before, a route was
-- matched only when its whole cell was a route's name ("CCS"), and a column headed "Framework" counted
-- any words at all as a framework ("Force only" was collaborative).

-- Routes are matched by their names as words inside the route's text; a specific name (ESPO, CCS)
-- is the route before a generic one (a name that is itself a word collab_words reads: "framework").
INSERT INTO collaborative_routes VALUES
    ('nw police', 'North West police regional', NULL),
    ('north west police', 'North West police regional', NULL),
    ('bluelight', 'Bluelight Commercial', NULL),
    ('blue light', 'Bluelight Commercial', NULL),
    ('crown commercial', 'Crown Commercial Service', NULL),
    ('nhs supply chain', 'Other public buying organisation', 'NHS buying organisation'),
    ('procurement partnership', 'Other public buying organisation', 'The Procurement Partnership'),
    ('north east procurement organisation', 'Other public buying organisation', 'NEPO')
ON CONFLICT DO NOTHING;

-- What words say of a contract's arrangement (``t`` lower case): TRUE let with others or through one
-- (a framework, its call-off or mini-competition, a consortium, a regional or national contract),
-- FALSE let alone (no, none, not a framework, force only, own, in-house, single, a direct award or
-- a tender or quotation of its own), NULL when the words say neither.
CREATE OR REPLACE MACRO collab_negated(t) AS regexp_matches(t,
        '^(no|none|not|non|n)\b|\b(not|non)[\s-]*(an?\s+)?(framework|collaborative|collaboration)\b');
CREATE OR REPLACE MACRO collab_words(t) AS CASE
        WHEN collab_negated(t) THEN FALSE
        WHEN regexp_matches(t, '\b(frameworks?|call[\s-]?offs?|mini[\s-]?comp(etition)?s?|further competition|'
                               || 'consortium|consortia|collaborative|collaboration|collaborated|joint(ly)?|regional|'
                               || 'national|dps|dynamic purchasing|lead force|other forces?|on behalf of|'
                               || 'buying (organisation|organization|group|consortium)|purchasing (organisation|'
                               || 'organization|consortium)|shared service)\b') THEN TRUE
        WHEN regexp_matches(t, '\b(only|own|in[\s-]?house|single|sole|direct award|direct|open|restricted|competitive|'
                               || 'tender(ed)?|quot(e|es|ation|ations)|waiver|exemption|spot purchase)\b') THEN FALSE
        END;

-- A column that names the arrangement ("Framework", "Buying organisation"): the words above, else any
-- name there is one ("RM6187", "Bluelight Commercial": yes). A column that asks ("Collaborative?",
-- "Collaboration: Regional / National / Force only"): yes or no, or the words above; anything else
-- is no answer (quarantined as one).
CREATE OR REPLACE MACRO parse_collaborative(s) AS CASE
        WHEN register_blank(s) THEN NULL
        WHEN parse_register_bool(s) IS NOT NULL THEN parse_register_bool(s)
        ELSE list_transform([_register_text(s)], lambda t: coalesce(collab_words(t),
                                                                    CASE WHEN regexp_matches(t, '[a-z]{2}') THEN TRUE END))[1] END;
CREATE OR REPLACE MACRO parse_collaborative_answer(s) AS CASE
        WHEN register_blank(s) THEN NULL
        ELSE coalesce(parse_register_bool(s), collab_words(_register_text(s))) END;

-- The route a contract's route text names: the specific name first, then the longest.
CREATE OR REPLACE MACRO route_named(route_text) AS (
        SELECT arg_max(r.route, CASE WHEN collab_words(r.alias) IS NULL THEN 1000 ELSE 0 END + length(r.alias))
        FROM collaborative_routes r
        WHERE NOT collab_negated(lower(trim(route_text)))
          AND regexp_matches(lower(trim(route_text)), '(^|[^a-z0-9])' || regexp_escape(r.alias) || '($|[^a-z0-9])'));

CREATE OR REPLACE VIEW contracts_current AS
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
n AS (
    -- the route a route's text names, and what its words say when it names none
    SELECT c.*, route_named(c.route) AS named_route,
           collab_words(lower(trim(coalesce(c.route, '')))) AS route_words
    FROM c
),
reg_key AS (SELECT supplier_key, min(supplier_ref) AS supplier_ref FROM register_latest GROUP BY supplier_key),
reg_id AS (SELECT trim(supplier_id) AS supplier_id, min(supplier_ref) AS supplier_ref FROM register_latest
           WHERE nullif(trim(supplier_id), '') IS NOT NULL GROUP BY 1)
SELECT n.* EXCLUDE (named_route, route_words),
       coalesce(n.collaborative_flag, n.route_words, FALSE) OR n.named_route IS NOT NULL AS is_collaborative,
       CASE WHEN n.named_route IS NOT NULL THEN n.named_route
            WHEN coalesce(n.collaborative_flag, n.route_words, FALSE) THEN coalesce(n.route, 'Collaborative (route not given)')
            ELSE coalesce(n.route, '(route not given)') END AS route_group,
       coalesce(ri.supplier_ref, sl.supplier_ref, rk.supplier_ref) AS supplier_ref,
       row_number() OVER (ORDER BY coalesce(n.collaborative_flag, n.route_words, FALSE) OR n.named_route IS NOT NULL DESC,
                          n.start_date DESC, n.reference, n.contract_id) AS cover_rank
FROM n
LEFT JOIN reg_id ri ON ri.supplier_id = trim(n.supplier_id)
LEFT JOIN supplier_links sl ON sl.spend_key = n.supplier_key
LEFT JOIN reg_key rk ON rk.supplier_key = n.supplier_key;
