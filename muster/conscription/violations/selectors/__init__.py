"""Reads of violation cases, cut to the acting user's area: lists, a case's timeline, the
"possible violations" built from the registry, and the counts the reports use.

``violation_counts(user=..., campaign=...)`` is the reports' entry point (docs/violations.md)."""
