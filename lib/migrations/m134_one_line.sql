-- m134: a text cell read as one line. A label typed over two lines, or wrapped by a PDF's conversion
-- ("Trust-Contract \nHcare Srv Rec NHS" beside the same words on one line), was stored with its line
-- break: two groups on every page for one category. The loaders read the cells of a column whose
-- sampled cells break so (lib.ingest.columns.add_multiline) through this: each break, with the spaces
-- about it, is one space.
CREATE OR REPLACE MACRO one_line(s) AS CASE WHEN regexp_matches(s, '[\r\n]')
        THEN nullif(trim(regexp_replace(s, '\s*[\r\n]+\s*', ' ', 'g')), '') ELSE s END;
