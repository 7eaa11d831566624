-- m092: m090's test for an amount past the penny, at the cost of a few string functions. m090 sent
-- every cell with three characters after a point ("(12.50)" among them: a bracketed credit) to the
-- exact reading, a handful of regular expressions, and the full reading of such a file's amounts
-- cost three quarters more. Only a cell whose first point is followed by three digits, or that
-- carries an exponent, can be past the penny; the rest go straight to the reading they had. The
-- rule itself (m090) is unchanged.
CREATE OR REPLACE MACRO _digit_after(s, mark, k) AS
        coalesce(strpos(s, mark) > 0 AND substr(s, strpos(s, mark) + k, 1) BETWEEN '0' AND '9', FALSE);
CREATE OR REPLACE MACRO _uk_past_penny(s) AS (coalesce(strpos(s, 'E') > 0 OR strpos(s, 'e') > 0, FALSE)
            OR _digit_after(s, '.', 3))
        AND _past_penny(_uk_exact(_uk_norm(s)));
CREATE OR REPLACE MACRO amount_past_penny(s, european) AS CASE
        WHEN european THEN _digit_after(s, ',', 3) AND _past_penny(_eu_exact(_eu_norm(s)))
        ELSE _uk_past_penny(s) END;
CREATE OR REPLACE MACRO parse_amount_eu(s) AS CASE
        WHEN regexp_full_match(s, '-?\d+') THEN TRY_CAST(s AS DECIMAL(14,2))
        WHEN _digit_after(s, ',', 3) AND _past_penny(_eu_exact(_eu_norm(s))) THEN NULL::DECIMAL(14,2)
        WHEN _dash_zero(s) THEN 0::DECIMAL(14,2)
        ELSE _eu_value(_eu_norm(s)) END;
