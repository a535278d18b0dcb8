from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import StoredPhoto
from core.money import MAX_PRICE, MaxNumberValidator, MaxRupiahValidator, format_rupiah

MAX_QUANTITY = 1000
# A month's target of one product; more is a typing error.
MAX_TARGET = 100_000


class PieceRate(models.Model):
    """What a member earns per accepted piece of a product, from a moment on.

    Rates are never edited: a new rate is a new row, so what was earned stays.
    """

    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.PROTECT,
        related_name="piece_rates",
        verbose_name=_("product"),
    )
    rate = models.PositiveIntegerField(
        _("rate per piece (Rp)"), validators=[MaxRupiahValidator(MAX_PRICE)]
    )
    valid_from = models.DateTimeField(_("valid from"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("piece rate")
        verbose_name_plural = _("piece rates")
        ordering = ["product", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "valid_from"], name="production_rate_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(rate__gte=0), name="production_rate_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} · {format_rupiah(self.rate)}"


class HandInStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for check")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Grade(models.TextChoices):
    A = "A", _("A – very neat")
    B = "B", _("B – good")
    C = "C", _("C – acceptable")


class HandInQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=HandInStatus.SUBMITTED)

    def accepted(self):
        return self.filter(status=HandInStatus.ACCEPTED)

    def of_member(self, member):
        return self.filter(member=member)


class HandIn(models.Model):
    """Finished pieces a member hands in (setoran), checked by an admin."""

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="hand_ins",
        verbose_name=_("member"),
    )
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.PROTECT,
        related_name="hand_ins",
        verbose_name=_("product"),
    )
    variant = models.ForeignKey(
        "catalog.Variant",
        on_delete=models.PROTECT,
        related_name="hand_ins",
        verbose_name=_("variant"),
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    made_on = models.DateField(_("date made"))
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HandInStatus,
        default=HandInStatus.SUBMITTED,
    )
    grade = models.CharField(
        _("quality grade"), max_length=1, choices=Grade, blank=True
    )
    reject_reason = models.TextField(_("reason for rejection"), blank=True)
    # The rate in force when the pieces were accepted: later changes leave it.
    piece_rate = models.PositiveIntegerField(_("rate per piece (Rp)"), null=True)
    submitted_at = models.DateTimeField(_("handed in"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handed in by"),
    )
    reviewed_at = models.DateTimeField(_("checked"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )

    objects = HandInQuerySet.as_manager()

    class Meta:
        # The table keeps the name it was created with.
        db_table = "production_finisheditemlog"
        verbose_name = _("finished pieces hand-in")
        verbose_name_plural = _("finished pieces hand-ins")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1) & Q(quantity__lte=MAX_QUANTITY),
                name="production_handin_quantity_range",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted")
                | (Q(piece_rate__isnull=False) & ~Q(grade="")),
                name="production_handin_accepted_has_rate_and_grade",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reject_reason=""),
                name="production_handin_rejected_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.member} · {self.quantity} × {self.variant}"

    def get_absolute_url(self) -> str:
        return reverse("production:hand-in-detail", args=[self.pk])

    @property
    def earned(self) -> int:
        if self.status != HandInStatus.ACCEPTED or self.piece_rate is None:
            return 0
        return self.quantity * self.piece_rate


class HandInPhoto(StoredPhoto):
    """The photo a member takes of her finished pieces; ``hand_in.photo``."""

    hand_in = models.OneToOneField(
        HandIn,
        on_delete=models.CASCADE,
        related_name="photo",
        verbose_name=_("hand-in"),
    )

    class Meta:
        verbose_name = _("hand-in photo")
        verbose_name_plural = _("hand-in photos")

    def __str__(self) -> str:
        return self.original.name

    @property
    def alt_text(self) -> str:
        return str(_("Hand-in photo"))


class ProductionTarget(models.Model):
    """How many pieces of a product the co-op (or one member) aims for in a month."""

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.PROTECT,
        related_name="targets",
        verbose_name=_("product"),
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("member"),
        help_text=_("Empty: a target for the whole co-op."),
    )
    quantity = models.PositiveIntegerField(
        _("target (pieces)"), validators=[MaxNumberValidator(MAX_TARGET)]
    )

    class Meta:
        verbose_name = _("production target")
        verbose_name_plural = _("production targets")
        ordering = ["-month", "product"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "product"],
                condition=Q(member__isnull=True),
                name="production_target_unique_coop",
            ),
            models.UniqueConstraint(
                fields=["month", "product", "member"],
                condition=Q(member__isnull=False),
                name="production_target_unique_member",
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="production_target_first_of_month"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="production_target_positive"
            ),
        ]

    def __str__(self) -> str:
        who = self.member or _("co-op")
        return f"{self.month:%Y-%m} · {self.product} · {who}: {self.quantity}"
