from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import PlainWordsAdmin
from core.templatetags.core_tags import photo_img

from . import services
from .models import Attendance, Skill, SkillAssessment, TrainingSession


class AttendanceInline(admin.TabularInline):
    """The session's attendance, to read.

    It is ticked on the attendance page, through ``attendance_record`` and its
    checks (active members, each once): the admin has no way around them.
    """

    model = Attendance
    extra = 0
    fields = ["member", "status", "note"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrainingSession)
class TrainingSessionAdmin(PlainWordsAdmin):
    list_display = [
        "topic",
        "date",
        "start_time",
        "end_time",
        "kind",
        "level",
        "location",
        "present_count",
    ]
    list_filter = ["kind", "level", "date", "trainers"]
    search_fields = ["topic", "location", "notes", "trainers__full_name"]
    date_hierarchy = "date"
    help_texts = {
        "trainers": _("Tick who leads this session."),
        "kind": _(
            "Workshop: something new is taught. Practice: knitting together. "
            "Quality review: finished pieces are checked together."
        ),
        "location": _("For example Balai Desa Kalikajar."),
    }
    readonly_fields = [
        "photo_preview",
        "attendance_link",
        "created_by",
        "created_at",
        "updated_at",
        "attendance_saved_by",
        "attendance_saved_at",
    ]
    inlines = [AttendanceInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "topic",
                    "date",
                    ("start_time", "end_time"),
                    "location",
                    "kind",
                    "level",
                    "trainers",
                ]
            },
        ),
        (
            _("Notes and materials"),
            {"fields": ["materials", "notes", "photo_preview"]},
        ),
        (
            _("Record"),
            {
                "fields": [
                    "created_by",
                    "created_at",
                    "updated_at",
                    "attendance_link",
                    "attendance_saved_by",
                    "attendance_saved_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_attendance_counts()

    @admin.display(description=_("present"), ordering="present")
    def present_count(self, obj: TrainingSession) -> str:
        return f"{obj.present + obj.late} / {obj.total}"

    @admin.display(description=_("photo"))
    def photo_preview(self, obj: TrainingSession):
        photo = getattr(obj, "photo", None)
        return photo_img(photo, sizes="160px", css_class="admin-thumb") or "—"

    def save_model(self, request, obj, form, change):
        # Through the same service as the trainers' pages, with its checks.
        data = form.cleaned_data
        details = {
            "topic": data["topic"],
            "date": data["date"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "location": data["location"],
            "trainers": data["trainers"],
            "level": data["level"],
            "kind": data["kind"],
            "notes": data["notes"],
            "materials": data["materials"],
        }
        if change:
            services.session_update(session=obj, **details)
        else:
            saved = services.session_create(created_by=request.user, **details)
            obj.pk, obj.created_by = saved.pk, saved.created_by
            obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        # The trainers were set by the service; attendance is read-only here.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.display(description=_("attendance"))
    def attendance_link(self, obj: TrainingSession):
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            obj.get_attendance_url(),
            _("Tick attendance on the attendance page"),
        )


@admin.register(Attendance)
class AttendanceAdmin(PlainWordsAdmin):
    list_display = ["session", "member", "status", "note"]
    list_filter = ["status", "session__kind", "session__date"]
    search_fields = ["member__full_name", "session__topic", "note"]
    list_select_related = ["session", "member"]
    date_hierarchy = "session__date"

    # Attendance is written only through the attendance page and its checks;
    # here it is read (and goes when its session is deleted).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Skill)
class SkillAdmin(PlainWordsAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(SkillAssessment)
class SkillAssessmentAdmin(PlainWordsAdmin):
    list_display = ["member", "skill", "level", "date", "assessor"]
    list_filter = ["skill", "level", "date"]
    search_fields = ["member__full_name", "skill__name", "note"]
    list_select_related = ["member", "skill", "assessor"]
    autocomplete_fields = ["member"]
    readonly_fields = ["assessor", "created_at"]
    date_hierarchy = "date"
    help_texts = {
        "member": _("Type a few letters of her name, then pick her."),
        "level": _("From 1, just starting, to 5, can teach others."),
    }

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assessor = request.user
        super().save_model(request, obj, form, change)
