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
-- How far the options taken move a contract's end, in months: its options as written ("2+1+1" after a
-- term, the first figure the term first let; "1 + 1 years", "2 x 12 months" in a column of the options
-- alone; in months where the text says so, else years), and what was taken ("No", "None to date"
-- nothing; "1st extension taken", "Option 1 exercised", "Yes (1st of 2)" the first; "2nd" the first two;
-- "Both", "All", "Options 1 and 2 exercised" all of them; "Yes - 1 yr", "12 months" as long as it says;
-- "Yes" alone the first). NULL when it cannot say (a "Yes" with no options written).
CREATE OR REPLACE MACRO _term_option_months(terms, term_first) AS list_transform(
        CASE WHEN regexp_matches(coalesce(terms, ''), '\d\s*[x×]\s*\d')
             THEN list_transform(range(CAST(regexp_extract(terms, '(\d+)\s*[x×]\s*\d', 1) AS INTEGER)),
                                 lambda k: regexp_extract(terms, '\d\s*[x×]\s*(\d+(?:\.\d+)?)', 1))
             WHEN term_first THEN regexp_extract_all(coalesce(terms, ''), '\d+(?:\.\d+)?')[2:]
             ELSE regexp_extract_all(coalesce(terms, ''), '\d+(?:\.\d+)?') END,
        lambda x: CAST(x AS DECIMAL(9,2)) * CASE WHEN regexp_matches(lower(terms), 'month|mths?\b|\d\s*m\b') THEN 1 ELSE 12 END);
CREATE OR REPLACE MACRO extension_months(taken, terms, term_first) AS list_transform([lower(trim(coalesce(taken, '')))], lambda t: CASE
        WHEN t = '' OR regexp_matches(t, '^(no|none|n|nil|not|0|-|–|n/?a)\b') THEN 0
        WHEN regexp_matches(t, '(\d+(?:\.\d+)?)\s*(years?|yrs?|months?|mths?)\b') THEN
             CAST(regexp_extract(t, '(\d+(?:\.\d+)?)\s*(years?|yrs?|months?|mths?)\b', 1) AS DECIMAL(9,2))
             * CASE WHEN regexp_extract(t, '(\d+(?:\.\d+)?)\s*(years?|yrs?|months?|mths?)\b', 2) LIKE 'm%' THEN 1 ELSE 12 END
        WHEN len(_term_option_months(terms, term_first)) = 0 THEN NULL
        WHEN regexp_matches(t, '\b(both|all)\b|\b1\s*(and|&|\+|,)\s*2\b|1st\s*(and|&|\+|,)\s*2nd') THEN list_sum(_term_option_months(terms, term_first))
        WHEN regexp_matches(t, '\b(2nd|second|two)\b|\b(option|extension)s?\s+2\b') AND NOT regexp_matches(t, '\b(1st|first|1)\s+of\b')
             THEN list_sum(_term_option_months(terms, term_first)[1:2])
        WHEN regexp_matches(t, '\b(1st|first|one|yes|y|taken|exercised|used)\b|\b(option|extension)s?\s+1\b') THEN _term_option_months(terms, term_first)[1]
        END)[1];
