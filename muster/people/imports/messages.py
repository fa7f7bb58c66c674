"""The messages of an import, in the user's language: column labels, file and row errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from muster.people.imports import checks, columns, files
from muster.people.services import id_problem_message

if TYPE_CHECKING:
    pass


def column_label(key: str) -> str:
    if key == "residence_unit_id":
        key = "village"
    column = columns.COLUMN_BY_KEY.get(key)
    return column.header if column is not None else key


def _number(value: int) -> str:
    """A whole number with the Vietnamese thousands separator (120.000)."""
    return f"{value:,}".replace(",", ".")


def table_error_message(code: str, limits: files.Limits = files.LIMITS) -> str:
    """Why a file cannot be read (``files.TableError.code``), with the limit it broke."""
    numbers = {
        "megabytes": _number(limits.file_bytes // (1024 * 1024)),
        "unpacked": _number(limits.unpacked_bytes // (1024 * 1024)),
        "rows": _number(limits.rows),
        "columns": _number(limits.columns),
        "cells": _number(limits.cells),
        "chars": _number(limits.cell_chars),
        "seconds": _number(round(limits.seconds)),
    }
    texts = {
        "format": _("The file is not a readable spreadsheet (xlsx) or CSV file."),
        "empty": _("The file is empty."),
        "encoding": _("The CSV file is not in UTF-8 or Windows Vietnamese encoding."),
        "too_big": _("The file is larger than %(megabytes)s MB; split it by village."),
        "unpacked": _(
            "The xlsx file unpacks to more than %(unpacked)s MB; copy the table into a new "
            "spreadsheet or save it as CSV."
        ),
        "dimension": _(
            "The sheet declares more than %(rows)s rows or %(columns)s columns. Delete the "
            "empty rows and columns after the table, or copy the table into a new sheet."
        ),
        "too_many_rows": _("The sheet has more than %(rows)s rows; split it by village."),
        "too_many_columns": _(
            "A row has more than %(columns)s columns; delete the columns after the table."
        ),
        "too_many_cells": _("The sheet has more than %(cells)s filled cells; split it by village."),
        "cell_too_long": _("A cell holds more than %(chars)s characters."),
        "nul": _(
            "The file contains NUL characters (code 0): it is not a text CSV. Save it again "
            "as xlsx or as CSV UTF-8."
        ),
        "too_slow": _("Reading the file took more than %(seconds)s seconds; split it by village."),
    }
    return texts.get(code, _("The file cannot be read.")) % numbers


def error_message(error: checks.RowError) -> str:
    """The user-facing text of one problem, naming its column."""
    label = column_label(error.column)
    code = error.code
    if code.startswith("id_") and code not in ("id_twice", "id_elsewhere"):
        return id_problem_message(code[3:])
    texts = {
        "column_missing": _("The required column “%(column)s” is missing or not mapped."),
        "column_twice": _("The field “%(column)s” is mapped from two columns."),
        "unknown_column": _("Unknown field “%(column)s”."),
        "required": _("“%(column)s” is empty."),
        "date_format": _("“%(column)s”: “%(value)s” is not a date dd/mm/yyyy."),
        "date_future": _("“%(column)s”: %(value)s is in the future."),
        "date_too_old": _("“%(column)s”: %(value)s is before 1900."),
        "village": _("No village or residential group “%(value)s” in this commune."),
        "village_ambiguous": _("Two villages of this commune are called “%(value)s”."),
        "sex": _("“%(column)s”: “%(value)s” is neither Nam nor Nữ."),
        "ethnicity": _("“%(column)s”: “%(value)s” is not one of the 54 ethnic groups."),
        "school_grade": _("“%(column)s”: “%(value)s” is not a grade from 0/12 to 12/12."),
        "yes_no": _("“%(column)s”: write x (yes) or leave empty, not “%(value)s”."),
        "choice": _("“%(column)s”: “%(value)s” is not an accepted value."),
        "too_long": _("“%(column)s” is longer than %(value)s characters."),
        "hidden_characters": _(
            "“%(column)s” contains hidden or control characters (%(value)s): type it again."
        ),
        "id_twice": _("The ID number already appears on row %(value)s of this file."),
        "id_elsewhere": _("The ID number belongs to a citizen registered in another commune."),
    }
    text = texts.get(code, _("Invalid value in “%(column)s”."))
    return text % {"column": label, "value": error.detail}


def row_messages(row: checks.RowResult) -> list[str]:
    return [error_message(error) for error in row.errors]
