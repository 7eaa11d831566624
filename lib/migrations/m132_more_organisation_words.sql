-- m132: more words that mark an organisation, not a person, in a supplier's name. Real lists from
-- councils and the Greater London Authority had public bodies and care providers proposed as people's
-- names: "London Councils", "Planning Inspectorate", "Public Health England", "Berkshire East PCT",
-- "AXA PPP Healthcare", "Age Concern Slough", "Oxford Economic Forecasting". None of these words is a
-- person's name; staff may remove any of them (a name with one of them is then proposed again).
INSERT INTO redaction_rules (kind, pattern, label, note) VALUES
    ('organisation_word',
     'councils|inspectorate|inspectorates|pct|ccg|icb|healthcare|health|public|concern|nursing|residential|transport|'
     || 'catering|economic|economics|forecasting|research|laboratory|laboratories|pharmacy|dental|opticians',
     'REDACTED PERSONAL DATA', 'Public health and care, research and trades');
