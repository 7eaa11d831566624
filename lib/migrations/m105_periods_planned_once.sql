-- m105: the period readings planned once, as m104 did for dates and amounts.
--
-- parse_period handed the period's text to each of its three readings, and a range of months named
-- its one pattern thirteen times over (a regexp_extract for each group it looked at), a quarter
-- each of its four patterns four times: 190 regular expressions, compiled when the statement was
-- planned (some 100 ms, for every load of a file with a period column and every register with a
-- month). Now the text is worked out once, and each pattern gives all its groups in one
-- regexp_extract (a struct of them). Every macro reads exactly what it read before, cell for cell
-- (tests/test_readings_planned_once.py).

-- A range of months' groups: the first month, its year (if written), the last month, the year,
-- and a financial year's second part (with its separator) and its digits (m091's _range_re).
CREATE OR REPLACE MACRO _period_range(t) AS CASE WHEN regexp_full_match(t, _range_re()) THEN
        list_transform([regexp_extract(t, _range_re(), ['m1', 'y1', 'm2', 'y2', 'fy', 'fy_digits'])], lambda g: CASE
            -- the first month's own year: "July 2010-September 2010", "Nov 2022 - Jan 2023"
            WHEN g.y1 <> '' AND g.fy = '' THEN make_date(_year4(g.y1), _month_no(g.m1), 1)
            -- one financial year for both: "Apr-Jun 2023/24", "Jan-Mar 2023/24" (the year's second part)
            WHEN g.y1 = '' AND g.fy <> '' THEN _in_fy(make_date(_fy_first_year(g.y2 || g.fy), _month_no(g.m1), 1))
            -- one calendar year for both; a range that runs over the new year ("Dec-Feb 2023") starts the year before
            WHEN g.y1 = '' THEN make_date(_year4(g.y2) - CASE WHEN _month_no(g.m1) > _month_no(g.m2) THEN 1 ELSE 0 END,
                                          _month_no(g.m1), 1)
        END)[1] END;

CREATE OR REPLACE MACRO _period_quarter(t) AS CASE
        WHEN regexp_full_match(t, '^' || _q_re() || '[\s,;:/-]*' || _fy_re() || '$')
            THEN list_transform([regexp_extract(t, '^' || _q_re() || '[\s,;:/-]*' || _fy_re() || '$', ['q', 'y1', 'y2'])],
                                lambda g: _fy_quarter(CAST(g.q AS INTEGER), CAST(g.y1 AS INTEGER), CAST(g.y2 AS INTEGER)))[1]
        WHEN regexp_full_match(t, '^' || _fy_re() || '[\s,;:/-]*' || _q_re() || '$')
            THEN list_transform([regexp_extract(t, '^' || _fy_re() || '[\s,;:/-]*' || _q_re() || '$', ['y1', 'y2', 'q'])],
                                lambda g: _fy_quarter(CAST(g.q AS INTEGER), CAST(g.y1 AS INTEGER), CAST(g.y2 AS INTEGER)))[1]
        WHEN regexp_full_match(t, '^' || _q_re() || '[\s,;:/-]*((?:19|20)\d{2})$')
            THEN list_transform([regexp_extract(t, '^' || _q_re() || '[\s,;:/-]*((?:19|20)\d{2})$', ['q', 'y'])],
                                lambda g: make_date(CAST(g.y AS INTEGER), 3 * CAST(g.q AS INTEGER) - 2, 1))[1]
        WHEN regexp_full_match(t, '^((?:19|20)\d{2})[\s,;:/-]*' || _q_re() || '$')
            THEN list_transform([regexp_extract(t, '^((?:19|20)\d{2})[\s,;:/-]*' || _q_re() || '$', ['y', 'q'])],
                                lambda g: make_date(CAST(g.y AS INTEGER), 3 * CAST(g.q AS INTEGER) - 2, 1))[1]
        END;

-- A period cell: as m011 read it, else a range of months, else a quarter (m091), its text worked out once.
CREATE OR REPLACE MACRO parse_period(s) AS CASE WHEN nullif(trim(coalesce(s, '')), '') IS NOT NULL
        THEN list_transform([_period_text(s)], lambda p: coalesce(_parse_period(p), _period_range(p), _period_quarter(p)))[1] END;

CREATE OR REPLACE MACRO fy_period_number(s) AS list_transform([_period_text(s)], lambda p: CASE
        WHEN regexp_full_match(p, '\d{1,2}') THEN CAST(p AS INTEGER)
        WHEN regexp_matches(p, '^(?:P|PD|PER|PERIOD|M|MONTH)\s*\.?\s*\d{1,2}(?:\D|$)')
            THEN CAST(regexp_extract(p, '^(?:P|PD|PER|PERIOD|M|MONTH)\s*\.?\s*(\d{1,2})', 1) AS INTEGER)
        WHEN regexp_matches(p, '(?:^|[^A-Z])(?:P|PD|PER|PERIOD|M|MONTH)\s*\.?\s*\d{1,2}$')
            THEN CAST(regexp_extract(p, '(\d{1,2})$', 1) AS INTEGER)
        END)[1];
