-- m144: a contract's supplier cell that names a supplier a line, each line with its own details.
-- A council's "Supplier name and details" holds, for a contract let to two firms, "Riverside Commercial
-- Vehicles Ltd, Bluebell Way, Preston PR2 5PZ (Co. No. 02987654)" over "North West Truck Services Ltd,
-- 3 Walton Summit Centre, ... PR5 8AL (Co. No. 07788990)". The name is read from the cell's first line
-- (m125), so the second firm was lost. When every line of the cell gives a postcode or a company number
-- of its own, each line is a supplier: the lines are given on as one cell split by "; ", which
-- lib.ingest.registers splits as it splits "A Ltd; B Ltd", each name read without its details (m125).
-- One supplier's address written over several lines gives its postcode once, and keeps its first line.
CREATE OR REPLACE MACRO register_detail_lines(s) AS
    list_transform(list_filter(string_split(replace(trim(coalesce(s, '')), chr(13), ''), chr(10)),
                               lambda l: trim(l) <> ''), lambda l: trim(l));
CREATE OR REPLACE MACRO register_supplier_lines(s) AS CASE
    WHEN len(register_detail_lines(s)) >= 2
     AND list_bool_and(list_transform(register_detail_lines(s), lambda l: regexp_matches(upper(l),
            '\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b|\b(CO|COMPANY|REG|REGISTERED|CHARITY)\.?\s*(NO|NUMBER)\b')))
    THEN array_to_string(register_detail_lines(s), '; ')
    ELSE register_first_line(s) END;
