from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.photos import PHOTO_ACCEPT
from members.models import Member
from members.phone import WhatsAppFormField
from members.roles import Role

from .models import Skill, SkillAssessment, SkillLevel, TrainingSession

STATUS_PREFIX = "status-"
# The attendance list's "All present" button.
ALL_PRESENT = "all_present"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def trainer_choices():
    return (
        Member.objects.active()
        .filter(user__groups__name__in=[Role.TRAINER.value, Role.ADMIN.value])
        .distinct()
        .order_by("full_name")
    )


class SessionForm(forms.ModelForm):
    photo_upload = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("Optional: one photo of the session. JPEG, PNG, WebP or HEIC."),
        # Made smaller on the phone before it is sent (static/js/photo-resize.js).
        widget=forms.ClearableFileInput(
            attrs={"accept": PHOTO_ACCEPT, "data-resize": ""}
        ),
    )

    class Meta:
        model = TrainingSession
        fields = [
            "topic",
            "date",
            "start_time",
            "end_time",
            "location",
            "kind",
            "level",
            "trainers",
            "materials",
            "notes",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "kind": forms.RadioSelect(),
            "level": forms.RadioSelect(),
            "trainers": forms.CheckboxSelectMultiple(),
            "materials": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = trainer_choices()
        self.fields["topic"].widget.attrs["placeholder"] = _(
            "e.g. Basic stitches for beginners"
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        return cleaned

    def validate_constraints(self):
        # clean() already said it in words; skip the constraint's repeat.
        pass


class NewMemberForm(forms.Form):
    """A newcomer at the session: her name, and WhatsApp if she has it."""

    full_name = forms.CharField(label=_("Full name"), max_length=120, required=False)
    whatsapp = WhatsAppFormField(label=_("WhatsApp (optional)"), required=False)

    def __init__(self, *args, require_name: bool = False, **kwargs):
        super().__init__(*args, prefix="new", **kwargs)
        self.fields["full_name"].required = require_name
        self.fields["full_name"].widget.attrs["autocomplete"] = "off"
        self.fields["full_name"].error_messages["required"] = _(
            "Write the new member's full name."
        )

    @classmethod
    def typed(cls, data: QueryDict) -> dict[str, str]:
        """What was typed into the form, to show again without judging it."""
        return {name: data.get(f"new-{name}", "") for name in ("full_name", "whatsapp")}

    @property
    def wanted(self) -> bool:
        return bool(self.is_bound and self.cleaned_data.get("full_name"))


class AttendanceForm:
    """The quick attendance list as posted: a ``status-<member id>`` per member.

    It only reads the post; ``services.attendance_record`` judges the content, so
    a member sent twice reaches it as two pairs.
    """

    def __init__(self, data: QueryDict):
        self.data = data
        self.errors: list[str] = []
        self.pairs: list[tuple[int, str]] = []
        for key in data:
            if not key.startswith(STATUS_PREFIX):
                continue
            raw_id = key.removeprefix(STATUS_PREFIX)
            if not raw_id.isdigit():
                self.errors.append(
                    str(
                        _(
                            "A member in the list does not exist. Reload the page "
                            "and try again."
                        )
                    )
                )
                continue
            for status in data.getlist(key):
                self.pairs.append((int(raw_id), status))

    def is_valid(self) -> bool:
        return not self.errors

    def selected(self) -> dict[int, str]:
        """What the trainer ticked, to show again when the list is refused."""
        return dict(self.pairs)


class AssessmentForm(forms.ModelForm):
    level = forms.IntegerField(
        label=_("Level"),
        min_value=1,
        max_value=5,
        widget=forms.RadioSelect(choices=SkillLevel.choices),
        error_messages={
            "min_value": _("The level must be between 1 and 5."),
            "max_value": _("The level must be between 1 and 5."),
            "invalid": _("The level must be between 1 and 5."),
        },
    )

    class Meta:
        model = SkillAssessment
        fields = ["skill", "level", "date", "note"]
        widgets = {
            "date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = Skill.objects.all()
        self.fields["skill"].empty_label = _("Choose a skill")
        self.fields["date"].initial = timezone.localdate
