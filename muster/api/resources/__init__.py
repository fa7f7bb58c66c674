"""The API's read resources beyond the framework's own: the call-up campaigns and decisions,
the militia and reserve summaries, and the directives. Each module holds scoped read functions
(``actor`` and his token-narrowed ``Scope``, reading through the domains' selectors with the
web pages' permission predicates) and the ninja Schemas they return."""
