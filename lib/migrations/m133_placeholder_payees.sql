-- m133: payees written as no one in particular. "Unspecified", "Unknown", "Not specified" (a research
-- council's lines with no payee named) and "Grant recipient" (a grant-giver's recipients withheld) were
-- stored as suppliers' names: counted among the suppliers and in the top-supplier lists. They are lines
-- whose payee is not given, as an empty supplier cell is (stored redacted at source), and are marked so
-- now; a firm with such a word in its name ("Unknown Worlds Ltd", "Grant Recipients Trust") is not.
CREATE OR REPLACE MACRO is_redacted_name(s) AS regexp_matches(coalesce(s, ''),
        '(?i)\bredact(ed|ion)?\b|\bwithheld\b|^\W*[*xX#]{3,}\W*$|^data protection'
        || '|^\W*(an? )?(private )?individuals?(\s*\(s\))?\W*$'
        || '|^\W*personal (data|information|details)(\W+(removed|withheld|excluded|protected|not (disclosed|published|shown)))?\W*$'
        || '|^\W*(name |payee |supplier )?not (disclosed|published|shown)\b'
        || '|^\W*(undisclosed|confidential|sensitive|gdpr)( (data|payee|supplier|recipient))?\W*$'
        || '|^\W*(unspecified|unknown|not (specified|known|stated|given))( (payee|supplier|recipient|creditor|vendor)s?)?\W*$'
        || '|^\W*(grant|award) recipients?\W*$');

-- Lines already stored under such a name are redacted lines now, as a new load would store them;
-- everything derived from the lines is then worked out again at the next write or open.
CREATE TEMP TABLE _m133_moved AS
    SELECT count(*) AS n FROM transactions WHERE NOT is_redacted AND is_redacted_name(supplier_name);
UPDATE transactions SET is_redacted = TRUE, supplier_key = 'REDACTED'
    WHERE NOT is_redacted AND is_redacted_name(supplier_name);
UPDATE derived_state SET inputs = NULL WHERE (SELECT n FROM _m133_moved) > 0;
UPDATE cover_state SET inputs = NULL WHERE (SELECT n FROM _m133_moved) > 0;
UPDATE summary_state SET inputs = NULL WHERE (SELECT n FROM _m133_moved) > 0;
UPDATE filter_choices_state SET inputs = NULL WHERE (SELECT n FROM _m133_moved) > 0;
UPDATE spend_facts_state SET inputs = NULL WHERE (SELECT n FROM _m133_moved) > 0;
UPDATE redaction_flag_state SET inputs = NULL WHERE (SELECT n FROM _m133_moved) > 0;
UPDATE review_kept_state SET inputs = NULL WHERE (SELECT n FROM _m133_moved) > 0;
UPDATE fuzzy_state SET inputs = NULL WHERE (SELECT n FROM _m133_moved) > 0;
DROP TABLE _m133_moved;
