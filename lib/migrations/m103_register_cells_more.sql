-- m103: more of what registers write (lib.ingest.registers), after m102.
--
-- A yes or no with its detail after it ("Yes - Bluelight Commercial", "No (own tender)") is that yes
-- or no. "None" in a column naming a contract's framework or consortium is no arrangement.
CREATE OR REPLACE MACRO parse_register_bool(s) AS CASE WHEN NOT register_blank(s) THEN coalesce(parse_bool(s),
        CASE WHEN regexp_matches(_register_text(s), '^(yes|y)\s*[-–:,;(/]') THEN TRUE
             WHEN regexp_matches(_register_text(s), '^(no|n)\s*[-–:,;(/]') THEN FALSE END) END;
CREATE OR REPLACE MACRO parse_collaborative(s) AS CASE
        WHEN regexp_matches(_register_text(s), '^(no|none|not|non)\b') THEN FALSE
        WHEN register_blank(s) THEN NULL
        WHEN parse_register_bool(s) IS NOT NULL THEN parse_register_bool(s)
        WHEN regexp_matches(s, '[A-Za-z]{2}') THEN TRUE END;
-- A sum with what it leaves out or adds after it ("£1,250,000 ex VAT", "£250,000 + VAT", "£10,000
-- (excl. VAT)"): the sum as written.
CREATE OR REPLACE MACRO _register_money_text(s) AS regexp_replace(regexp_replace(_register_text(s),
        '^(up to|upto|not exceeding|max(imum)?|min(imum)?|est(imated)?\.?|approx(imately|\.)?|circa|c\.|ca\.|around|about|~)\s*(of\s+)?', ''),
        '\s*\(?\s*(\+\s*vat|plus vat|ex\.?\s*vat|exc\.?\s*vat|excl\.?\s*vat|excluding vat|net of vat|inc\.?\s*vat|incl\.?\s*vat|including vat)\s*\)?$', '');
CREATE OR REPLACE MACRO parse_register_money(s) AS CASE WHEN NOT register_blank(s) THEN
        coalesce(parse_amount(s), parse_amount(_register_money_text(s)), _register_scaled(_register_money_text(s))) END;
-- A sum under a header that gives its scale ("Value (£k)", "Saving (£000s)", "Turnover (£m)"): the cell
-- times it, exactly ("12,500" under £k is £12,500,000); a cell that says its own scale ("£1.5m") keeps it.
CREATE OR REPLACE MACRO parse_register_money_scaled(s, scale) AS CASE
        WHEN register_blank(s) THEN NULL
        WHEN regexp_matches(_register_money_text(s), '\d\s*(k|m|mn|bn|b|thousand|million|billion)$') THEN parse_register_money(s)
        ELSE _register_scaled(_register_money_text(s) || scale) END;
-- A percentage written with its words ("Quality 70%", "SV: 10%"): the one number in it.
CREATE OR REPLACE MACRO parse_register_pct(s) AS CASE WHEN NOT register_blank(s) THEN coalesce(parse_pct(s),
        CASE WHEN regexp_full_match(trim(s), '[A-Za-z][A-Za-z ]*:?\s*\d+(\.\d+)?\s*%')
             THEN parse_pct(regexp_extract(trim(s), '(\d+(\.\d+)?)\s*%$', 1)) END) END;
-- Staff as a band ("10-49", "250+", "Fewer than 10"): the end of the band that settles the SME test
-- for any count in it: the top of a closed band (10-49 is read 49), the bottom of an open one
-- (250+ is 250; "Fewer than 10", 9).
CREATE OR REPLACE MACRO parse_register_int(s) AS CASE WHEN NOT register_blank(s) THEN coalesce(parse_int(s),
        CASE WHEN regexp_full_match(_register_text(s), '\d[\d,]*\s*(-|–|to)\s*\d[\d,]*')
                 THEN parse_int(regexp_extract(_register_text(s), '(\d[\d,]*)$', 1))
             WHEN regexp_full_match(_register_text(s), '\d[\d,]*\s*(\+|or more|and over|plus)')
                 THEN parse_int(regexp_extract(_register_text(s), '^(\d[\d,]*)', 1))
             WHEN regexp_full_match(_register_text(s), '(fewer|less) than \d[\d,]*')
                 THEN parse_int(regexp_extract(_register_text(s), '(\d[\d,]*)$', 1)) - 1 END) END;
