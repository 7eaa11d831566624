-- m012: what became of every column of a file. A batch records the columns it did not use and
-- how each field's column was found (header words, contents, a remembered or a given mapping);
-- a loaded line keeps the cells it had in unnamed, unused columns (stray notes, helper formulas)
-- rather than being refused for them; a remembered mapping keeps the headers it was confirmed for.
ALTER TABLE batches ADD COLUMN columns_unused VARCHAR;     -- JSON {sheet: [header or "column E", ...]}
ALTER TABLE batches ADD COLUMN columns_found VARCHAR;      -- JSON {sheet: {field: {"column": header, "found": how}}}
ALTER TABLE transactions ADD COLUMN extra_cells VARCHAR;   -- JSON {"column E": text} or NULL
ALTER TABLE column_mappings ADD COLUMN headers VARCHAR;    -- JSON list of the headers confirmed
ALTER TABLE column_mappings ADD COLUMN confirmed_by VARCHAR;
