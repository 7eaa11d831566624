-- m091: periods written as a range of months or a quarter, and the adjustment periods after month 12.
--
-- A line dated by a span of months is dated to the span's first month, as a month's period is:
--   a range of months   "July 2010-September 2010", "Apr-Jun 2023", "Jan to Mar 24",
--                       "Nov 2022 - Jan 2023", "Apr-Jun 2023/24" (a financial year: Jan-Mar is in its second year)
--   a financial-year quarter, written with a financial year: "Q1 2023/24", "2023/24 Q2",
--                       "Quarter 3 2019-20" (Q1 is April to June, Q4 January to March)
--   a calendar quarter, written with a calendar year: "Q1 2023", "2019 Q3", "Quarter 3 2019"
--                       (Q1 is January to March, as a file named ..._2014-q2 has always been read)
-- A financial year's periods 13 to 16 are its adjustment periods (the closing entries after the
-- year's twelve months): "P13 2022/23", or 13 beside "Financial Year" 2022/23, is dated to the year's
-- last month, March 2023 (the load says how many lines were). Period 17 and on is no period: NULL.
CREATE OR REPLACE MACRO _fy_period(p, y1, y2) AS CASE
        WHEN p BETWEEN 1 AND 16 AND (y2 = (y1 + 1) % 100 OR y2 = y1 + 1)
        THEN CASE WHEN p >= 13 THEN make_date(y1 + 1, 3, 1)
                  ELSE make_date(y1 + CASE WHEN p >= 10 THEN 1 ELSE 0 END, (p + 2) % 12 + 1, 1) END END;

-- A month's name (upper case) as its number, or NULL.
CREATE OR REPLACE MACRO _month_no(m) AS list_position(['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP',
        'OCT', 'NOV', 'DEC'], left(m, 3));
