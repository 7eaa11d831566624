-- m150: social value given as a share of the whole evaluation, read as a share of quality (the
-- policy's measure: DOMAIN, at least 2.5% of the quality element), defined once. A register's column
-- of it (lib.ingest.registers._social_value_of_the_whole) and an evaluation written out in words
-- (m146) each wrote the sum again; both now read it from here. None when there is no quality
-- weighting to read it against (or social value above it): the weighting is then kept as written.
CREATE OR REPLACE MACRO social_value_of_quality(sv, q) AS CASE WHEN q > 0 AND sv <= q
        THEN CAST(round(sv * 100 / q, 2) AS DECIMAL(6,2)) END;
CREATE OR REPLACE MACRO criteria_social_value(s) AS CASE
        WHEN register_blank(s) OR _criteria_social_value(s) IS NULL THEN NULL
        WHEN regexp_matches(_criteria_text(s), '\bof (?:the )?quality\b') THEN _criteria_social_value(s)
        ELSE coalesce(social_value_of_quality(_criteria_social_value(s), criteria_quality(s)), _criteria_social_value(s))
        END;
