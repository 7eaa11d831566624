-- m122: a register's answer with a note after it is the answer.
--
-- Registers mark a cell with a footnote ("Y*", "£50,000†") or write a note after its figure
-- ("£2,500,000 (whole life)", "£-2,000 (price increase)", "10% (see note 3)"), and write a saving
-- lost in brackets with its scale ("(£5k)"). Such cells were not read: a contract loaded with no
-- value, a VCSE with no answer (unknown), and savings were quarantined. Now a footnote mark at the
-- end of a cell, and a note in brackets after a figure, are set aside before the cell is read; a sum
-- in brackets is that sum lost (negative), as it is when written without its scale. What the cell
-- says before them is read as before, and a cell that reads as it stands is never changed.
CREATE OR REPLACE MACRO _register_note_off(s) AS regexp_replace(regexp_replace(trim(coalesce(s, '')),
        '\s*[*†‡¹²³]+\s*$', ''),
        '(\d\S*)\s*\([^()]*[A-Za-z][^()]*\)\s*$', '\1');

-- the readings of m108 (money) and m112 (yes or no, percentage), kept under names of their own
CREATE OR REPLACE MACRO _register_money_as_written(s) AS CASE WHEN NOT register_blank(s) AND NOT register_per_period(s) THEN
        coalesce(parse_amount(s), parse_amount(_register_money_text(s)), _register_scaled(_register_money_text(s)),
                 _register_range_top(_register_money_text(s))) END;
CREATE OR REPLACE MACRO _register_pct_as_written(s) AS CASE WHEN NOT register_blank(s) THEN coalesce(parse_pct(s),
        CASE WHEN regexp_full_match(trim(s), '[A-Za-z][A-Za-z ]*:?\s*\d+(\.\d+)?\s*%')
             THEN parse_pct(regexp_extract(trim(s), '(\d+(\.\d+)?)\s*%$', 1))
             WHEN regexp_full_match(trim(s), '\d+(\.\d+)?\s*(%|per ?cent)(\s+[A-Za-z].*)?')
             THEN parse_pct(regexp_extract(trim(s), '^(\d+(\.\d+)?)', 1)) END) END;
CREATE OR REPLACE MACRO _register_bool_as_written(s) AS CASE WHEN NOT register_blank(s) THEN coalesce(parse_bool(s),
        CASE WHEN regexp_matches(_register_text(s), '^(yes|y)\s*[-–:,;(/]') AND NOT regexp_matches(_register_text(s), '^(yes|y)\s*/\s*(no|n)\b') THEN TRUE
             WHEN regexp_matches(_register_text(s), '^(no|n)\s*[-–:,;(/]') AND NOT regexp_matches(_register_text(s), '^(no|n)\s*/\s*(yes|y)\b') THEN FALSE END,
        CASE WHEN strpos(s, '/') > 0 THEN _welsh_bool(trim(split_part(_register_text(s), '/', 1))) END,
        _welsh_bool(_register_text(s))) END;

-- (a cell that says nothing once its mark is set aside, "N/A*", "TBC (see note)", says nothing)
CREATE OR REPLACE MACRO parse_register_money(s) AS CASE WHEN NOT register_blank(_register_note_off(s)) THEN
        coalesce(_register_money_as_written(s), _register_money_as_written(_register_note_off(s)),
                 CASE WHEN regexp_full_match(_register_note_off(s), '\(\s*[^()]*\d[^()]*\)')
                      THEN -_register_money_as_written(regexp_extract(_register_note_off(s), '^\(\s*(.*?)\s*\)$', 1)) END) END;
CREATE OR REPLACE MACRO parse_register_pct(s) AS CASE WHEN NOT register_blank(_register_note_off(s)) THEN
        coalesce(_register_pct_as_written(s), _register_pct_as_written(_register_note_off(s))) END;
CREATE OR REPLACE MACRO parse_register_bool(s) AS CASE WHEN NOT register_blank(_register_note_off(s)) THEN
        coalesce(_register_bool_as_written(s), _register_bool_as_written(_register_note_off(s))) END;
