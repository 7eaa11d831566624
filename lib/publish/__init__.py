"""Publishing: redaction, the public transparency snapshot and the managers' briefing."""
