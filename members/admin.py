from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from core.admin import PlainWordsAdmin

from .forms import MemberAddForm, MemberChangeForm
from .models import Member
from .roles import Role
from .services import member_create, member_update_account

admin.site.site_header = _("Hira Rajut")
admin.site.site_title = _("Hira Rajut portal")
admin.site.index_title = _("Managing the co-op")


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        if self.value() in Role.values:
            return queryset.with_role(Role(self.value()))
        return queryset


@admin.register(Member)
class MemberAdmin(PlainWordsAdmin):
    list_display = [
        "full_name",
        "username",
        "role_label",
        "whatsapp_display",
        "village",
        "join_date",
        "is_active",
    ]
    list_filter = ["is_active", RoleFilter, "village", "join_date"]
    search_fields = ["full_name", "user__username", "whatsapp", "village"]
    list_select_related = ["user"]
    date_hierarchy = "join_date"
    readonly_fields = ["username", "created_at", "updated_at"]
    help_texts = {
        "role": _(
            "Admin (pengurus): manages the whole portal. Trainer (pelatih): "
            "training and attendance. Member (anggota): hands in her pieces and "
            "sees her own records."
        ),
        "password2": _("The same password again, to check it."),
        "whatsapp": _("For example 0812-2700-1001."),
    }

    add_fieldsets = [
        (_("Login"), {"fields": ["username", "role", "password1", "password2"]}),
        (
            _("Profile"),
            {"fields": ["full_name", "whatsapp", "village", "address", "join_date"]},
        ),
        (_("Status"), {"fields": ["is_active", "notes", "show_name_in_shop"]}),
    ]
    change_fieldsets = [
        (_("Login"), {"fields": ["username", "role", "password1", "password2"]}),
        (
            _("Profile"),
            {"fields": ["full_name", "whatsapp", "village", "address", "join_date"]},
        ),
        (
            _("Status"),
            {
                "fields": [
                    "is_active",
                    "notes",
                    "show_name_in_shop",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("user__groups")

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = MemberChangeForm if obj else MemberAddForm
        kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return self.change_fieldsets if obj else self.add_fieldsets

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    @admin.display(description=_("username"), ordering="user__username")
    def username(self, obj: Member) -> str:
        return obj.user.username

    @admin.display(description=_("role"))
    def role_label(self, obj: Member) -> str:
        names = {group.name for group in obj.user.groups.all()}
        if obj.user.is_superuser:
            names.add(Role.ADMIN.value)
        labels = [role.label for role in Role if role.value in names]
        return ", ".join(str(label) for label in labels) or "—"

    @admin.display(description=_("WhatsApp"), ordering="whatsapp")
    def whatsapp_display(self, obj: Member) -> str:
        return obj.whatsapp_display

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            obj.save()
            member_update_account(
                member=obj, role=data["role"], new_password=data.get("password")
            )
            return
        member = member_create(
            username=data["username"],
            password=data["password"],
            role=data["role"],
            full_name=obj.full_name,
            whatsapp=obj.whatsapp,
            village=obj.village,
            address=obj.address,
            join_date=obj.join_date,
            is_active=obj.is_active,
            notes=obj.notes,
        )
        # The admin goes on with ``obj`` (messages, history, redirect).
        obj.pk, obj.user = member.pk, member.user
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        # Members leave the co-op by being made inactive; their records stay.
        return request.user.is_superuser


# The login accounts themselves, for the technical administrator: the groups and
# permissions are checkbox lists, not the two-box picker that needs a mouse.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class TouchUserAdmin(PlainWordsAdmin, UserAdmin):
    filter_horizontal = ()


@admin.register(Group)
class TouchGroupAdmin(PlainWordsAdmin, GroupAdmin):
    filter_horizontal = ()
