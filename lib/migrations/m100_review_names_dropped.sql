-- m100: review_names (m086) goes. It held the own bodies' off-contract lines by year, supplier key,
-- department and name as published, for the names of the review list's rows shown: the same rows
-- spend_off_contract holds (with the body and sums beside them), written a second time by every
-- load (a tenth of a second of a million-line load, most of it at COMMIT). The Contracts page now
-- names the rows shown from spend_off_contract (lib.scorecard.contracts.review).
DROP TABLE review_names;
