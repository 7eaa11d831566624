-- m172: a collaboration's supplier cell naming a framework's suppliers a line each, where a line after
-- the first is a charity or a firm written without its legal form ("Motorola Solutions UK Limited" over
-- "Mind in the City" over "Node4 Limited", a national register's lot): m169 read each line as a
-- supplier only when every line after the first ended in a legal form, so the cell kept its first line
-- and lost the rest. An address's lines never end in a legal form, and say where: a number, a postcode,
-- a street or a building's word, a telephone or a mail address. Each line is now a supplier also when
-- half the lines after the first or more end in a legal form (GmbH, KG, AG, "& Co" among them, a
-- supplier from abroad) and no line of the others reads as part of an address. The rest is m169's.
CREATE OR REPLACE MACRO _register_firm_line(l) AS
    regexp_matches(lower(l), '\b(ltd|limited|plc|llp|cic|cio|llc|inc|lp|gmbh|kg|ag|bv|b\.v|nv|n\.v|s\.?a\.?s?|s\.?r\.?l|pty)\.?\s*\)?$|&\s*co\.?\s*\)?$');
CREATE OR REPLACE MACRO _register_address_line(l) AS
    regexp_matches(upper(l), '\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b')
    OR regexp_matches(lower(l), '\d|@|www\.|https?:|\b(tel|telephone|phone|fax|e-?mail|street|st|road|rd|lane|avenue|ave|way|'
                              || 'drive|close|court|park|house|place|square|terrace|crescent|estate|industrial|parade|'
                              || 'walk|gardens|unit|suite|floor|building|po box|united kingdom|uk)\.?\b');
CREATE OR REPLACE MACRO register_supplier_lines(s) AS CASE
    WHEN len(register_detail_lines(s)) >= 2
     AND (list_bool_and(list_transform(register_detail_lines(s), lambda l: regexp_matches(upper(l),
            '\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b|\b(CO|COMPANY|REG|REGISTERED|CHARITY)\.?\s*(NO|NUMBER)\b')))
          -- (every line after the first a firm, m169's case, is one of these: no other line to read)
          OR (2 * len(list_filter(register_detail_lines(s)[2:], lambda l: _register_firm_line(l)))
                  >= len(register_detail_lines(s)) - 1
              AND len(list_filter(register_detail_lines(s)[2:],
                                  lambda l: NOT _register_firm_line(l) AND _register_address_line(l))) = 0))
    THEN array_to_string(register_detail_lines(s), '; ')
    ELSE register_first_line(s) END;
