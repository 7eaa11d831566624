-- m014: everything the store computes from its other tables is brought up to date by one step
-- (lib/derived.py) that every write runs. Each part records the fingerprint of its inputs as they
-- were when it was last computed: a write recomputes only the parts whose inputs moved, and a
-- reader can tell a stale part from a fresh one. NULL: never computed (a store from an older
-- release, whose parts are then computed once on opening).
CREATE TABLE derived_state (
    part    VARCHAR PRIMARY KEY,    -- links | locations | shapes (covered_by keeps cover_state, m009)
    inputs  VARCHAR
);
INSERT INTO derived_state VALUES ('links', NULL), ('locations', NULL), ('shapes', NULL);
