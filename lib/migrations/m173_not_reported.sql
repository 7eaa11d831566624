-- m173: an answer "not reported" in a supplier register ("n/r" under "SME?" in a council's social value
-- list, "Not returned", "Awaiting response"): it was read as "No", the supplier counted large. It is no
-- answer, as "Not declared" and "Don't know" are: the supplier's size is unknown, shown as unknown.
-- The rest is m167's.
CREATE OR REPLACE MACRO register_blank(s) AS regexp_full_match(_register_text(s),
        '(tbc|tba|tbd|to be (confirmed|agreed|determined)|n/?a|not applicable|not available|none|nil|unknown|'
        || 'not known|-+|–|—|\?+|ongoing|on-going|rolling|open|open[- ]ended|until further notice|no end date|'
        || 'indefinite|continuous|evergreen|n/?k|don''?t know|do not know|amh|amherthnasol|dim yn berthnasol|anhysbys|'
        || 'not (declared|stated|disclosed|provided|given|answered|reported|returned)|undeclared|prefer not to say|no (response|answer|return)|n/?r|awaiting( (response|return|reply))?)\.?'
        || '|(n/?a|not applicable|n/?k|not known|amh)\s*[-–:(/].*'
        || '|anhysbys\s*/\s*(unknown|not known)\.?|(unknown|not known)\s*/\s*anhysbys\.?'
        || '|(rolling|ongoing|on-going|evergreen)\b.*|until (terminated|cancelled|canceled|further notice|notice( is)? given)\.?')
    AND _bilingual_bool(s) IS NULL AND _tick_bool(s) IS NULL;
