-- m013: an amount has one meaning, whichever path reads it. The exact cast that reads most cells
-- fast also took exponent text the strict grammar refused (0.E0, .5E1) and some it should never
-- take (5E5. is not a number). Now a mantissa the grammar reads on its own (5, 5., .5, 5.5) may
-- carry an exponent (5.E1, .5E1 are 50 and 5), and a cell with an exponent, a comma or an
-- underscore leaves the fast path for the strict reading, so the cast's leniency never decides.
CREATE OR REPLACE MACRO _uk_number(c) AS regexp_full_match(c, '\d{1,3}(,\d{3})+(\.\d+)?|(\d+(\.\d*)?|\.\d+)(E[-+]?\d+)?');
CREATE OR REPLACE MACRO parse_amount(s) AS CASE
        WHEN strpos(s, ',') = 0 AND strpos(s, '_') = 0 AND strpos(s, 'E') = 0 AND strpos(s, 'e') = 0
            THEN coalesce(TRY_CAST(s AS DECIMAL(14,2)), _uk_value(_uk_norm(s)))
        WHEN regexp_full_match(s, '-?\d{1,3}(,\d{3})+(\.\d+)?') THEN TRY_CAST(replace(s, ',', '') AS DECIMAL(14,2))
        ELSE _uk_value(_uk_norm(s)) END;
