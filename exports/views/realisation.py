"""The export realisation report and the import of realisation tables (admins)."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import exports
from core.once import one_time_form
from members.roles import Role, role_required

from ..models import RealisationImport
from ..realisation.files import MAX_BYTES
from ..realisation.importer import (
    difference_texts,
    error_text,
    realisation_import,
    totals_text,
)
from ..realisation.numbers import format_number
from ..realisation.report import (
    ReportFilterForm,
    filters_text,
    report_context,
    report_table,
)
from ..realisation.selectors import realisation_report, report_years
from ..realisation.table import FIRST_YEAR

EXPORT_FORMATS = ("csv", "xlsx")


@role_required(Role.ADMIN)
def realisation(request: HttpRequest) -> HttpResponse:
    export = request.GET.get("format", "")
    if export and export not in EXPORT_FORMATS:
        return HttpResponse(
            _("Unknown export format; choose CSV or XLSX."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    form = ReportFilterForm(request.GET or None, years=report_years())
    if form.is_bound and not form.is_valid():
        if export:
            return HttpResponse(
                "\n".join(str(e) for errors in form.errors.values() for e in errors),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return render(
            request,
            "exports/realisation.html",
            {"form": form, "valid": False},
            status=400,
        )
    filters = form.filters()
    report = realisation_report(filters=filters)
    subtitle = filters_text(filters)
    if export:
        slug = "-".join(
            str(part)
            for part in (filters.year or "semua", filters.month, filters.grain)
            if part
        )
        name = exports.filename("realisasi-ekspor", slug, export)
        table = report_table(report, subtitle)
        if export == "csv":
            return exports.csv_response(table, name)
        return exports.xlsx_response(table, name)
    chosen = {
        key: value
        for key, value in (form.cleaned_data if form.is_bound else {}).items()
        if value
    }
    context = report_context(report)
    context.update(
        form=form,
        valid=True,
        period_text=subtitle,
        query=urlencode(chosen),
        has_filter=bool(chosen),
    )
    return render(request, "exports/realisation.html", context)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Table (CSV or XLSX)"),
        error_messages={
            "required": gettext_lazy("Choose the file of the table."),
            "empty": gettext_lazy("The file is empty."),
        },
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        help_text=gettext_lazy("For rows that have no year of their own."),
        error_messages={"invalid": gettext_lazy("Enter a year, e.g. 2024.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = timezone.localdate().year
        self.fields["year"].widget.attrs.update(
            {"inputmode": "numeric", "min": FIRST_YEAR, "max": latest}
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB; split it into smaller files.")
            )
        return upload

    def clean_year(self):
        year = self.cleaned_data["year"]
        latest = timezone.localdate().year
        if year is not None and not FIRST_YEAR <= year <= latest:
            raise forms.ValidationError(
                _("Enter a year between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": latest}
            )
        return year


def _recent_imports():
    return (
        RealisationImport.objects.select_related("imported_by")
        .annotate(row_count=Count("rows"), kg=Sum("rows__volume_kg"))
        .annotate(usd=Sum("rows__value_usd"))
        .order_by("-imported_at", "-id")[:10]
    )


def _render_import(request, form, *, outcome=None, status=200) -> HttpResponse:
    recent = [
        {
            "batch": batch,
            "tne": format_number((batch.kg or 0) / 1000, 3),
            "usd": format_number(batch.usd or 0, 2),
        }
        for batch in _recent_imports()
    ]
    context = {"form": form, "recent": recent}
    if outcome is not None:
        context.update(
            errors=[
                {
                    "line": error.line,
                    "text": error_text(error),
                    "message": error.message,
                }
                for error in outcome.table.errors
            ],
            differences=difference_texts(outcome.table.totals),
        )
    return render(request, "exports/realisation_import.html", context, status=status)


@role_required(Role.ADMIN)
@one_time_form
def realisation_import_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_import(request, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_import(request, form, status=400)
    upload = form.cleaned_data["file"]
    outcome = realisation_import(
        data=upload.read(),
        source_name=upload.name,
        year=form.cleaned_data["year"],
        by=request.user,
    )
    if not outcome.imported:
        return _render_import(request, form, outcome=outcome, status=400)
    table = outcome.table
    messages.success(
        request,
        _("Imported %(name)s. %(totals)s")
        % {"name": upload.name, "totals": totals_text(table)},
    )
    for text in difference_texts(table.totals):
        messages.warning(request, text)
    if table.totals is not None and table.totals.matches:
        messages.info(request, _("The totals row matches the sum of the rows."))
    url = reverse("exports:realisation")
    if len(table.years) == 1:
        url += "?" + urlencode({"year": table.years[0]})
    return redirect(url)


urlpatterns = [
    path("realisasi/", realisation, name="realisation"),
    path("realisasi/impor/", realisation_import_view, name="realisation-import"),
]
