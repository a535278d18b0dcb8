"""The Certificate of Origin (SKA) application of a shipment and its history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .agreements import SkaForm
from .shipments import Shipment


class SkaStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    READY = "ready", _("ready to submit")
    SUBMITTED = "submitted", _("submitted to e-SKA")
    VERIFIED = "verified", _("verified")
    ISSUED = "issued", _("issued")
    REJECTED = "rejected", _("rejected")


class SkaApplication(models.Model):
    shipment = models.OneToOneField(
        Shipment,
        on_delete=models.CASCADE,
        related_name="ska",
        verbose_name=_("shipment"),
    )
    form = models.ForeignKey(
        SkaForm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("form"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SkaStatus, default=SkaStatus.DRAFT
    )
    eska_reference = models.CharField(_("e-SKA reference"), max_length=60, blank=True)
    ska_number = models.CharField(_("SKA number"), max_length=60, blank=True)
    ska_date = models.DateField(_("SKA date"), null=True, blank=True)
    reject_reason = models.TextField(_("reason for rejection"), blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("SKA application")
        verbose_name_plural = _("SKA applications")

    def __str__(self) -> str:
        return f"SKA {self.shipment.invoice_number} ({self.get_status_display()})"


class SkaStatusChange(models.Model):
    application = models.ForeignKey(
        SkaApplication,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("application"),
    )
    from_status = models.CharField(_("from"), max_length=10, choices=SkaStatus)
    to_status = models.CharField(_("to"), max_length=10, choices=SkaStatus)
    note = models.TextField(_("note"), blank=True)
    changed_at = models.DateTimeField(_("when"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
