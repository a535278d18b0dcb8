"""Shared models: the one shape of a stored photo, and one-time form tokens."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredPhoto(models.Model):
    """A cleaned original, its size and its renditions, under random names.

    Renditions are kept as ``[{"kind": "webp", "width": 640, "height": 480,
    "name": "catalog/..."}]``; ``{% photo_img %}`` reads them.
    """

    original = models.FileField(_("original"), max_length=200)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    renditions = models.JSONField(_("renditions"), default=list)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True

    def file_names(self) -> list[str]:
        return [self.original.name, *(r["name"] for r in self.renditions)]

    def rendition(self, kind: str, width: int | None = None) -> dict | None:
        """The smallest rendition of ``kind`` at least ``width`` wide."""
        options = [r for r in self.renditions if r["kind"] == kind]
        if not options:
            return None
        if width is None:
            return max(options, key=lambda r: r["width"])
        fitting = [r for r in options if r["width"] >= width]
        return (
            min(fitting, key=lambda r: r["width"])
            if fitting
            else max(options, key=lambda r: r["width"])
        )

    def set_files(self, stored) -> None:
        """Take the names and sizes of a ``core.storage.StoredFiles``."""
        self.original = stored.original
        self.width = stored.width
        self.height = stored.height
        self.renditions = stored.renditions


class FormSubmission(models.Model):
    """A one-time form token, claimed by the first POST that carries it.

    The claim is written in the same transaction as the form's work, so a refused
    form leaves no claim behind; a repeated POST finds it and is sent to
    ``result_url``, where the first one led.
    """

    token = models.CharField(_("token"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    path = models.CharField(_("form address"), max_length=300)
    result_url = models.CharField(_("result address"), max_length=500, blank=True)
    completed = models.BooleanField(_("completed"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return f"{self.path} → {self.result_url or '…'}"
