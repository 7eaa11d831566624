-- m142: a supplier's key reads a letter with an accent as the letter.
-- The key (m001) kept A to Z and 0 to 9 and made every other character a space, so "Café Nero Ltd"
-- was keyed "CAF NERO" apart from "Cafe Nero Limited" ("CAFE NERO"), the same firm written without
-- its accent in another month's file, another publisher's, or the register: two suppliers in every
-- list, neither matching the other's register entry. "Müller" was "M LLER", "Ŵyn" "YN". Now the
-- accent is taken off first (DuckDB's strip_accents: é, ü, ñ, ŵ, ç ...), and the letters that carry
-- no accent to take off are written as English writes them (ß as SS, Æ as AE, Œ as OE, Ø as O, Ł as
-- L, Đ as D, Þ as TH). Any other character is still a space.
CREATE TEMP MACRO _m142_old_key(name) AS
    trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        ' ' || trim(regexp_replace(regexp_replace(upper(coalesce(name, '')), '&', ' AND ', 'g'), '[^A-Z0-9]+', ' ', 'g')) || ' ',
        ' T A .*$', ' '),
        '^ THE ', ' '), ' THE $', ' '),
        '( (LIMITED|LTD|PLC|LLP|L L P|P L C|PUBLIC LIMITED COMPANY))+ $', ' '));

CREATE OR REPLACE MACRO latin_letters(s) AS
    translate(strip_accents(replace(replace(replace(replace(replace(s, 'ẞ', 'SS'), 'ß', 'SS'), 'Æ', 'AE'), 'Œ', 'OE'), 'Þ', 'TH')),
              'ØŁĐ', 'OLD');

CREATE OR REPLACE MACRO supplier_key(name) AS
    trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        ' ' || trim(regexp_replace(regexp_replace(latin_letters(upper(coalesce(name, ''))), '&', ' AND ', 'g'), '[^A-Z0-9]+', ' ', 'g')) || ' ',
        ' T A .*$', ' '),                                   -- "X T/A Y": the legal name before T/A
        '^ THE ', ' '), ' THE $', ' '),
        '( (LIMITED|LTD|PLC|LLP|L L P|P L C|PUBLIC LIMITED COMPANY))+ $', ' '));

-- The names already stored whose key moves: only a name with a character beyond ASCII can, and only a
-- row keyed from its own name (as every load keys it) is moved.
CREATE TEMP TABLE _m142_moved AS
    SELECT DISTINCT _m142_old_key(n) AS old_key, supplier_key(n) AS new_key FROM (
        SELECT supplier_name AS n FROM transactions WHERE NOT is_redacted AND regexp_matches(supplier_name, '[^\x01-\x7f]')
        UNION SELECT name FROM supplier_register WHERE regexp_matches(name, '[^\x01-\x7f]')
        UNION SELECT supplier_name FROM contracts WHERE regexp_matches(supplier_name, '[^\x01-\x7f]'))
    WHERE _m142_old_key(n) <> supplier_key(n);

UPDATE transactions SET supplier_key = supplier_key(supplier_name)
    WHERE NOT is_redacted AND regexp_matches(supplier_name, '[^\x01-\x7f]')
      AND supplier_key = _m142_old_key(supplier_name) AND supplier_key <> supplier_key(supplier_name);
UPDATE supplier_register SET supplier_key = supplier_key(name)
    WHERE regexp_matches(name, '[^\x01-\x7f]') AND supplier_key = _m142_old_key(name) AND supplier_key <> supplier_key(name);
UPDATE contracts SET supplier_key = supplier_key(supplier_name)
    WHERE regexp_matches(supplier_name, '[^\x01-\x7f]')
      AND supplier_key = _m142_old_key(supplier_name) AND supplier_key <> supplier_key(supplier_name);

-- What staff decided of a supplier under its old key holds under its new one: each decision is
-- written again for the new key, in the order it was made, and the old one stays as the record.
-- A redaction is the one that matters most: a person's name withheld by a decision on "JOS GARC A"
-- must stay withheld as "JOSE GARCIA".
INSERT INTO redaction_decisions (scope, supplier_key, decision, label, reason, decided_by, decided_at)
    SELECT 'supplier', m.new_key, d.decision, d.label, d.reason || ' (carried from the key "' || d.supplier_key
           || '" when accents were read as their letters, m142)', d.decided_by, d.decided_at
    FROM redaction_decisions d JOIN _m142_moved m ON m.old_key = d.supplier_key
    WHERE d.scope = 'supplier' ORDER BY d.decision_id, m.new_key;
INSERT OR IGNORE INTO match_decisions (spend_key, supplier_ref, decision, score, decided_by, decided_at)
    SELECT coalesce(ms.new_key, d.spend_key),
           coalesce('KEY:' || mr.new_key, d.supplier_ref), d.decision, d.score, d.decided_by, d.decided_at
    FROM match_decisions d
    LEFT JOIN _m142_moved ms ON ms.old_key = d.spend_key
    LEFT JOIN _m142_moved mr ON 'KEY:' || mr.old_key = d.supplier_ref
    WHERE ms.old_key IS NOT NULL OR mr.old_key IS NOT NULL;
INSERT INTO supplier_edits (supplier_ref, field, old_value, new_value, reason, edited_by, edited_at)
    SELECT 'KEY:' || m.new_key, e.field, e.old_value, e.new_value, e.reason, e.edited_by, e.edited_at
    FROM supplier_edits e JOIN _m142_moved m ON e.supplier_ref = 'KEY:' || m.old_key ORDER BY e.edit_id, m.new_key;
INSERT INTO contract_edits (contract_id, field, old_value, new_value, reason, edited_by, edited_at)
    SELECT left(e.contract_id, length(e.contract_id) - length(m.old_key)) || m.new_key,
           e.field, e.old_value, e.new_value, e.reason, e.edited_by, e.edited_at
    FROM contract_edits e JOIN _m142_moved m ON suffix(e.contract_id, '|KEY:' || m.old_key)
    ORDER BY e.edit_id, m.new_key;

-- Everything derived from the lines and registers is worked out again at the next write or open.
UPDATE derived_state SET inputs = NULL WHERE (SELECT count(*) FROM _m142_moved) > 0;
UPDATE cover_state SET inputs = NULL WHERE (SELECT count(*) FROM _m142_moved) > 0;
UPDATE summary_state SET inputs = NULL WHERE (SELECT count(*) FROM _m142_moved) > 0;
UPDATE filter_choices_state SET inputs = NULL WHERE (SELECT count(*) FROM _m142_moved) > 0;
UPDATE spend_facts_state SET inputs = NULL WHERE (SELECT count(*) FROM _m142_moved) > 0;
UPDATE redaction_flag_state SET inputs = NULL WHERE (SELECT count(*) FROM _m142_moved) > 0;
UPDATE review_kept_state SET inputs = NULL WHERE (SELECT count(*) FROM _m142_moved) > 0;
UPDATE fuzzy_state SET inputs = NULL WHERE (SELECT count(*) FROM _m142_moved) > 0;
-- (the spend summed by supplier holds its batches, not a fingerprint: emptied, it is summed again)
DELETE FROM supplier_spend WHERE (SELECT count(*) FROM _m142_moved) > 0;
DELETE FROM supplier_spend_batches WHERE (SELECT count(*) FROM _m142_moved) > 0;
UPDATE supplier_spend_state SET merged_rows = 0 WHERE (SELECT count(*) FROM _m142_moved) > 0;
DROP TABLE _m142_moved;
DROP MACRO _m142_old_key;
