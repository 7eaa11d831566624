-- m119: a contract's term written with its extension options is the term first let.
--
-- Registers write a term with the options to extend it: "2+1+1", "3 years + 1 + 1", "36 months +
-- 24 months optional", "2 years (+1)", "2+2 years", "3 years with an option to extend by 2", "4
-- years, with 2 x 12 month extensions", "24 months, extendable by 12". Such a cell was read as no
-- term at all, so a contract with no end date became open-ended and covered spend for ever (a 2019
-- contract of "2+1+1" covered 2024/25's spend, though even with every option taken it ended in
-- 2023). The term is now the first one, in the unit the cell gives (after the first number, else
-- anywhere in the cell), else the one its header gives, else years for a first term of 5 or less
-- ("2+1+1", "3+1") and months above ("24+12", "6+6"). The options are not counted: an extension
-- taken is an end date that says so (lib.ingest.registers notes how many terms were read this way).
-- A bare number is read as before: in its header's unit, months when the header gives none.
CREATE OR REPLACE MACRO _term_lead() AS '^(?:(?:an?\s+)?initial\s+(?:term\s+|period\s+)?(?:of\s+)?)?(\d+(?:\.\d+)?)';

CREATE OR REPLACE MACRO term_options(s) AS regexp_matches(_register_text(s),
        _term_lead() || '\s*(?:years?|yrs?|y|months?|mths?|mos?|m)?\s*,?\s*(?:\(\s*)?'
        || '(?:\+|plus\b|(?:with|and|incl\.?|including)\b.*\b(?:option(?:s|al)?|extensions?|extend)|option(?:s|al)?\b|extendable\b|extendible\b)');

CREATE OR REPLACE MACRO parse_term_months(s, unit) AS list_transform([_register_text(s)], lambda t: CASE
        WHEN regexp_full_match(t, '\d+(\.\d+)?\s*(months?|mths?|mos?|m)') THEN TRY_CAST(regexp_extract(t, '^(\d+(\.\d+)?)', 1) AS DECIMAL(8,2))
        WHEN regexp_full_match(t, '\d+(\.\d+)?\s*(years?|yrs?|y)') THEN 12 * TRY_CAST(regexp_extract(t, '^(\d+(\.\d+)?)', 1) AS DECIMAL(8,2))
        WHEN regexp_full_match(t, '\d+(\.\d+)?') THEN CASE unit WHEN 'y' THEN 12 ELSE 1 END * TRY_CAST(t AS DECIMAL(8,2))
        WHEN term_options(t) THEN
            CASE WHEN regexp_matches(t, _term_lead() || '\s*(months?|mths?|mos?|m)\b') THEN 1
                 WHEN regexp_matches(t, _term_lead() || '\s*(years?|yrs?|y)\b') THEN 12
                 WHEN regexp_matches(t, '\d\s*(months?|mths?|mos?|m)\b') THEN 1
                 WHEN regexp_matches(t, '\d\s*(years?|yrs?|y)\b') THEN 12
                 WHEN unit = 'y' THEN 12
                 WHEN unit = 'm' THEN 1
                 WHEN TRY_CAST(regexp_extract(t, _term_lead(), 1) AS DECIMAL(8,2)) <= 5 THEN 12
                 ELSE 1 END
            * TRY_CAST(regexp_extract(t, _term_lead(), 1) AS DECIMAL(8,2))
        END)[1];
