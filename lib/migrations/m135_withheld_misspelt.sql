-- m135: a withheld name misspelt. "Personal Expense, Name Witheld" (a department's list, July 2015)
-- was stored as a supplier's name: the word was matched only as spelt right. "Witheld" and "with held"
-- say the same as "withheld", and are redacted lines now; the rest of the rule is m133's, unchanged.
CREATE OR REPLACE MACRO is_redacted_name(s) AS regexp_matches(coalesce(s, ''),
        '(?i)\bredact(ed|ion)?\b|\bwith ?h?eld\b|^\W*[*xX#]{3,}\W*$|^data protection'
        || '|^\W*(an? )?(private )?individuals?(\s*\(s\))?\W*$'
        || '|^\W*personal (data|information|details)(\W+(removed|withheld|excluded|protected|not (disclosed|published|shown)))?\W*$'
        || '|^\W*(name |payee |supplier )?not (disclosed|published|shown)\b'
        || '|^\W*(undisclosed|confidential|sensitive|gdpr)( (data|payee|supplier|recipient))?\W*$'
        || '|^\W*(unspecified|unknown|not (specified|known|stated|given))( (payee|supplier|recipient|creditor|vendor)s?)?\W*$'
        || '|^\W*(grant|award) recipients?\W*$');

-- Lines already stored under such a name are redacted lines now, as a new load would store them;
-- everything derived from the lines is then worked out again at the next write or open.
CREATE TEMP TABLE _m135_moved AS
    SELECT count(*) AS n FROM transactions WHERE NOT is_redacted AND is_redacted_name(supplier_name);
UPDATE transactions SET is_redacted = TRUE, supplier_key = 'REDACTED'
    WHERE NOT is_redacted AND is_redacted_name(supplier_name);
UPDATE derived_state SET inputs = NULL WHERE (SELECT n FROM _m135_moved) > 0;
UPDATE cover_state SET inputs = NULL WHERE (SELECT n FROM _m135_moved) > 0;
UPDATE summary_state SET inputs = NULL WHERE (SELECT n FROM _m135_moved) > 0;
UPDATE filter_choices_state SET inputs = NULL WHERE (SELECT n FROM _m135_moved) > 0;
UPDATE spend_facts_state SET inputs = NULL WHERE (SELECT n FROM _m135_moved) > 0;
UPDATE redaction_flag_state SET inputs = NULL WHERE (SELECT n FROM _m135_moved) > 0;
UPDATE review_kept_state SET inputs = NULL WHERE (SELECT n FROM _m135_moved) > 0;
UPDATE fuzzy_state SET inputs = NULL WHERE (SELECT n FROM _m135_moved) > 0;
DROP TABLE _m135_moved;
