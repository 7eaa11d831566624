-- m113: more of how registers name a collaborative route, and say there was none.
--
-- Buying organisations written alone by their initials or names were not known: "KCS", "NHS SBS",
-- "NOE CPC", "HTE" (their contracts counted as let alone). And a route that says no framework fitted
-- ("Open tender (no suitable framework)", "Tender - no framework available") counted as collaborative
-- because it names a framework.
INSERT INTO collaborative_routes VALUES
    ('kcs', 'Other public buying organisation', 'Kent County Supplies (Commercial Services Kent)'),
    ('kent commercial services', 'Other public buying organisation', NULL),
    ('commercial services kent', 'Other public buying organisation', NULL),
    ('nhs sbs', 'Other public buying organisation', 'NHS Shared Business Services'),
    ('nhs shared business services', 'Other public buying organisation', NULL),
    ('noe cpc', 'Other public buying organisation', 'NHS North of England Commercial Procurement Collaborative'),
    ('north of england commercial procurement collaborative', 'Other public buying organisation', NULL),
    ('hte', 'Other public buying organisation', 'Health Trust Europe'),
    ('health trust europe', 'Other public buying organisation', NULL),
    ('lupc', 'Other public buying organisation', 'London Universities Purchasing Consortium'),
    ('nwupc', 'Other public buying organisation', 'North Western Universities Purchasing Consortium'),
    ('pagabo', 'Other public buying organisation', NULL),
    ('scape', 'Other public buying organisation', NULL),
    ('crown commercial', 'Crown Commercial Service', NULL)
ON CONFLICT DO NOTHING;

CREATE OR REPLACE MACRO collab_negated(t) AS regexp_matches(t,
        '^(no|none|not|non|n)\b|\b(not|non)[\s-]*(an?\s+)?(framework|collaborative|collaboration)\b'
        || '|\b(no|without)\s+((a|an|any|suitable|available|appropriate|existing|relevant)\s+)*'
        || '(framework|collaborative|collaboration|consortium|buying organisation)s?\b');
