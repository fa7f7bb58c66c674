"""The call-up results report, its evenness view and the dashboard's indicators, as pure
aggregation. No Django.

The selectors read the database into the plain facts of this module (counts grouped by commune
from a few grouped queries, and the quota-sized records: recruits, decisions, returns,
replacements) and the functions here add them up. Every figure is defined in docs/reports.md;
the keys of ``METRICS`` are the names used there, on screen and in the exports.

* A ``facts.Tally`` holds the base counts of one commune (or of several added together). Fields a
  source does not record (a past year known only from ``QuotaHistory``) are listed in
  ``unknown``; a figure that needs one of them is ``None`` ("not recorded"), never 0.
* ``metrics.values(tally)`` gives every figure of ``METRICS`` (counts, and percentages as
  ``Decimal`` with four places, computed exactly from the counts).
* ``spreads.evenness`` gives per commune the call rates, quota met and replacements, their spread
  (min, max, spread, mean, population std, CV) this year and last year, and the communes that
  stand out by the rules of ``docs/reports.md`` §2.

The modules: ``facts`` (code lists, ``RecruitFact``, ``Tally``), ``metrics`` (``METRICS`` and
``values``), ``spreads`` (the evenness view) and ``dashboard`` (``stage_on``, ``indicators``).
Import from those.
"""
