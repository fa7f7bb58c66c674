"""Query lookups of our own."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Lookup
from django.db.models.sql.compiler import SQLCompiler


class AnyOf(Lookup):  # type: ignore[type-arg]
    """``field__any_of=ids``: ``field = ANY(%s)`` with the ids as **one** array parameter on
    PostgreSQL (an ``IN (%s, %s, …)`` list elsewhere).

    The planner treats both alike (it turns an ``IN`` list into ``= ANY(ARRAY[…])``), but a
    province's scope holds ~900 unit ids and the registry list puts them in its query up to
    five times: as separate parameters Django prepares and psycopg splits 4,500 placeholders,
    about a fifth of the page's time (issue 20). Integers only (unit ids).
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> Any:
        return sorted({int(v) for v in self.rhs})

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, list[Any]]:
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        ids: list[int] = self.rhs
        if not ids:
            raise EmptyResultSet
        if connection.vendor == "postgresql":
            return f"{lhs_sql} = ANY(%s::bigint[])", [*lhs_params, ids]
        placeholders = ", ".join(["%s"] * len(ids))
        return f"{lhs_sql} IN ({placeholders})", [*lhs_params, *ids]
