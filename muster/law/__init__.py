"""The law as data, and the pure rules that read it (no Django, nothing stateful).

``book`` holds the dated rule book (every rule with its citation and validity); one
sub-package per domain holds that domain's pure rules (``callup``, ``health``, …); the shared
working calendar and legal ages live at the top (``calendar``, ``ages``). Import-linter
contracts keep this package free of Django and of every other Muster package.
"""
