"""Import pages: upload a commune's spreadsheet, map its columns, check every row, confirm.

Nothing reaches the registry before the user confirms; the confirm step checks the file again
and writes it all in one transaction (``services.import_people``) or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from muster.accounts.access import get_for_user, require_cap
from muster.accounts.perms import Cap
from muster.core.forms import BootstrapForm, submit
from muster.core.http import AuthenticatedHttpRequest
from muster.documents.excel import render_xlsx
from muster.documents.http import XLSX, file_response
from muster.documents.tables import Column, TableDocument
from muster.geo.forms import UnitChoiceField
from muster.geo.models import Unit
from muster.geo.selectors import units_for_user
from muster.people.imports import columns, files
from muster.people.imports.messages import (
    column_label,
    error_message,
    row_messages,
    table_error_message,
)
from muster.people.imports.selectors import import_batches_for_user, people_values_for_export
from muster.people.imports.services import (
    Checked,
    ImportRejected,
    import_check,
    import_check_steps,
    import_discard,
    import_people,
    import_set_mapping,
    import_upload,
)
from muster.people.models import ImportBatch, ImportStatus

#: Uploads above this size are refused before they are read (``files.Limits``).
MAX_UPLOAD_BYTES = files.LIMITS.file_bytes
#: Files above this many rows show the "checking" bar while the check runs.
BIG_FILE_ROWS = 3000
PREVIEW_ROWS = 10


class ImportUploadForm(BootstrapForm):
    unit = UnitChoiceField(
        label=gettext_lazy("Commune"), queryset=Unit.objects.none(), to_field_name="public_id"
    )
    file = forms.FileField(label=gettext_lazy("Spreadsheet (xlsx or csv)"))

    def __init__(self, *args: Any, communes: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["unit"].queryset = communes  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(table_error_message("too_big"))
        if not upload.name.lower().endswith((".xlsx", ".csv", ".txt")):
            raise ValidationError(_("Upload an .xlsx or .csv file."))
        return upload


def _communes(request: AuthenticatedHttpRequest) -> Any:
    return units_for_user(request.user).commune_level().order_by("name_search", "-valid_from")


def import_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.EDIT_PEOPLE)
    communes = _communes(request)
    status = 200
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES, communes=communes)
        done = submit(
            request,
            form,
            lambda data: import_upload(
                actor=request.user,
                unit=data["unit"],
                data=data["file"].read(),
                file_name=data["file"].name,
            ),
            success=None,
        )
        if done:
            return redirect("people:import_batch", public_id=done.value.public_id)
        status = 400
    else:
        form = ImportUploadForm(communes=communes)
    return render(
        request,
        "people/import_start.html",
        {
            "form": form,
            "batches": import_batches_for_user(request.user)[:20],
            "columns": columns.COLUMNS,
        },
        status=status,
    )


def _batch(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> ImportBatch:
    return get_for_user(
        request.user,
        ImportBatch.objects.select_related("unit", "created_by"),
        unit_field="unit",
        cap=Cap.EDIT_PEOPLE,
        public_id=public_id,
    )


def _field_choices() -> list[tuple[str, str]]:
    return [("", _("— not imported —"))] + [
        (c.key, c.header + (" *" if c.required else "")) for c in columns.COLUMNS
    ]


def _report_context(checked: Checked) -> dict[str, Any]:
    report = checked.report
    bad = report.bad_rows
    return {
        "report": report,
        "file_errors": [error_message(e) for e in report.file_errors],
        "bad_rows": [(row.line, row_messages(row)) for row in bad[:500]],
        "bad_count": len(bad),
        "created": report.count("create"),
        "updated": report.count("update"),
        "unchanged": report.count("unchanged"),
        "updates": [
            (
                row.line,
                row.values.get("national_id"),
                [
                    (column_label(k), _shown(k, a, checked), _shown(k, b, checked))
                    for k, (a, b) in row.changes.items()
                ],
            )
            for row in report.rows
            if row.action == "update"
        ][:500],
        "duplicates": report.duplicates,
    }


def _shown(key: str, value: Any, checked: Checked) -> str:
    if key == "residence_unit_id":
        return checked.village_names.get(value, "") if value is not None else ""
    if hasattr(value, "strftime"):
        return str(value.strftime("%d/%m/%Y"))
    return "" if value is None else str(value)


def _page(
    request: AuthenticatedHttpRequest,
    batch: ImportBatch,
    *,
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {"batch": batch, "choices": _field_choices()}
    if batch.status == ImportStatus.PENDING:
        try:
            table = files.read_table(bytes(batch.content), batch.file_name)
        except files.TableError:
            table = files.Table(headers=[], rows=[], first_line=2)
        mapping = list(batch.mapping) + [""] * (len(table.headers) - len(batch.mapping))
        context.update(
            {
                "columns": list(zip(table.headers, mapping, strict=False)),
                "preview": [
                    [files.cell_text(c) for c in row[: len(table.headers)]]
                    for row in table.rows[:PREVIEW_ROWS]
                ],
                "row_total": len(table.rows),
                "big": len(table.rows) > BIG_FILE_ROWS,
            }
        )
    else:
        context["changes"] = [
            (
                entry["line"],
                entry["national_id"],
                [(column_label(k), a, b) for k, (a, b) in entry["changes"].items()],
            )
            for entry in batch.changes[:500]
        ]
    context.update(extra or {})
    return render(request, "people/import_batch.html", context, status=status)


def import_batch(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _page(request, _batch(request, public_id))


@require_POST
def import_check_view(
    request: AuthenticatedHttpRequest, public_id: uuid.UUID
) -> HttpResponse | StreamingHttpResponse:
    """Save the mapping and check every row; shows the report and, if all is well, Confirm."""
    batch = _batch(request, public_id)
    if batch.status != ImportStatus.PENDING:
        return redirect("people:import_batch", public_id=batch.public_id)
    keys = set(columns.COLUMN_BY_KEY)
    mapping = [value if value in keys else "" for value in request.POST.getlist("column")]
    try:
        import_set_mapping(actor=request.user, batch=batch, mapping=mapping)
        if batch.row_count > BIG_FILE_ROWS:
            return _streamed_check(request, batch, mapping)
        checked = import_check(
            unit=batch.unit, data=bytes(batch.content), file_name=batch.file_name, mapping=mapping
        )
    except (ValidationError, files.TableError):
        messages.error(request, _("The file cannot be read."))
        return redirect("people:import_batch", public_id=batch.public_id)
    status = 200 if checked.report.ok else 400
    return _page(request, batch, extra={"checked": True, **_report_context(checked)}, status=status)


_MARKER = "@@MUSTER_IMPORT_REPORT@@"


def _streamed_check(
    request: AuthenticatedHttpRequest, batch: ImportBatch, mapping: list[str]
) -> StreamingHttpResponse:
    """The page of a big file, streamed: the layout and a progress bar first, the bar's
    width as the rows are checked (every 2%), then the report. A streamed page cannot change its
    status afterwards, so it is 200 even when rows are bad (the report says so). The bar's
    scripts carry the request's CSP nonce (read here, before django-csp writes the header)."""
    nonce = str(request.csp_nonce)  # type: ignore[attr-defined]
    page = _page(request, batch, extra={"streaming": True, "stream_marker": _MARKER})
    head, _sep, tail = page.content.decode().partition(_MARKER)

    def chunks() -> Iterator[str]:
        yield head
        try:
            for step in import_check_steps(
                unit=batch.unit,
                data=bytes(batch.content),
                file_name=batch.file_name,
                mapping=mapping,
            ):
                if isinstance(step, Checked):
                    yield _bar_script(100, nonce, hide=True)
                    yield render_to_string(
                        "people/_import_report.html",
                        {"batch": batch, "checked": True, **_report_context(step)},
                        request=request,
                    )
                else:
                    done, total = step
                    yield _bar_script(round(100 * done / max(total, 1)), nonce)
        except files.TableError:
            message = escape(_("The file cannot be read."))
            yield f'<div class="alert alert-danger">{message}</div>'
        yield tail

    response = StreamingHttpResponse(chunks(), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["X-Accel-Buffering"] = "no"  # let a reverse proxy pass the progress through
    return response


def _bar_script(percent: int, nonce: str, *, hide: bool = False) -> str:
    action = "document.getElementById('checkbar').remove();" if hide else ""
    return (
        f"<script nonce=\"{nonce}\">(function(){{var b=document.getElementById('checkbar-fill');"
        f"if(b){{b.style.width='{percent}%';b.textContent='{percent}%';}}{action}}})();</script>\n"
    )


@require_POST
def import_confirm(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """Write the whole file in one transaction, or nothing (the check runs again first)."""
    batch = _batch(request, public_id)
    if batch.status != ImportStatus.PENDING:
        messages.error(request, _("This file has already been imported or discarded."))
        return redirect("people:import_batch", public_id=batch.public_id)
    if request.POST.get("discard"):
        import_discard(actor=request.user, batch=batch)
        messages.success(request, _("The file has been discarded; nothing was imported."))
        return redirect("people:import_start")
    if request.POST.get("sha256") != batch.sha256:
        messages.error(request, _("Check the file again before confirming."))
        return redirect("people:import_batch", public_id=batch.public_id)
    skip = frozenset(int(v) for v in request.POST.getlist("skip") if v.isdigit())
    try:
        import_people(
            actor=request.user,
            unit=batch.unit,
            data=bytes(batch.content),
            file_name=batch.file_name,
            mapping=list(batch.mapping),
            skip_lines=skip,
            batch=batch,
        )
    except ImportRejected as rejected:
        checked = Checked(table=files.Table([], [], 2), report=rejected.report, village_names={})
        return _page(
            request, batch, extra={"checked": True, **_report_context(checked)}, status=400
        )
    except IntegrityError:
        messages.error(
            request,
            _("The registry changed while importing; nothing was imported. Check the file again."),
        )
        return redirect("people:import_batch", public_id=batch.public_id)
    except files.TableError as exc:  # e.g. over the time budget on a busy server
        messages.error(request, table_error_message(exc.code))
        return redirect("people:import_batch", public_id=batch.public_id)
    messages.success(
        request,
        _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
        % {
            "created": batch.created_count,
            "updated": batch.updated_count,
            "unchanged": batch.unchanged_count,
        },
    )
    return redirect("people:import_batch", public_id=batch.public_id)


def import_errors(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The bad rows of the file as a spreadsheet, with their row number and an error column."""
    batch = _batch(request, public_id)
    if batch.status != ImportStatus.PENDING:
        return redirect("people:import_batch", public_id=batch.public_id)
    try:
        checked = import_check(
            unit=batch.unit,
            data=bytes(batch.content),
            file_name=batch.file_name,
            mapping=list(batch.mapping),
        )
    except files.TableError:
        messages.error(request, _("The file cannot be read."))
        return redirect("people:import_batch", public_id=batch.public_id)
    headers = checked.table.headers
    rows: list[list[Any]] = []
    by_line = {row.line: row for row in checked.report.bad_rows}
    for offset, cells in enumerate(checked.table.rows):
        row = by_line.get(checked.table.first_line + offset)
        if row is None:
            continue
        texts = [files.cell_text(c) for c in list(cells[: len(headers)])]
        texts += [""] * (len(headers) - len(texts))
        rows.append([row.line, *texts, "; ".join(row_messages(row))])
    notes = [error_message(e) for e in checked.report.file_errors]
    doc = TableDocument(
        title=_("Rows to correct: %(file)s") % {"file": batch.file_name},
        columns=[
            Column("Dòng", width=7),
            *[Column(h or "-", width=16) for h in headers],
            Column("Lỗi", width=60),
        ],
        rows=rows,
        notes=notes,
    )
    return file_response(
        render_xlsx(doc, sheet_title="Lỗi"),
        filename=f"loi_{batch.file_name.rsplit('.', 1)[0]}.xlsx",
        content_type=XLSX,
    )


def _template_columns() -> list[Column]:
    return [Column("STT", width=6)] + [
        Column(c.header, width=24 if c.key in ("full_name", "workplace") else 14)
        for c in columns.COLUMNS
    ]


def import_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The empty template: every accepted column with its Vietnamese header and format notes."""
    require_cap(request.user, Cap.EDIT_PEOPLE)
    doc = TableDocument(
        title="DANH SÁCH CÔNG DÂN",
        columns=_template_columns(),
        rows=[],
        notes=(
            "Cột bắt buộc: Họ và tên, Ngày sinh (dd/mm/yyyy), Giới tính (Nam/Nữ), "
            "Số CCCD (12 chữ số, nhập dạng văn bản).",
            "Thôn: tên thôn/tổ dân phố của xã. Trình độ văn hóa: 9/12, 12/12. "
            "Đang đi học, Đảng viên, Đoàn viên: x hoặc để trống.",
            "Xem hướng dẫn đầy đủ trong docs/import.md.",
        ),
    )
    return file_response(
        render_xlsx(doc, sheet_title="Mẫu"), filename="mau_nhap_cong_dan.xlsx", content_type=XLSX
    )


def import_export(request: AuthenticatedHttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """A commune's registry in the template's format: edit it and import it back."""
    unit = get_for_user(
        request.user,
        Unit.objects.commune_level(),
        unit_field="pk",
        cap=Cap.EDIT_PEOPLE,
        public_id=public_id,
    )
    values, village_names = people_values_for_export(user=request.user, unit=unit)
    rows: list[list[Any]] = [
        [n, *columns.export_cells(record, village_names)]
        for n, record in enumerate(values, start=1)
    ]
    doc = TableDocument(
        title=f"DANH SÁCH CÔNG DÂN - {unit.name.upper()}",
        columns=_template_columns(),
        rows=rows,
    )
    return file_response(
        render_xlsx(doc, sheet_title="Công dân"),
        filename=f"cong_dan_{unit.name}.xlsx",
        content_type=XLSX,
    )
