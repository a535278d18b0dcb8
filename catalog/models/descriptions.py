"""How a product is described on each listing channel."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..placeholders import check_template


class ListingChannel(models.TextChoices):
    STOREFRONT = "storefront", _("Online shop (storefront)")
    SHOPEE = "shopee", _("Shopee")
    INSTAGRAM = "instagram", _("Instagram")
    WHATSAPP = "whatsapp", _("WhatsApp")
    FACEBOOK = "facebook", _("Facebook")


class DescriptionTemplate(models.Model):
    """How a product is described on one sales channel, with {placeholders}."""

    channel = models.CharField(
        _("channel"), max_length=12, choices=ListingChannel, unique=True
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("The product name as posted, e.g. “{nama} – Rajutan Tangan”."),
        validators=[check_template],
    )
    body = models.TextField(_("text"), validators=[check_template])
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("description template")
        verbose_name_plural = _("description templates")
        ordering = ["channel"]

    def __str__(self) -> str:
        return self.get_channel_display()
