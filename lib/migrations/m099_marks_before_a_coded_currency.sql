-- m099: a ledger's CR or DR in front of a sum whose currency is written as a code or encoded twice
-- ("CR GBP 10.00", "DR Â£10.00") moves as it does before a plain sum (m094): those are the currency
-- marks m096 and m011 already take off the sum itself.
CREATE OR REPLACE MACRO _money_dashes(s) AS regexp_replace(regexp_replace(regexp_replace(
        replace(replace(upper(trim(coalesce(s, ''))), '−', '-'), '–', '-'), '\s*DR$', ''),
        '^DR\s*((?:[0-9.£$€(]|Â£|Â‚¬|GBP|EUR).*)$', '\1'), '^CR\s*((?:[0-9.£$€(]|Â£|Â‚¬|GBP|EUR).*)$', '\1CR');