-- A year written 2010, 10 or '10 (two digits read as strptime's %y does: 69-99 are the 1900s).
CREATE OR REPLACE MACRO _year4(y) AS CASE WHEN length(replace(y, '''', '')) = 4 THEN CAST(replace(y, '''', '') AS INTEGER)
        ELSE CAST(replace(y, '''', '') AS INTEGER) + CASE WHEN CAST(replace(y, '''', '') AS INTEGER) >= 69 THEN 1900 ELSE 2000 END END;

-- The month of a range: first month, its year (if written), last month, the year (calendar, or a
-- financial year's first).
CREATE OR REPLACE MACRO _range_re() AS '^(JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?,?\s*(''?\d{2}|\d{4})?\s*(?:-|–|TO|/|AND|&)\s*(JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?,?\s*(''?\d{2}|\d{4})(\s*[-/]\s*(\d{2}|\d{4}))?$';
CREATE OR REPLACE MACRO _period_range(t) AS CASE WHEN regexp_full_match(t, _range_re()) THEN
        CASE
            -- the first month's own year: "July 2010-September 2010", "Nov 2022 - Jan 2023"
            WHEN regexp_extract(t, _range_re(), 2) <> '' AND regexp_extract(t, _range_re(), 5) = ''
                THEN make_date(_year4(regexp_extract(t, _range_re(), 2)), _month_no(regexp_extract(t, _range_re(), 1)), 1)
            -- one financial year for both: "Apr-Jun 2023/24", "Jan-Mar 2023/24" (the year's second part)
            WHEN regexp_extract(t, _range_re(), 2) = '' AND regexp_extract(t, _range_re(), 5) <> ''
                THEN _in_fy(make_date(_fy_first_year(regexp_extract(t, _range_re(), 4) || regexp_extract(t, _range_re(), 5)),
                                      _month_no(regexp_extract(t, _range_re(), 1)), 1))
            -- one calendar year for both; a range that runs over the new year ("Dec-Feb 2023") starts the year before
            WHEN regexp_extract(t, _range_re(), 2) = ''
                THEN make_date(_year4(regexp_extract(t, _range_re(), 4))
                               - CASE WHEN _month_no(regexp_extract(t, _range_re(), 1)) > _month_no(regexp_extract(t, _range_re(), 3))
                                      THEN 1 ELSE 0 END,
                               _month_no(regexp_extract(t, _range_re(), 1)), 1)
        END END;

-- Quarters: Q, QTR or QUARTER and its number, before or after the year.
CREATE OR REPLACE MACRO _q_re() AS '(?:Q|QTR|QUARTER)\s*\.?\s*([1-4])';
CREATE OR REPLACE MACRO _fy_re() AS '(?:FY)?\s*((?:19|20)\d{2})\s*[-/]\s*(\d{2}|\d{4})';
CREATE OR REPLACE MACRO _fy_quarter(q, y1, y2) AS CASE WHEN y2 = (y1 + 1) % 100 OR y2 = y1 + 1
        THEN make_date(y1 + CASE WHEN q = 4 THEN 1 ELSE 0 END, (q * 3) % 12 + 1, 1) END;
CREATE OR REPLACE MACRO _period_quarter(t) AS CASE
        WHEN regexp_full_match(t, '^' || _q_re() || '[\s,;:/-]*' || _fy_re() || '$')
            THEN _fy_quarter(CAST(regexp_extract(t, '^' || _q_re() || '[\s,;:/-]*' || _fy_re() || '$', 1) AS INTEGER),
                             CAST(regexp_extract(t, '^' || _q_re() || '[\s,;:/-]*' || _fy_re() || '$', 2) AS INTEGER),
                             CAST(regexp_extract(t, '^' || _q_re() || '[\s,;:/-]*' || _fy_re() || '$', 3) AS INTEGER))
        WHEN regexp_full_match(t, '^' || _fy_re() || '[\s,;:/-]*' || _q_re() || '$')
            THEN _fy_quarter(CAST(regexp_extract(t, '^' || _fy_re() || '[\s,;:/-]*' || _q_re() || '$', 3) AS INTEGER),
                             CAST(regexp_extract(t, '^' || _fy_re() || '[\s,;:/-]*' || _q_re() || '$', 1) AS INTEGER),
                             CAST(regexp_extract(t, '^' || _fy_re() || '[\s,;:/-]*' || _q_re() || '$', 2) AS INTEGER))
        WHEN regexp_full_match(t, '^' || _q_re() || '[\s,;:/-]*((?:19|20)\d{2})$')
            THEN make_date(CAST(regexp_extract(t, '^' || _q_re() || '[\s,;:/-]*((?:19|20)\d{2})$', 2) AS INTEGER),
                           3 * CAST(regexp_extract(t, '^' || _q_re() || '[\s,;:/-]*((?:19|20)\d{2})$', 1) AS INTEGER) - 2, 1)
        WHEN regexp_full_match(t, '^((?:19|20)\d{2})[\s,;:/-]*' || _q_re() || '$')
            THEN make_date(CAST(regexp_extract(t, '^((?:19|20)\d{2})[\s,;:/-]*' || _q_re() || '$', 1) AS INTEGER),
                           3 * CAST(regexp_extract(t, '^((?:19|20)\d{2})[\s,;:/-]*' || _q_re() || '$', 2) AS INTEGER) - 2, 1)
        END;

-- A period cell: as m011 read it, else a range of months, else a quarter.
CREATE OR REPLACE MACRO parse_period(s) AS CASE WHEN nullif(trim(coalesce(s, '')), '') IS NOT NULL
        THEN coalesce(_parse_period(_period_text(s)), _period_range(_period_text(s)), _period_quarter(_period_text(s))) END;

-- The number of a financial year's period as a period cell writes it (13, P13, Period 13 2022/23,
-- 2022/23 P13), or NULL: said by the load when lines were dated by an adjustment period (13 to 16).
CREATE OR REPLACE MACRO fy_period_number(s) AS CASE
        WHEN regexp_full_match(_period_text(s), '\d{1,2}') THEN CAST(_period_text(s) AS INTEGER)
        WHEN regexp_matches(_period_text(s), '^(?:P|PD|PER|PERIOD|M|MONTH)\s*\.?\s*\d{1,2}(?:\D|$)')
            THEN CAST(regexp_extract(_period_text(s), '^(?:P|PD|PER|PERIOD|M|MONTH)\s*\.?\s*(\d{1,2})', 1) AS INTEGER)
        WHEN regexp_matches(_period_text(s), '(?:^|[^A-Z])(?:P|PD|PER|PERIOD|M|MONTH)\s*\.?\s*\d{1,2}$')
            THEN CAST(regexp_extract(_period_text(s), '(\d{1,2})$', 1) AS INTEGER)
        END;
