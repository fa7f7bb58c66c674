"""Every change to directives, targets and reports: validated, one transaction, audited.

The changes live by sub-domain: ``setup`` (bodies, directives, tasks), ``targets`` (targets,
shares, milestones), ``reports`` (the maker and the checker), ``evidence`` (files attached to a
report) and ``guards`` (who may change what; the lock of an approved period). Import from those
modules.
"""
