-- m109: a sum in another currency is not read as pounds.
--
-- "€500", "$1,200.00", "EUR 700", "700.00 USD" were read as £500, £1,200, £700: the currency mark
-- was stripped like a pound sign. The store holds sums in pounds, and an amount in euros or dollars
-- is not one, so such a cell is not read (its line is quarantined, saying which currency) rather than
-- counted at a rate nobody chose. "GBP" and "£" read as before.

-- The currency a money cell is written in when it is not pounds: '€', '$' or a code (EUR, USD, ...),
-- else NULL. (The LIKEs are cheap; only a cell with three letters in it pays for the code's regex.)
CREATE OR REPLACE MACRO other_currency(s) AS CASE
        WHEN s IS NULL THEN NULL
        WHEN s LIKE '%€%' OR s LIKE '%‚¬%' THEN '€'  -- (and the euro's sign encoded twice: "â‚¬")
        WHEN s LIKE '%$%' THEN '$'
        WHEN regexp_matches(s, '[A-Za-z]{3}')
            THEN nullif(regexp_extract(upper(s),
                 '(?:^|[^A-Z])(EUR|USD|CHF|SEK|NOK|DKK|JPY|CAD|AUD|NZD|PLN|CZK|HUF|INR|CNY|HKD|SGD|ZAR|AED)(?:[^A-Z]|$)', 1), '')
        END;

-- m090's reading, for a cell in pounds only.
CREATE OR REPLACE MACRO parse_amount(s) AS CASE
        WHEN other_currency(s) IS NOT NULL THEN NULL::DECIMAL(14,2)
        WHEN _uk_past_penny(s) THEN NULL::DECIMAL(14,2)
        ELSE coalesce(_parse_amount_uk(s), CASE WHEN _dash_zero(s) THEN 0::DECIMAL(14,2) END) END;
CREATE OR REPLACE MACRO parse_amount_eu(s) AS CASE
        WHEN other_currency(s) IS NOT NULL THEN NULL::DECIMAL(14,2)
        WHEN regexp_full_match(s, '-?\d+') THEN TRY_CAST(s AS DECIMAL(14,2))
        WHEN s LIKE '%,___%' AND _past_penny(_eu_exact(_eu_norm(s))) THEN NULL::DECIMAL(14,2)
        WHEN _dash_zero(s) THEN 0::DECIMAL(14,2)
        ELSE _eu_value(_eu_norm(s)) END;

-- Why a cell was not read as money: another currency first, then as m090 says.
CREATE OR REPLACE MACRO amount_problem(s, european) AS CASE
        WHEN other_currency(s) IS NOT NULL AND regexp_matches(s, '\d')
            THEN 'amount ''' || trim(s) || ''' is in another currency (' || other_currency(s)
                 || '): the store holds sums in pounds; give the sum in pounds'
        WHEN nullif(trim(coalesce(s, '')), '') IS NULL THEN 'no amount'
        WHEN NOT european AND amount_form(s) = 'eu'
            THEN 'amount ''' || trim(s) || ''' is written with a decimal comma but the rest of its column is not: ambiguous'
        WHEN european AND amount_form(s) = 'uk'
            THEN 'amount ''' || trim(s) || ''' is written with a decimal point but its column uses decimal commas: ambiguous'
        WHEN amount_past_penny(s, european)
            THEN 'amount ''' || trim(s) || ''' has more than two decimal places: a payment is in whole pence'
        WHEN amount_form(s) IS NOT NULL
            THEN 'amount ''' || trim(s) || ''' is too large to be a payment (over 999,999,999,999.99)'
        WHEN regexp_matches(s, '\d[,.\s]\d')
            THEN 'amount ''' || trim(s) || ''' is not a sum of money (separators must mark thousands in groups of three)'
        ELSE 'amount ''' || trim(s) || ''' is not a sum of money' END;
