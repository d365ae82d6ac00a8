"""Triage suggestions: the subject and problem of a new complaint, suggested from the cases the
Procon has already decided (docs/triage.md). Pure Python: the platform feeds it rows."""
