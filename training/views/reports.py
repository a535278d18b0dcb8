"""Training reports on screen and as CSV for Excel."""

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core import exports
from core.periods import Period, PeriodForm

from .. import selectors
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


def _table(table: str, date_from, date_to, subtitle: str) -> exports.Table:
    if table == "sesi":
        return exports.Table(
            title=_("Attendance per session"),
            subtitle=subtitle,
            columns=[
                exports.Column(_("Date"), "date"),
                exports.Column(_("Start")),
                exports.Column(_("End")),
                exports.Column(_("Topic")),
                exports.Column(_("Kind")),
                exports.Column(_("Level")),
                exports.Column(_("Location")),
                exports.Column(_("Present"), "int"),
                exports.Column(_("Late"), "int"),
                exports.Column(_("Excused"), "int"),
                exports.Column(_("Absent"), "int"),
            ],
            rows=[
                [
                    s.date,
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
            ],
        )
    if table == "anggota":
        return exports.Table(
            title=_("Attendance per member"),
            subtitle=subtitle,
            columns=[
                exports.Column(_("Member")),
                exports.Column(_("Join date"), "date"),
                exports.Column(_("Active")),
                exports.Column(_("Present"), "int"),
                exports.Column(_("Late"), "int"),
                exports.Column(_("Excused"), "int"),
                exports.Column(_("Absent"), "int"),
                exports.Column(_("Sessions recorded"), "int"),
                exports.Column(_("Attendance rate (%)"), "int"),
            ],
            rows=[
                [
                    r.full_name,
                    r.join_date,
                    _("yes") if r.is_active else _("no"),
                    r.present,
                    r.late,
                    r.excused,
                    r.absent,
                    r.total,
                    r.rate_percent,
                ]
                for r in selectors.member_attendance_report(
                    date_from=date_from, date_to=date_to
                )
            ],
        )
    return exports.Table(
        title=_("Training per month"),
        subtitle=subtitle,
        columns=[
            exports.Column(_("Month"), "month"),
            exports.Column(_("Sessions"), "int"),
            exports.Column(_("Attended (present or late)"), "int"),
            exports.Column(_("Different members"), "int"),
        ],
        rows=[
            [r.month, r.sessions, r.attendances, r.participants]
            for r in selectors.sessions_per_month(date_from=date_from, date_to=date_to)
        ],
    )


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
    period = Period(date_from=date_from, date_to=date_to)
    table_data = _table(table, date_from, date_to, period.dates_text())
    name = exports.filename(CSV_NAMES[table], period.slug(), "csv")
    return exports.csv_response(table_data, name)
