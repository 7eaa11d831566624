-- m021: the spend summaries (m020) keep each row's body (m017's body_key), so the figures they answer
-- are the chosen bodies' (by default the store's own: lib.filters puts the body in every WHERE clause)
-- and a peer's lines never reach the force's totals through them. NULL inputs: rebuilt on opening.
ALTER TABLE spend_by_month ADD COLUMN body_key VARCHAR;
ALTER TABLE spend_by_supplier ADD COLUMN body_key VARCHAR;
UPDATE summary_state SET inputs = NULL;
