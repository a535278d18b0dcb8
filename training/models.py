from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import StoredPhoto


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Kind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    PRACTICE = "practice", _("Practice")
    QUALITY_REVIEW = "quality_review", _("Quality review")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


# Who counts as having taken part in a session.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class SkillLevel(models.IntegerChoices):
    STARTING = 1, _("1 – just starting")
    WITH_HELP = 2, _("2 – can do it with help")
    ON_HER_OWN = 3, _("3 – can do it on her own")
    NEAT = 4, _("4 – neat, ready to sell")
    CAN_TEACH = 5, _("5 – can teach others")


def attendance_counts(prefix: str = "", condition: Q | None = None) -> dict:
    """Count(...) annotations per status over the attendance rows at ``prefix``."""
    field = f"{prefix}id" if prefix else "id"
    status = f"{prefix}status"
    base = condition if condition is not None else Q()
    counts = {"total": Count(field, filter=condition)}
    for name, value in [
        ("present", AttendanceStatus.PRESENT),
        ("late", AttendanceStatus.LATE),
        ("excused", AttendanceStatus.EXCUSED),
        ("absent", AttendanceStatus.ABSENT),
    ]:
        counts[name] = Count(field, filter=base & Q(**{status: value}))
    return counts


def attendance_rate(attended: int, total: int) -> int | None:
    """Share of sessions attended (present or late) in whole percent."""
    if not total:
        return None
    return round(100 * attended / total)


class TrainingSessionQuerySet(models.QuerySet):
    def with_attendance_counts(self):
        return self.annotate(**attendance_counts("attendances__"))

    def between(self, date_from=None, date_to=None):
        queryset = self
        if date_from:
            queryset = queryset.filter(date__gte=date_from)
        if date_to:
            queryset = queryset.filter(date__lte=date_to)
        return queryset


class TrainingSession(models.Model):
    """One training meeting: a workshop, a practice or a quality review."""

    topic = models.CharField(_("topic"), max_length=150)
    date = models.DateField(_("date"), default=timezone.localdate)
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    location = models.CharField(_("location"), max_length=150)
    trainers = models.ManyToManyField(
        "members.Member",
        blank=True,
        related_name="sessions_led",
        verbose_name=_("trainers"),
    )
    level = models.CharField(
        _("level"), max_length=12, choices=Level, default=Level.BEGINNER
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind, default=Kind.WORKSHOP
    )
    notes = models.TextField(_("notes"), blank=True)
    materials = models.TextField(
        _("materials"),
        blank=True,
        help_text=_("What was taught or a link to the pattern, e.g. a YouTube video."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_sessions_created",
        verbose_name=_("created by"),
    )
    attendance_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attendance saved by"),
    )
    attendance_saved_at = models.DateTimeField(
        _("attendance saved at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-date", "-start_time", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="training_session_ends_after_start",
                violation_error_message=_("The end time must be after the start time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.date:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("training:session-detail", args=[self.pk])

    def get_attendance_url(self) -> str:
        return reverse("training:session-attendance", args=[self.pk])


class SessionPhoto(StoredPhoto):
    """One cleaned photo of a session: the original and a 640 px JPEG."""

    session = models.OneToOneField(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="photo",
        verbose_name=_("session"),
    )

    class Meta:
        verbose_name = _("session photo")
        verbose_name_plural = _("session photos")

    def __str__(self) -> str:
        return self.original.name

    @property
    def alt_text(self) -> str:
        return _("Photo of the session %(topic)s") % {"topic": self.session.topic}


class Attendance(models.Model):
    """Whether one member came to one session."""

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("session"),
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("member"),
    )
    status = models.CharField(_("status"), max_length=10, choices=AttendanceStatus)
    note = models.CharField(_("note"), max_length=200, blank=True)
    # Who saved the list, and when, is kept on the session: the list is saved as
    # a whole, and four columns let SQLite take 200+ rows in one INSERT.

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session", "member__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"], name="training_attendance_once_per_member"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values),
                name="training_attendance_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_status_display()}"

    @property
    def attended(self) -> bool:
        return self.status in ATTENDED


class Skill(models.Model):
    """A knitting skill the trainers assess, e.g. "Tas" or "Finishing/kerapian"."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Smaller numbers come first.")
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class SkillAssessment(models.Model):
    """A trainer's judgement of one member's skill on one day."""

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="skill_assessments",
        verbose_name=_("member"),
    )
    skill = models.ForeignKey(
        Skill,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("skill"),
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=SkillLevel,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        error_messages={"invalid_choice": _("The level must be between 1 and 5.")},
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="skill_assessments_made",
        verbose_name=_("assessed by"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("skill assessment")
        verbose_name_plural = _("skill assessments")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5),
                name="training_assessment_level_1_to_5",
                violation_error_message=_("The level must be between 1 and 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.skill}: {self.level}"
