-- m017: every spend line belongs to a body (the force, its PCC's office, or a peer such as another
-- force or a council). A file from a body that is not one of the store's own is loaded as a peer and
-- never counted in the force's figures: every figure is for the chosen bodies, by default the store's
-- own (lib/bodies.py, lib/filters.py).

-- One key per body, however its files spell it: case, punctuation and "&" folded, a leading "The"
-- dropped; "X Police", "X Police Force", "X Police Service" are "X Constabulary"; "Office of the
-- Police and Crime Commissioner for X", "Police and Crime Commissioner for X", "X OPCC", "X PCC"
-- are "X PCC"; "Chief Constable of X" is "X Constabulary". Other spellings are rows of
-- body_aliases, which staff edit on the Bodies page.
CREATE MACRO body_words(name) AS
    ' ' || trim(regexp_replace(regexp_replace(upper(coalesce(name, '')), '&', ' AND ', 'g'), '[^A-Z0-9]+', ' ', 'g')) || ' ';
CREATE MACRO body_key_of_words(w) AS
    trim(regexp_replace(CASE
        WHEN regexp_matches(w, ' (O PCC|OPCC|PCC|POLICE AND CRIME COMMISSIONER|POLICE CRIME COMMISSIONER) ')
            THEN regexp_replace(w, '\b(OFFICE|OF|FOR|THE|O PCC|OPCC|PCC|POLICE AND CRIME COMMISSIONER|POLICE CRIME COMMISSIONER)\b', ' ', 'g') || ' PCC'
        WHEN regexp_matches(w, '^ CHIEF CONSTABLE (OF|FOR) ')
            THEN regexp_replace(w, '^ CHIEF CONSTABLE (OF|FOR) (THE )?', ' ') || ' CONSTABULARY'
        ELSE regexp_replace(regexp_replace(w, '^ THE ', ' '), ' (POLICE FORCE|POLICE SERVICE|POLICE|CONSTABULARY) $', ' CONSTABULARY ')
    END, ' +', ' ', 'g'));
CREATE MACRO body_key(name) AS nullif(body_key_of_words(body_words(name)), '');

-- The bodies the store knows. own: the store's own bodies (whose figures the app, the snapshot and
-- the briefing show by default); is_default: the own body a file that names none belongs to, when
-- the person loading it chose none.
CREATE TABLE bodies (
    body_key    VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    own         BOOLEAN NOT NULL DEFAULT FALSE,
    is_default  BOOLEAN NOT NULL DEFAULT FALSE,
    added_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    added_by    VARCHAR
);
INSERT INTO bodies (body_key, name, own, is_default) VALUES
    (body_key('Lancashire Constabulary'), 'Lancashire Constabulary', TRUE, TRUE),
    (body_key('Office of the Police and Crime Commissioner for Lancashire'),
     'Office of the Police and Crime Commissioner for Lancashire', TRUE, FALSE);

-- Other spellings of a body: the key of the spelling → the body it is.
CREATE TABLE body_aliases (
    alias_key   VARCHAR PRIMARY KEY,
    body_key    VARCHAR NOT NULL,
    added_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    added_by    VARCHAR
);
INSERT INTO body_aliases (alias_key, body_key) VALUES
    ('LANCS CONSTABULARY', body_key('Lancashire Constabulary')),
    ('LANCASHIRE CONSTABULARY POLICE', body_key('Lancashire Constabulary')),
    ('LANCS PCC', body_key('Office of the Police and Crime Commissioner for Lancashire'));

-- The body of each batch (the one most of its lines belong to) and of each line. A line written
-- without one (by another tool) belongs to the force; existing lines are the store's own: the
-- PCC's office where their body column says so, else the force.
ALTER TABLE batches ADD COLUMN body_key VARCHAR;
ALTER TABLE transactions ADD COLUMN body_key VARCHAR DEFAULT 'LANCASHIRE CONSTABULARY';
UPDATE transactions SET body_key = body_key(body)
WHERE body_key(body) IN (SELECT body_key FROM bodies WHERE own) AND body_key(body) <> 'LANCASHIRE CONSTABULARY';
UPDATE batches SET body_key = 'LANCASHIRE CONSTABULARY' WHERE kind = 'spend';
