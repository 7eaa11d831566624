-- m146: a contract's evaluation written out in one column, read for its quality and social value
-- weightings (lib.ingest.columns.add_weightings_in_words finds the column).
-- A council's register gives "Evaluation criteria": "Price 40% / Quality 60% (incl. Social Value 10%)",
-- "Quality 50%, Price 40%, Social Value 10%", "Q60:P30:SV10", "MEAT – 70% quality (inc. 15% social
-- value) / 30% price", "SV 5%", "Lowest price (100% price)", "Price 60% Quality 40% – no social value
-- weighting", "Social Value: N/A". The column was listed as not used, and every contract counted as
-- having no social value weighting.
-- A weighting is a share written after its name ("Quality 60%", "Quality: 60", "Q60", "SV10") or
-- before it ("70% quality", "15% social value"); price alone (100% price, lowest price) is a quality
-- weighting of nought; "no social value" a social value weighting of nought; "N/A" none given.
-- Social value so written is a share of the whole evaluation (it sits inside the quality, or beside
-- it making 100 with price), where the policy's minimum is a share of quality (DOMAIN: at least 2.5% of
-- the quality element): with a quality weighting it is read over it (10% of the whole with quality at
-- 60% is 16.67% of quality), as lib.ingest.registers reads a column of it that makes 100 with the
-- others; a cell that says it is "of quality" keeps it as written, as does one with no quality.
CREATE OR REPLACE MACRO _criteria_text(s) AS lower(regexp_replace(coalesce(s, ''), '\s+', ' ', 'g'));
CREATE OR REPLACE MACRO _criteria_share(t, after, before) AS TRY_CAST(coalesce(
        nullif(regexp_extract(t, '(?:' || after || ')\s*(?:weighting|element|score)?\s*[:=\-–]?\s*(\d+(?:\.\d+)?)\s*%?', 1), ''),
        nullif(regexp_extract(t, '(\d+(?:\.\d+)?)\s*%\s*(?:for\s+|on\s+)?(?:' || before || ')\b', 1), '')) AS DECIMAL(6,2));
CREATE OR REPLACE MACRO criteria_named(s) AS regexp_matches(_criteria_text(s),
        '\b(?:quality|technical|price|cost|social value)\b|\b(?:q|p|sv)\s*[:=]?\s*\d|\bsv\b|\bmeat\b');
CREATE OR REPLACE MACRO criteria_quality(s) AS CASE WHEN NOT register_blank(s) THEN coalesce(
        _criteria_share(_criteria_text(s), '\bquality|\btechnical|\bq', 'quality|technical'),
        CASE WHEN regexp_matches(_criteria_text(s),
                  '\b100\s*%\s*(?:price|cost)\b|\b(?:price|cost)\s*[:=\-–]?\s*100\s*%|\blowest (?:price|cost)\b|\bprice only\b')
             THEN 0::DECIMAL(6,2) END) END;
CREATE OR REPLACE MACRO _criteria_social_value(s) AS coalesce(
        _criteria_share(_criteria_text(s), 'social\s*value|\bsv', 'social\s*value|sv'),
        CASE WHEN regexp_matches(_criteria_text(s), '\bno social value\b|\bsocial value\s*[:=\-–]?\s*(?:0|nil|none)\b')
             THEN 0::DECIMAL(6,2) END);
CREATE OR REPLACE MACRO criteria_social_value(s) AS CASE
        WHEN register_blank(s) OR _criteria_social_value(s) IS NULL THEN NULL
        WHEN regexp_matches(_criteria_text(s), '\bof (?:the )?quality\b') THEN _criteria_social_value(s)
        WHEN criteria_quality(s) > 0 AND _criteria_social_value(s) <= criteria_quality(s)
            THEN CAST(round(_criteria_social_value(s) * 100 / criteria_quality(s), 2) AS DECIMAL(6,2))
        ELSE _criteria_social_value(s) END;
