"""The shop's settings, customers' order requests, and marketplace category ids."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.phone import WhatsAppField, format_whatsapp


class ShopSettings(models.Model):
    """One row: what the shop says about the co-op and where to reach it."""

    whatsapp = WhatsAppField(
        _("co-op's WhatsApp number"),
        blank=True,
        help_text=_("Orders by WhatsApp go to this number."),
    )
    instagram_url = models.URLField(_("Instagram link"), blank=True)
    shopee_url = models.URLField(_("Shopee shop link"), blank=True)
    facebook_url = models.URLField(_("Facebook page link"), blank=True)
    tagline = models.CharField(
        _("story in one sentence"),
        max_length=200,
        blank=True,
        help_text=_("Shown at the top of the shop's home page."),
    )
    about_text = models.TextField(_("about the co-op"), blank=True)
    address = models.TextField(_("address"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("shop settings")
        verbose_name_plural = _("shop settings")

    def __str__(self) -> str:
        return str(_("Shop settings"))

    def save(self, *args, **kwargs):
        self.pk = 1  # there is only one
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "ShopSettings":
        """The settings; empty ones until the admin first saves them (a page view
        writes nothing)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @property
    def whatsapp_display(self) -> str:
        return format_whatsapp(self.whatsapp)


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    CONVERTED = "converted", _("Made a sale")
    CLOSED = "closed", _("Closed")


class OrderRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=OrderStatus.PENDING)


class OrderRequest(models.Model):
    """A customer's pre-order or order request from the shop; no account needed."""

    name = models.CharField(_("name"), max_length=120)
    whatsapp = WhatsAppField(_("WhatsApp number"))
    variant = models.ForeignKey(
        "catalog.Variant",
        on_delete=models.PROTECT,
        related_name="order_requests",
        verbose_name=_("variant"),
    )
    quantity = models.PositiveSmallIntegerField(_("quantity"))
    note = models.TextField(_("note"), blank=True, max_length=1000)
    # The price shown to the customer when she asked.
    unit_price = models.PositiveIntegerField(_("price per piece (Rp)"))
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus, default=OrderStatus.PENDING
    )
    sale = models.OneToOneField(
        "sales.Sale",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_request",
        verbose_name=_("sale"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    objects = OrderRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("order request")
        verbose_name_plural = _("order requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0),
                name="storefront_orderrequest_quantity_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.variant}"

    def get_absolute_url(self) -> str:
        return reverse("shop-admin:order-detail", args=[self.pk])

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity

    @property
    def whatsapp_display(self) -> str:
        return format_whatsapp(self.whatsapp)


shopee_category_validator = RegexValidator(
    r"^\d{1,12}$", _("A Shopee category id is a number, e.g. 100643.")
)


class ShopeeCategory(models.Model):
    """The Shopee category id that the mass-upload sheet gives a category."""

    category = models.OneToOneField(
        "catalog.Category",
        on_delete=models.CASCADE,
        related_name="shopee_category",
        verbose_name=_("category"),
    )
    shopee_category_id = models.CharField(
        _("Shopee category id"),
        max_length=12,
        validators=[shopee_category_validator],
        help_text=_("From Shopee Seller Centre's category list, e.g. 100643."),
    )

    class Meta:
        verbose_name = _("Shopee category")
        verbose_name_plural = _("Shopee categories")
        ordering = ["category__position", "category__name"]

    def __str__(self) -> str:
        return f"{self.category} → {self.shopee_category_id}"
