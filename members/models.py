from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .phone import WhatsAppField, format_whatsapp
from .roles import Role, primary_role


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_role(self, role: Role):
        return self.filter(user__groups__name=role.value)


class Member(models.Model):
    """A person of the co-op: her profile beside the login account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="member",
        verbose_name=_("login account"),
    )
    full_name = models.CharField(_("full name"), max_length=120)
    whatsapp = WhatsAppField(_("WhatsApp number"), blank=True)
    village = models.CharField(_("village"), max_length=120, blank=True)
    address = models.TextField(_("address"), blank=True)
    join_date = models.DateField(_("join date"), default=timezone.localdate)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("An inactive member cannot log in; her records stay."),
    )
    notes = models.TextField(_("notes"), blank=True)
    show_name_in_shop = models.BooleanField(
        _("first name shown in the shop"),
        default=False,
        help_text=_(
            "Only with her agreement: the shop names her as a maker of the "
            "products she knitted (first name only)."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def role(self) -> Role | None:
        return primary_role(self.user)

    @property
    def first_name(self) -> str:
        return self.full_name.split()[0] if self.full_name.strip() else ""

    @property
    def whatsapp_display(self) -> str:
        return format_whatsapp(self.whatsapp)

    @property
    def whatsapp_link(self) -> str:
        return f"https://wa.me/{self.whatsapp}" if self.whatsapp else ""
