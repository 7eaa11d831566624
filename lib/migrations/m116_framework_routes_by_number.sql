-- m116: routes read the right way round.
--
-- A call-off from a Crown Commercial Service framework named by its number or its name alone
-- ("Direct award - G-Cloud 14", "RM6187 Lot 3") counted as let alone: "direct award" said so, and
-- nothing in it was known as a framework. A route opening with "Non-competitive" or "No further
-- competition" (a framework's direct award, "... via ESPO framework 664", "... from YPO 000943")
-- counted as "no framework". And The Chest, the North West councils' tendering portal, counted as a
-- buying organisation: a tender advertised there is let alone.
INSERT INTO collaborative_routes VALUES
    ('g-cloud', 'Crown Commercial Service', 'G-Cloud framework'),
    ('g cloud', 'Crown Commercial Service', NULL),
    ('gcloud', 'Crown Commercial Service', NULL),
    ('digital outcomes', 'Crown Commercial Service', 'Digital Outcomes and Specialists framework')
ON CONFLICT DO NOTHING;
DELETE FROM collaborative_routes WHERE alias = 'the chest';

CREATE OR REPLACE MACRO collab_negated(t) AS regexp_matches(t,
        '\b(not|non)[\s-]*(an?\s+)?(framework|collaborative|collaboration)\b'
        || '|\b(no|without)\s+((a|an|any|suitable|available|appropriate|existing|relevant)\s+)*'
        || '(framework|collaborative|collaboration|consortium|buying organisation)s?\b')
    OR (regexp_matches(t, '^(no|none|not|non|n)\b')
        AND NOT regexp_matches(t, '^(non[\s-]*competitive|no\s+further\s+competition)\b'));

CREATE OR REPLACE MACRO collab_words(t) AS CASE
        WHEN collab_negated(t) THEN FALSE
        WHEN regexp_matches(t, '\b(frameworks?|call[\s-]?offs?|mini[\s-]?comp(etition)?s?|further competition|'
                               || 'consortium|consortia|collaborative|collaboration|collaborated|joint(ly)?|regional|'
                               || 'national|dps|dynamic purchasing|lead force|other forces?|on behalf of|'
                               || 'buying (organisation|organization|group|consortium)|purchasing (organisation|'
                               || 'organization|consortium)|shared service|g[\s-]?cloud|rm\s?\d{3,4}|'
                               || 'digital outcomes)\b') THEN TRUE
        WHEN regexp_matches(t, '\b(only|own|in[\s-]?house|single|sole|direct award|direct|open|restricted|competitive|'
                               || 'tender(ed)?|quot(e|es|ation|ations)|waiver|exemption|spot purchase)\b') THEN FALSE
        END;

-- contracts already read: which of them were let with others is worked out again
UPDATE cover_state SET inputs = NULL;
UPDATE spend_facts_state SET inputs = NULL;
