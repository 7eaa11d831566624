-- m036: the filter bar's lists for the store's own bodies (departments, categories, suppliers by
-- spend, each supplier under the name published most often), kept ahead by lib/summary.py whenever
-- the spend summaries or the store's own bodies change, so no page sums tens of thousands of supplier
-- names to draw the filter bar (issue 13). ``inputs``: the summaries' fingerprint and the own bodies
-- the lists were built from; NULL: built on opening.
CREATE TABLE filter_choices (
    kind      VARCHAR NOT NULL,   -- 'departments', 'categories' or 'suppliers' (lib.queries.filter_options)
    position  BIGINT NOT NULL,    -- order shown, from 1
    value     VARCHAR NOT NULL,   -- what the filter holds (supplier_key for suppliers)
    label     VARCHAR NOT NULL    -- what is shown
);
CREATE TABLE filter_choices_state (inputs VARCHAR);
INSERT INTO filter_choices_state VALUES (NULL);
