from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Member
from .passwords import password_check_account
from .roles import Role

User = get_user_model()


class LoginForm(AuthenticationForm):
    """Django's login form, with a username field phone keyboards leave alone."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Wrong username or password. Capital and small letters count as different."
        ),
        "inactive": _("This account is not active. Ask the admin (pengurus)."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}
        )


class _PasswordPairMixin:
    """Two password fields that must match and pass the site's password rules."""

    password_required = True

    def _clean_password_pair(self, user=None) -> str | None:
        first = self.cleaned_data.get("password1")
        second = self.cleaned_data.get("password2")
        if not first and not second and not self.password_required:
            return None
        if first != second:
            self.add_error("password2", _("The two passwords are not the same."))
            return None
        if first:
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
                return None
        return first


class MemberAddForm(_PasswordPairMixin, forms.ModelForm):
    """Admin form that creates the login account together with the profile."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Used to log in. Letters, digits and @ . + - _ only."),
        validators=[User.username_validator],
    )
    role = forms.TypedChoiceField(
        label=_("Role"), choices=Role.choices, coerce=Role, initial=Role.MEMBER
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = Member
        fields = [
            "full_name",
            "whatsapp",
            "village",
            "address",
            "join_date",
            "is_active",
            "notes",
            "show_name_in_shop",
        ]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean(self):
        cleaned = super().clean()
        # The password is checked against the name and village being saved.
        user = password_check_account(
            username=cleaned.get("username") or "",
            full_name=cleaned.get("full_name") or "",
            village=cleaned.get("village") or "",
        )
        cleaned["password"] = self._clean_password_pair(user)
        return cleaned


class MemberChangeForm(_PasswordPairMixin, forms.ModelForm):
    """Admin form for a member's profile, role and (optionally) a new password."""

    password_required = False

    role = forms.TypedChoiceField(label=_("Role"), choices=Role.choices, coerce=Role)
    password1 = forms.CharField(
        label=_("New password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the current password."),
    )
    password2 = forms.CharField(
        label=_("New password again"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = Member
        fields = [
            "full_name",
            "whatsapp",
            "village",
            "address",
            "join_date",
            "is_active",
            "notes",
            "show_name_in_shop",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["role"].initial = self.instance.role or Role.MEMBER

    def clean(self):
        cleaned = super().clean()
        # The new password is checked against the name and village as changed.
        account = self.instance.user if self.instance.pk else None
        user = password_check_account(
            username=account.username if account else "",
            full_name=cleaned.get("full_name") or "",
            village=cleaned.get("village") or "",
            user=account,
        )
        cleaned["password"] = self._clean_password_pair(user)
        return cleaned
