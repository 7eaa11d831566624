-- m128: a line's department, category or description written as a lone nought or dash ("0", "-",
-- "0.00": a spreadsheet's empty formula, an NHS trust's "0,0" for expense type and area) names no
-- department, category or purpose: it is none given, shown as unknown, not a group called "0".
-- (Codes and references keep theirs: "0" may be a ledger's code.)
CREATE OR REPLACE MACRO label_text(s) AS CASE WHEN length(s) <= 4 AND s IN ('0', '-', '--', '–', '0.00', '.', '?', '??')
        THEN NULL ELSE s END;
