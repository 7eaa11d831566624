-- m138: words that say no payee, or no code, was recorded.
-- A water regulator's month names one payee "Not analysed" (an interim worker's line): it was stored as
-- a supplier, counted among them and in the top-supplier lists. m133 knew "Not specified", "Not known",
-- "Not stated" and "Not given": any "not" with a word of what was done to the name ("Not analysed",
-- "Not recorded", "Not provided", "Not supplied") says the same, as do "Not available" and "Not
-- applicable". The cell must say only that (a firm called "Not Forgotten Association" is a firm).
-- A department's "Payment to individual" is m111's "Individual", said of the payment: a person's name
-- withheld, as "Private individual" is.
CREATE OR REPLACE MACRO is_redacted_name(s) AS regexp_matches(coalesce(s, ''),
        '(?i)\bredact(ed|ion)?\b|\bwith ?h?eld\b|^\W*[*xX#]{3,}\W*$|^data protection'
        || '|^\W*((payments?|paid|grants?|awards?|refunds?|reimbursements?|expenses?) (to|for) )?(an? )?(private )?individuals?(\s*\(s\))?\W*$'
        || '|^\W*personal (data|information|details)(\W+(removed|withheld|excluded|protected|not (disclosed|published|shown)))?\W*$'
        || '|^\W*(name |payee |supplier )?not (disclosed|published|shown)\b'
        || '|^\W*(undisclosed|confidential|sensitive|gdpr)( (data|payee|supplier|recipient))?\W*$'
        || '|^\W*(unspecified|unknown|not ([a-z]+ed|known|given|available|applicable))( (payee|supplier|recipient|creditor|vendor)s?)?\W*$'
        || '|^\W*(grant|award) recipients?\W*$');

-- A supplier's ID, its VAT number or a category's code written as words that say there is none
-- ("Not recorded" on every line of a patent office's VAT numbers; "None", "N/K", "TBC", "Exempt",
-- "No VAT number") is none given, as an empty cell is: kept, it was a VAT number that every firm of
-- the file shared. A cell with a digit in it is a code, whatever its words. (The loader reads a column
-- through this only when its sampled cells hold such words, lib.ingest.load._cell_shapes: a file that
-- never writes one pays nothing on its lines.)
CREATE OR REPLACE MACRO code_text(s) AS CASE
        WHEN regexp_full_match(s, '(?i)\W*(not?\b[^0-9]*|none|nil|unknown|n\s*/?\s*k|tb[ac]|various|exempt)\W*')
        THEN NULL ELSE s END;

-- Lines already stored under such a name are redacted lines now, as a new load would store them;
-- everything derived from the lines is then worked out again at the next write or open.
CREATE TEMP TABLE _m138_moved AS
    SELECT count(*) AS n FROM transactions WHERE NOT is_redacted AND is_redacted_name(supplier_name);
UPDATE transactions SET is_redacted = TRUE, supplier_key = 'REDACTED'
    WHERE NOT is_redacted AND is_redacted_name(supplier_name);
UPDATE derived_state SET inputs = NULL WHERE (SELECT n FROM _m138_moved) > 0;
UPDATE cover_state SET inputs = NULL WHERE (SELECT n FROM _m138_moved) > 0;
UPDATE summary_state SET inputs = NULL WHERE (SELECT n FROM _m138_moved) > 0;
UPDATE filter_choices_state SET inputs = NULL WHERE (SELECT n FROM _m138_moved) > 0;
UPDATE spend_facts_state SET inputs = NULL WHERE (SELECT n FROM _m138_moved) > 0;
UPDATE redaction_flag_state SET inputs = NULL WHERE (SELECT n FROM _m138_moved) > 0;
UPDATE review_kept_state SET inputs = NULL WHERE (SELECT n FROM _m138_moved) > 0;
UPDATE fuzzy_state SET inputs = NULL WHERE (SELECT n FROM _m138_moved) > 0;
DROP TABLE _m138_moved;
