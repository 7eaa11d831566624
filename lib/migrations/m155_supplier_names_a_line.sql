-- m155: a contract's supplier cell naming a supplier a line with no details of their own ("Tarmac
-- Trading Ltd" over "James Bros (Hamworthy) Ltd" over "Hazell & Jefferies Ltd", a framework's lot let
-- to three firms). m144 read each line as a supplier only when each gave a postcode or a company
-- number; otherwise the lines under the first were taken for its address, and two of the three
-- contracts were lost. An address's line does not end in a legal form: when every line of the cell
-- does (Ltd, Limited, PLC, LLP, CIC, CIO, LLC, Inc), each line is a supplier too.
CREATE OR REPLACE MACRO register_supplier_lines(s) AS CASE
    WHEN len(register_detail_lines(s)) >= 2
     AND (list_bool_and(list_transform(register_detail_lines(s), lambda l: regexp_matches(upper(l),
            '\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b|\b(CO|COMPANY|REG|REGISTERED|CHARITY)\.?\s*(NO|NUMBER)\b')))
          OR list_bool_and(list_transform(register_detail_lines(s), lambda l: regexp_matches(lower(l),
            '\b(ltd|limited|plc|llp|cic|cio|llc|inc)\.?\s*\)?$'))))
    THEN array_to_string(register_detail_lines(s), '; ')
    ELSE register_first_line(s) END;
-- And a name cell that labels the name ("Supplier: MOTOROLA SOLUTIONS UK LTD", as an e-tendering
-- system's export writes it): the label is not the name (the contract met none of the firm's spend).
CREATE OR REPLACE MACRO _name_unlabelled(t) AS regexp_replace(t,
        '^(?i)\s*(supplier|contractor|provider|vendor|awarded\s+to|company)(\s+name)?\s*(:|\s[-–]\s)\s*(\S)', '\4');
CREATE OR REPLACE MACRO register_name_of(s) AS list_transform([_name_before_number(_name_unlabelled(register_first_line(s)))],
    lambda t: coalesce(
        nullif(trim(regexp_extract(t, '^(?i)(.*?\b(ltd|limited|llp|plc|cic|cio)\.?)\s*(,|;|\s[-–—]\s)\s*\S', 1)), ''),
        CASE WHEN length(_name_before_street(t)) < coalesce(length(_name_before_number_or_postcode(t)), 100000)
             THEN _name_before_street(t) ELSE _name_before_number_or_postcode(t) END,
        t))[1];
