-- m156: "Chief Constable" with no place is the force's chief constable, as "Police and Crime
-- Commissioner" with no place is its PCC. A joint file of a force and its PCC ("Entity": Chief
-- Constable | Police and Crime Commissioner) put the PCC's lines with the force's own PCC (the PCC's
-- name is placeless: lib.bodies._PLACELESS) and the chief constable's in a peer of their own, "Chief
-- Constable", so the force's own spend fell out of every figure. The bare name is now keyed as a force
-- with no place (CONSTABULARY, as "Police" alone is), read as the force the file is about. Lines a
-- store holds under the old key keep it (a person may move them on the Bodies page).
CREATE OR REPLACE MACRO body_key_of_words(w) AS
    trim(regexp_replace(CASE
        WHEN regexp_matches(w, ' (O PCC|OPCC|PCC|POLICE AND CRIME COMMISSIONER|POLICE CRIME COMMISSIONER) ')
            THEN regexp_replace(w, '\b(OFFICE|OF|FOR|THE|O PCC|OPCC|PCC|POLICE AND CRIME COMMISSIONER|POLICE CRIME COMMISSIONER)\b', ' ', 'g') || ' PCC'
        WHEN regexp_matches(w, '^ CHIEF CONSTABLE (OF|FOR) ')
            THEN regexp_replace(w, '^ CHIEF CONSTABLE (OF|FOR) (THE )?', ' ') || ' CONSTABULARY'
        WHEN regexp_full_match(w, ' (THE )?(OFFICE OF THE )?CHIEF CONSTABLE ')
            THEN ' CONSTABULARY '
        ELSE regexp_replace(regexp_replace(w, '^ THE ', ' '), ' (POLICE FORCE|POLICE SERVICE|POLICE|CONSTABULARY) $', ' CONSTABULARY ')
    END, ' +', ' ', 'g'));
