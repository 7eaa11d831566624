-- m094: a ledger's credit or debit mark in front of the sum, as some finance systems print it:
-- "CR 10.00" is a credit (-10.00), as "10.00 CR" is; "DR 10.00" a debit (10.00), as "10.00 DR" is
-- (m030). Only a mark followed by the sum itself (a digit, a point, a currency mark or a bracket)
-- moves: a leading CR goes to the end, where m011's reading takes it as a credit, a leading DR goes.
-- Everything else reads as before; "CR" or "DR" inside a word or the middle of a cell is not money.
CREATE OR REPLACE MACRO _money_dashes(s) AS regexp_replace(regexp_replace(regexp_replace(
        replace(replace(upper(trim(coalesce(s, ''))), '−', '-'), '–', '-'), '\s*DR$', ''),
        '^DR\s*([0-9.£$€(].*)$', '\1'), '^CR\s*([0-9.£$€(].*)$', '\1CR');
