"""The generated section of docs/violations.md. Pure."""

from __future__ import annotations

from muster.law.callup.violations.book import iter_rules, rule
from muster.law.callup.violations.citations import citations_text, citations_vi
from muster.law.rulebook import Rule

# ----------------------------------------------------------------------------- docs

DOCS_BEGIN = "<!-- BEGIN GENERATED: violation rules (manage.py violation_docs) -->"
DOCS_END = "<!-- END GENERATED: violation rules -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _valid(item: Rule) -> str:
    end = f"{item.valid_to:%d/%m/%Y}" if item.valid_to else "in force"
    return f"{item.valid_from:%d/%m/%Y} → {end}"


def _remedy(band: Rule) -> str:
    """The remedial measure of a band rule, in force on its first day (⚠ when unconfirmed)."""
    code = str(band.param("remedy"))
    if not code:
        return "—"
    measure = rule(f"violation.remedy.{code}", band.valid_from)
    return ("⚠ " if not measure.confirmed else "") + f"`{code}`: {measure.title_vi}"


def render_docs() -> str:
    """The generated section of docs/violations.md (markers excluded, ending with a newline)."""
    lines = [
        "_Generated from `muster/law/callup/violations/`; do not edit by hand. Run "
        "`manage.py violation_docs` after changing the rules._",
        "",
        "#### Bands by act and decree",
        "",
        "⚠ marks a band the legal reference does not confirm (a configurable default).",
        "",
        "Offender: `citizen` (the citizen called, from the registry), `anyone` (an individual "
        "or an organisation; an organisation's band is doubled), `organisation`.",
        "",
        "| Act | Valid | Offender | Sanction | Remedial measure | Good reason | Citation | Note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for item in iter_rules():
        if not item.code.startswith("violation.band."):
            continue
        mode = str(item.param("warning"))
        fine = f"{_vnd(item.int_param('fine_min'))}–{_vnd(item.int_param('fine_max'))} VND"
        sanction = {
            "always": "warning",
            "first": f"warning; repeat: {fine}",
        }.get(mode, fine)
        act = item.code.removeprefix("violation.band.")
        title = ("⚠ " if not item.confirmed else "") + f"`{act}`: {item.title_vi}"
        remedy = _remedy(item)
        lines.append(
            f"| {_cell(title)} | {_valid(item)} | {item.param('offenders')} | {sanction} | "
            f"{_cell(remedy)} | {'yes' if item.param('good_reason') else 'no'} | "
            f"{_cell(citations_vi(item))} | {_cell(item.note)} |"
        )
    lines += [
        "",
        "#### Other rules",
        "",
        "| Code | Valid | Rule | Parameters | Citation | Note |",
        "|---|---|---|---|---|---|",
    ]
    for item in iter_rules():
        if item.code.startswith("violation.band."):
            continue
        params = ", ".join(f"`{k}={v}`" for k, v in item.parameters.items())
        title = ("⚠ " if not item.confirmed else "") + f"{item.title} ({item.title_vi})"
        lines.append(
            f"| `{item.code}` | {_valid(item)} | {_cell(title)} | {_cell(params)} | "
            f"{_cell(citations_text(item))} | {_cell(item.note)} |"
        )
    return "\n".join(lines) + "\n"


def splice_docs(document: str, generated: str) -> str:
    """``document`` with the text between the markers replaced by ``generated``."""
    start, end = document.find(DOCS_BEGIN), document.find(DOCS_END)
    if start < 0 or end < start:
        raise ValueError("violation docs markers not found in order")
    return f"{document[: start + len(DOCS_BEGIN)]}\n{generated}{document[end:]}"
