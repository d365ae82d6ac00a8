"""Consented public narratives: the scrubber of personal data (see docs/narratives.md)."""
