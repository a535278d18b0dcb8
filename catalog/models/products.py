"""Products, their categories and variants; stock is counted per variant."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.money import MAX_PRICE, MaxRupiahValidator


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Smaller numbers come first.")
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Availability(models.TextChoices):
    READY = "ready", _("Ready stock")
    PREORDER = "preorder", _("Pre-order")


class ProductQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def with_stock(self):
        return self.annotate(
            total_stock=Coalesce(Sum("variants__stock"), 0),
        )

    def low_stock(self):
        return (
            self.with_stock()
            .filter(availability=Availability.READY)
            .filter(total_stock__lte=models.F("low_stock_threshold"))
        )


hs_code_validator = RegexValidator(
    r"^\d{8}$", _("An HS code has exactly 8 digits, e.g. 42022900.")
)


class Product(models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("web address"), max_length=160, unique=True)
    sku = models.CharField(_("SKU"), max_length=40, unique=True)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("category"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("A few sentences for buyers; available as {deskripsi}."),
    )
    price = models.PositiveIntegerField(
        _("price (Rp)"), validators=[MaxRupiahValidator(MAX_PRICE)]
    )
    material_cost = models.PositiveIntegerField(
        _("material cost (Rp)"),
        default=0,
        validators=[MaxRupiahValidator(MAX_PRICE)],
        help_text=_(
            "Yarn and accessories for one piece; the reports use it for profit."
        ),
    )
    availability = models.CharField(
        _("availability"),
        max_length=10,
        choices=Availability,
        default=Availability.READY,
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("pre-order lead time (days)"),
        null=True,
        blank=True,
        help_text=_("Only for pre-order: days from payment until the piece is sent."),
    )
    materials = models.CharField(_("materials"), max_length=200, blank=True)
    dimensions = models.CharField(
        _("size / dimensions"),
        max_length=120,
        blank=True,
        help_text=_("For example 25 × 18 × 8 cm."),
    )
    weight_grams = models.PositiveIntegerField(
        _("weight (grams)"), null=True, blank=True
    )
    colours = models.CharField(_("colours"), max_length=200, blank=True)
    care_instructions = models.TextField(_("care instructions"), blank=True)
    hashtags = models.CharField(
        _("hashtags"),
        max_length=500,
        blank=True,
        help_text=_("For example #rajut #tasrajut #purbalingga; available as {tagar}."),
    )
    makers = models.ManyToManyField(
        "members.Member",
        blank=True,
        related_name="products_made",
        verbose_name=_("makers"),
    )
    shopee_url = models.URLField(_("Shopee listing URL"), blank=True)
    featured = models.BooleanField(
        _("featured in the shop"),
        default=False,
        help_text=_("Shown first on the shop's home page."),
    )
    hs_code = models.CharField(
        _("HS code"),
        max_length=8,
        blank=True,
        validators=[hs_code_validator],
        help_text=_("Only for export: the 8-digit goods code, e.g. 42022900 for bags."),
    )
    low_stock_threshold = models.PositiveIntegerField(
        _("low stock at"),
        default=2,
        help_text=_("Shown as low stock when this many pieces or fewer are left."),
    )
    variation1_name = models.CharField(
        _("variation type 1"),
        max_length=30,
        blank=True,
        help_text=_("For example Warna. Marketplaces allow two variation types."),
    )
    variation2_name = models.CharField(
        _("variation type 2"),
        max_length=30,
        blank=True,
        help_text=_("For example Ukuran."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(availability="preorder") | Q(lead_time_days__gt=0),
                name="catalog_product_preorder_has_lead_time",
            ),
            models.CheckConstraint(
                condition=Q(hs_code="") | Q(hs_code__regex=r"^[0-9]{8}$"),
                name="catalog_product_hs_code_8_digits",
            ),
            models.CheckConstraint(
                condition=Q(variation1_name="")
                | ~Q(variation1_name=models.F("variation2_name")),
                name="catalog_product_variation_types_differ",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:product-detail", args=[self.pk])

    def get_photos_url(self) -> str:
        return reverse("catalog:product-photos", args=[self.pk])

    @property
    def is_preorder(self) -> bool:
        return self.availability == Availability.PREORDER

    def publish_problems(self) -> list[str]:
        """Why this product may not be published yet (empty when it may)."""
        problems = []
        if not self.pk or not self.photos.exclude(alt_text="").exists():
            problems.append(
                str(
                    _(
                        "A published product needs at least one photo with a "
                        "description (alt text). Add one with “Add photos”."
                    )
                )
            )
        return problems


class Variant(models.Model):
    """One sellable version of a product (colour, size); stock is counted here.

    The count changes only through ``catalog.stock``, which writes a
    ``StockMovement`` for every change in the same transaction.
    """

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="variants"
    )
    sku = models.CharField(_("SKU"), max_length=50, unique=True)
    option1 = models.CharField(
        _("option 1"), max_length=40, blank=True, help_text=_("For example Merah.")
    )
    option2 = models.CharField(
        _("option 2"), max_length=40, blank=True, help_text=_("For example M.")
    )
    price_override = models.PositiveIntegerField(
        _("own price (Rp)"),
        null=True,
        blank=True,
        validators=[MaxRupiahValidator(MAX_PRICE)],
        help_text=_("Leave empty to sell at the product's price."),
    )
    stock = models.PositiveIntegerField(_("stock"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Smaller numbers come first.")
    )

    class Meta:
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stock__gte=0), name="catalog_variant_stock_not_negative"
            ),
            models.UniqueConstraint(
                fields=["product", "option1", "option2"],
                name="catalog_variant_unique_options",
            ),
        ]

    def __str__(self) -> str:
        options = " / ".join(o for o in (self.option1, self.option2) if o)
        return f"{self.product.name} – {options}" if options else self.product.name

    @property
    def price(self) -> int:
        return (
            self.price_override
            if self.price_override is not None
            else self.product.price
        )

    def get_stock_card_url(self) -> str:
        return reverse("catalog:stock-card", args=[self.pk])
