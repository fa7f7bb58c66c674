"""Render the generated part of docs/eligibility.md from the rule registry. Pure: no Django.

The section between ``BEGIN`` and ``END`` is rewritten by ``manage.py eligibility_docs`` and
checked by ``manage.py eligibility_docs --check`` (and a test), so the document cannot drift
from ``law.RULES`` and ``eligibility.REASON_CODES``.
"""

from __future__ import annotations

from muster.law.book import codes, versions
from muster.law.callup.eligibility.reasons import REASON_CODES
from muster.law.callup.policy import Policy
from muster.law.rulebook import Rule

BEGIN = "<!-- BEGIN GENERATED: rules (manage.py eligibility_docs) -->"
END = "<!-- END GENERATED: rules -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _params(item: Rule) -> str:
    if not item.parameters:
        return ""
    return ", ".join(f"`{k}={v}`" for k, v in item.parameters.items())


def _validity(item: Rule) -> str:
    end = item.valid_to.isoformat() if item.valid_to else "in force"
    return f"{item.valid_from.isoformat()} → {end}"


def render_rules() -> str:
    """The generated section, markers excluded, ending with a newline."""
    lines: list[str] = [
        "_Generated from `muster/law/book.py` and `eligibility.REASON_CODES`; "
        "do not edit by hand. Run `manage.py eligibility_docs` after changing the registry._",
        "",
        "### Rule registry",
        "",
        'One row per rule version. Dates are inclusive; "in force" means no end date is '
        "known. ⚠ marks a version the legal reference could not confirm (a configurable "
        "default).",
        "",
        "| Code | Kind | Rule | Valid | Parameters | Citations |",
        "|---|---|---|---|---|---|",
    ]
    for code in codes():
        for item in versions(code):
            title = f"{item.title} ({item.title_vi})"
            if not item.confirmed:
                title = "⚠ " + title
            if item.note:
                title += f". _{item.note}_"
            cites = "<br>".join(c.label + (f": {c.text}" if c.text else "") for c in item.citations)
            lines.append(
                f"| `{item.code}` | {item.kind} | {_cell(title)} | {_validity(item)} | "
                f"{_cell(_params(item))} | {_cell(cites)} |"
            )
    lines += [
        "",
        "### Reason codes",
        "",
        "| Code | Layer | Meaning |",
        "|---|---|---|",
    ]
    for code, (layer, meaning) in REASON_CODES.items():
        lines.append(f"| `{code}` | {layer} | {_cell(meaning)} |")
    lines += [
        "",
        "### Policy defaults",
        "",
        "| Setting | Default |",
        "|---|---|",
    ]
    for name, value in Policy().as_dict().items():
        shown = str(value).lower() if isinstance(value, bool) else f'"{value}"'
        lines.append(f"| `{name}` | `{shown}` |")
    return "\n".join(lines) + "\n"


class MarkersMissing(ValueError):
    pass


def splice(document: str, generated: str) -> str:
    """``document`` with the text between the markers replaced by ``generated``."""
    start = document.find(BEGIN)
    end = document.find(END)
    if start < 0 or end < 0 or end < start:
        raise MarkersMissing(f"markers {BEGIN!r} … {END!r} not found in order")
    head = document[: start + len(BEGIN)]
    return f"{head}\n{generated}{document[end:]}"
