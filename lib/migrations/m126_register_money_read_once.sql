-- m126: a register's sum is planned in a fraction of the time, and read as before.
--
-- parse_register_money (m122) tries a cell as written, without its note, and in brackets; each try
-- reads the cell as spend does (parse_amount), with the words around the sum set aside, with its scale
-- and as the top of a range, each a macro of its own. DuckDB copies a macro's body into every place it
-- is called, so one call held nine copies of parse_amount and six of the scale's reading, with a
-- scalar subquery (planned as a join) in each, and took 0.3-0.5 s to plan before a row was read; a
-- register's staging names it a dozen times (a two-row savings file took 10 s to load). Now each
-- reading is written once and applied to a list of the forms it is tried on, in the order they were
-- tried: the first form it reads wins, as coalesce took the first reading that was not NULL. The
-- lambdas are not nested inside one another (DuckDB binds a lambda's body again for each level),
-- and their names are this file's own (_rm_*) so that no column of a caller's is captured.
CREATE OR REPLACE MACRO _register_scaled_value(t) AS
        TRY_CAST(replace(regexp_extract(t, '(\d[\d,]*(\.\d+)?)', 1), ',', '') AS DECIMAL(30,12))
        * CASE regexp_extract(t, '(k|m|mn|bn|b|thousand|million|billion)$', 1)
              WHEN 'k' THEN 1000 WHEN 'thousand' THEN 1000 WHEN 'bn' THEN 1000000000
              WHEN 'b' THEN 1000000000 WHEN 'billion' THEN 1000000000 ELSE 1000000 END
        * CASE WHEN t LIKE '-%' THEN -1 ELSE 1 END;
CREATE OR REPLACE MACRO _register_scaled(t) AS CASE
        WHEN regexp_full_match(t, '(-)?\s*£?\s*(\d{1,3}(,\d{3})*|\d+)(\.\d+)?\s*(k|m|mn|bn|b|thousand|million|billion)')
         AND _register_scaled_value(t) = round(_register_scaled_value(t), 2) AND abs(_register_scaled_value(t)) < 1e12
        THEN _register_scaled_value(t)::DECIMAL(14,2) END;

-- the top of a range a register writes ("£10k - £20k", "5 to 10 million"): the text m108's
-- _register_range_top read, which is read below with the other forms (and so is dropped)
DROP MACRO IF EXISTS _register_range_top;
CREATE OR REPLACE MACRO _register_range_end(t) AS CASE WHEN regexp_full_match(t, '[^\d]*\d.*\s(-|–|to)\s+[^\d]*\d.*')
        THEN regexp_extract(t, '\s(?:-|–|to)\s+(.*)$', 1) END;

-- As written: as spend reads it, then with the words around it set aside, then that with its scale,
-- then the top of a range, as spend reads it and with its scale.
CREATE OR REPLACE MACRO _register_money_as_written(s) AS CASE WHEN NOT register_blank(s) AND NOT register_per_period(s) THEN
        list_filter(list_transform([
                {'c': s::VARCHAR, 'scaled': FALSE},
                {'c': _register_money_text(s), 'scaled': FALSE},
                {'c': _register_money_text(s), 'scaled': TRUE},
                {'c': _register_range_end(_register_money_text(s)), 'scaled': FALSE},
                {'c': _register_range_end(_register_money_text(s)), 'scaled': TRUE}],
            lambda _rm_f: CASE WHEN _rm_f.scaled THEN _register_scaled(_rm_f.c) ELSE parse_amount(_rm_f.c) END),
        lambda _rm_a: _rm_a IS NOT NULL)[1] END;

-- The cell as written, else without its note, else in brackets (a sum lost, so negative).
CREATE OR REPLACE MACRO parse_register_money(s) AS CASE WHEN NOT register_blank(_register_note_off(s)) THEN
        list_filter(list_transform([
                {'c': s::VARCHAR, 'sign': 1},
                {'c': _register_note_off(s), 'sign': 1},
                {'c': CASE WHEN regexp_full_match(_register_note_off(s), '\(\s*[^()]*\d[^()]*\)')
                           THEN regexp_extract(_register_note_off(s), '^\(\s*(.*?)\s*\)$', 1) END, 'sign': -1}],
            lambda _rm_f: CAST(_register_money_as_written(_rm_f.c) * _rm_f.sign AS DECIMAL(14,2))),
        lambda _rm_a: _rm_a IS NOT NULL)[1] END;
