"""The messages of an import, in the user's language: column labels, file and row errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from muster.people import import_columns, importing
from muster.people.services import id_problem_message

if TYPE_CHECKING:
    pass


def column_label(key: str) -> str:
    if key == "residence_unit_id":
        key = "village"
    column = import_columns.COLUMN_BY_KEY.get(key)
    return column.header if column is not None else key


def table_error_message(code: str) -> str:
    return {
        "format": _("The file is not a readable spreadsheet (xlsx) or CSV file."),
        "empty": _("The file is empty."),
        "encoding": _("The CSV file is not in UTF-8 or Windows Vietnamese encoding."),
    }.get(code, _("The file cannot be read."))


def error_message(error: importing.RowError) -> str:
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


def row_messages(row: importing.RowResult) -> list[str]:
    return [error_message(error) for error in row.errors]
