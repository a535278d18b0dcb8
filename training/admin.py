from django.contrib import admin
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Attendance, Skill, SkillAssessment, TrainingSession


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["member", "status", "note"]
    autocomplete_fields = ["member"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
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
    filter_horizontal = ["trainers"]
    readonly_fields = [
        "photo_preview",
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
        if not obj.photo_small:
            return "—"
        return format_html(
            '<img src="{}" alt="" class="admin-thumb" width="160">',
            default_storage.url(obj.photo_small.name),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            TrainingSession.objects.filter(pk=form.instance.pk).update(
                attendance_saved_by=request.user, attendance_saved_at=timezone.now()
            )


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "member", "status", "note"]
    list_filter = ["status", "session__kind", "session__date"]
    search_fields = ["member__full_name", "session__topic", "note"]
    list_select_related = ["session", "member"]
    autocomplete_fields = ["session", "member"]
    date_hierarchy = "session__date"


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(SkillAssessment)
class SkillAssessmentAdmin(admin.ModelAdmin):
    list_display = ["member", "skill", "level", "date", "assessor"]
    list_filter = ["skill", "level", "date"]
    search_fields = ["member__full_name", "skill__name", "note"]
    list_select_related = ["member", "skill", "assessor"]
    autocomplete_fields = ["member"]
    readonly_fields = ["assessor", "created_at"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assessor = request.user
        super().save_model(request, obj, form, change)
