"""Product photos, in the one stored shape of the portal."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import StoredPhoto

from .products import Product, Variant


class ProductPhoto(StoredPhoto):
    """A cleaned photo of a product and its renditions, stored under random names."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="photos"
    )
    variant = models.ForeignKey(
        Variant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("variant"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    alt_text = models.CharField(
        _("photo description (alt text)"),
        max_length=200,
        blank=True,
        help_text=_(
            "What the photo shows, for people who cannot see it, e.g. "
            "“Tas rajut merah dengan tali kayu”."
        ),
    )

    class Meta:
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt_text or f"{self.product.name} #{self.position + 1}"
