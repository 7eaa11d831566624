-- m176: a contract's value written as a year's sum in its own cell ("£18,600 p.a.", "£11,000 per
-- annum") is the year's times the contract's term.
--
-- m108 read no value from such a cell, so that a year's sum was not taken for the whole contract's;
-- but a hand-kept register writes many of its values so ("Value": "£18,600 p.a.", 1 Sep 2022 to 31 Aug
-- 2025), and each such contract was left with no value, or, where most of a column was written so,
-- the column was not read as the value at all. A sum by the year is read without its words for the
-- year (register_year_off: any other cell is as it was), for the column's profile as for the value;
-- lib.ingest.registers multiplies it by the term from start to end, as it does a column whose header
-- says it gives a year's value; a contract with no end keeps no value. A sum by the month or the week
-- still gives none.
-- (the words m108 reads as a year's, after the sum)
CREATE OR REPLACE MACRO _register_year_words() AS '\s(per annum|per year|a year|each year|annually|per yr|p\.\s?a\.?|pa)$';
CREATE OR REPLACE MACRO register_year_off(s) AS CASE
        WHEN regexp_matches(_register_text(s), '\d.*' || _register_year_words())
        THEN rtrim(regexp_replace(_register_text(s), _register_year_words(), ''))
        ELSE s END;
-- The year's sum a cell gives ("£18,600 p.a.": 18600.00); NULL for any other cell.
CREATE OR REPLACE MACRO register_year_sum(s) AS CASE WHEN register_year_off(s) IS DISTINCT FROM s
        THEN parse_register_money(register_year_off(s)) END;
