"""The buyers abroad the co-op ships to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.countries import CountryField, country_name


class Buyer(models.Model):
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"))
    country = CountryField(_("country"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("buyer")
        verbose_name_plural = _("buyers")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({country_name(self.country)})"
