-- m147: a status cell saying a payment did not go out, or came back ("Cancelled", "Void", "Voided",
-- "Reversed", "Reversal", "Rejected", "Stopped", "Recalled", "Returned", "Withdrawn"), as a finance
-- system's "Status" column writes it beside "Paid". Such lines are loaded as the file publishes them,
-- and the load says how many and their sum (lib.ingest.load.status_note).
CREATE OR REPLACE MACRO is_payment_undone(s) AS regexp_matches(lower(coalesce(s, '')),
        '^\W*(payment\s+)?(cancel+ed|cancel+ation|void(ed)?|revers(ed|al)|rejected|stopped|recalled|returned|withdrawn)\b');
