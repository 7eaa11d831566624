-- m160: a register number in brackets after a supplier's name with more words before it than m153 read:
-- "Bridgeway Advocacy (Reg. Charity No. 1051942)", "Hope House (Westmarch) (Registered Charity Number
-- 1036892)", "(No. 04567123)". The name kept the number, so its key met no spend line of the supplier
-- and its spend went off contract. Up to four of the words a register number is labelled with now come
-- before the number, in any order. Brackets holding words only ("Hope House (Westmarch)") stay.
CREATE OR REPLACE MACRO _name_before_number(t) AS coalesce(nullif(trim(regexp_extract(t,
        '^(?i)(.*?\S)\s*\(\s*((company|co|charity|charitable|reg|registered|registration|crn|companies\s+house|'
        || 'no|number|num|regn)\.?\s*:?\s*){0,4}[a-z]{0,2}\s?\d{5,8}\s*\)$', 1)), ''), t);
