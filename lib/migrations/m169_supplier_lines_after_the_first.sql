-- m169: a collaboration's supplier cell naming a framework's suppliers a line each, the first with no
-- legal form ("Heckler & Koch GB" over "Viking Arms Ltd", "Zurich Municipal" over "Aviva Insurance
-- Ltd"): m155 read each line as a supplier only when every line ended in a legal form, so the lines
-- under the first were taken for its address and the second supplier was lost. An address's line never
-- ends in a legal form: when every line after the first does, each line is a supplier (the first a
-- name whatever it ends in, as it is alone). The rest is m155's.
CREATE OR REPLACE MACRO register_supplier_lines(s) AS CASE
    WHEN len(register_detail_lines(s)) >= 2
     AND (list_bool_and(list_transform(register_detail_lines(s), lambda l: regexp_matches(upper(l),
            '\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b|\b(CO|COMPANY|REG|REGISTERED|CHARITY)\.?\s*(NO|NUMBER)\b')))
          OR list_bool_and(list_transform(register_detail_lines(s)[2:], lambda l: regexp_matches(lower(l),
            '\b(ltd|limited|plc|llp|cic|cio|llc|inc)\.?\s*\)?$'))))
    THEN array_to_string(register_detail_lines(s), '; ')
    ELSE register_first_line(s) END;
-- And a start written with the word that says it is one, in a "Contract Period" column of ranges
-- ("Ongoing from 28/10/2023", "Commencing 01/06/2024", "From 3 April 2023"): the day named is the
-- start (no end is written: none). "Ongoing" alone says nothing of a start (register_blank). The rest
-- is m145's.
CREATE OR REPLACE MACRO parse_register_start(s) AS coalesce(CASE WHEN NOT register_blank(s) THEN
        coalesce(parse_uk_date(s), _register_month(s),
                 parse_uk_date(regexp_extract(s, '^\s*(\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\s*[-–—]\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s*$', 1)))
        END,
        parse_uk_date(regexp_extract(s, '^(?i)\s*(?:(?:ongoing|on-going|rolling|running|starting|commencing|effective)\s+(?:from|on)?|from|w\.?e\.?f\.?)\s*'
                                        || '(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{1,2}\s+[a-z]{3,9}\s+\d{4})\s*\.?$', 1)));
