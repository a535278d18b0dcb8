"""Training reports on screen and as CSV for Excel."""

import csv
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import selectors
from ..forms import PeriodForm
from .base import trainer_or_admin

REPORT_TABLES = ("sesi", "anggota", "bulanan")


def _period_values(form: PeriodForm) -> tuple[date | None, date | None]:
    if not form.is_bound:
        return None, None
    return form.cleaned_data.get("date_from"), form.cleaned_data.get("date_to")


@trainer_or_admin
def reports(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    context = {"form": form, "valid": True}
    if form.is_bound and not form.is_valid():
        context["valid"] = False
        return render(request, "training/reports.html", context, status=400)
    date_from, date_to = _period_values(form)
    context.update(
        {
            "sessions": selectors.sessions_with_counts(
                date_from=date_from, date_to=date_to
            ),
            "members": selectors.member_attendance_report(
                date_from=date_from, date_to=date_to
            ),
            "months": selectors.sessions_per_month(
                date_from=date_from, date_to=date_to
            ),
            "query": request.GET.urlencode(),
        }
    )
    return render(request, "training/reports.html", context)


def _csv_rows(table: str, date_from, date_to) -> tuple[list[str], list[list]]:
    if table == "sesi":
        header = [
            _("Date"),
            _("Start"),
            _("End"),
            _("Topic"),
            _("Kind"),
            _("Level"),
            _("Location"),
            _("Present"),
            _("Late"),
            _("Excused"),
            _("Absent"),
        ]
        rows = [
            [
                s.date.isoformat(),
                s.start_time.strftime("%H:%M"),
                s.end_time.strftime("%H:%M"),
                s.topic,
                s.get_kind_display(),
                s.get_level_display(),
                s.location,
                s.present,
                s.late,
                s.excused,
                s.absent,
            ]
            for s in selectors.sessions_with_counts(
                date_from=date_from, date_to=date_to
            )
        ]
    elif table == "anggota":
        header = [
            _("Member"),
            _("Join date"),
            _("Active"),
            _("Present"),
            _("Late"),
            _("Excused"),
            _("Absent"),
            _("Sessions recorded"),
            _("Attendance rate (%)"),
        ]
        rows = [
            [
                r.full_name,
                r.join_date.isoformat(),
                _("yes") if r.is_active else _("no"),
                r.present,
                r.late,
                r.excused,
                r.absent,
                r.total,
                "" if r.rate_percent is None else r.rate_percent,
            ]
            for r in selectors.member_attendance_report(
                date_from=date_from, date_to=date_to
            )
        ]
    else:
        header = [
            _("Month"),
            _("Sessions"),
            _("Attended (present or late)"),
            _("Different members"),
        ]
        rows = [
            [r.month.strftime("%Y-%m"), r.sessions, r.attendances, r.participants]
            for r in selectors.sessions_per_month(date_from=date_from, date_to=date_to)
        ]
    return header, rows


def _safe_cell(value):
    """Text that Excel would run as a formula (=, +, -, @) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


CSV_NAMES = {
    "sesi": "kehadiran-per-sesi",
    "anggota": "kehadiran-per-anggota",
    "bulanan": "pelatihan-per-bulan",
}


@trainer_or_admin
def report_csv(request: HttpRequest, table: str) -> HttpResponse:
    if table not in REPORT_TABLES:
        raise Http404
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        problems = [str(e) for errors in form.errors.values() for e in errors]
        return HttpResponse(
            "\n".join(problems),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    date_from, date_to = _period_values(form)
    header, rows = _csv_rows(table, date_from, date_to)
    period = (
        f"{date_from.isoformat() if date_from else 'awal'}"
        f"_{date_to.isoformat() if date_to else timezone.localdate().isoformat()}"
    )
    filename = f"hirarajut-{CSV_NAMES[table]}-{period}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The byte order mark tells Excel the file is UTF-8 (names with é, ’, ...).
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([_safe_cell(cell) for cell in row] for row in rows)
    return response
