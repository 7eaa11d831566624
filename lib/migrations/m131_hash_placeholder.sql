-- m131: a lone "#", "##" or "*" under a department, category or description (a ledger's placeholder
-- for an empty narrative: a department's list had "#" as the description of 73 of its 96 lines) names
-- nothing, as a lone nought or dash does (m128): none given, shown as unknown, not a group called "#".
-- (Codes and references keep theirs.)
CREATE OR REPLACE MACRO label_text(s) AS CASE WHEN length(s) <= 4 AND s IN ('0', '-', '--', '–', '0.00', '.', '?', '??',
                                                                        '#', '##', '*')
        THEN NULL ELSE s END;
