"""What every feed's check shares: a problem, a product's check, the common rules."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import Product, Variant

from .. import spec
from ..common import (
    is_multi,
    plain_text,
    variant_attributes,
    variant_title,
    variants_of,
)

LEFT_OUT = "left_out"
WARNING = "warning"

FEEDS = (
    ("meta", "Meta (Facebook, Instagram)"),
    ("google", "Google Merchant Center"),
    ("shopee", "Shopee"),
)


@dataclass(frozen=True)
class Problem:
    level: str
    message: str
    variant_id: int | None = None  # None: the whole product
    fix_url: str = ""
    fix_label: str = ""

    @property
    def is_left_out(self) -> bool:
        return self.level == LEFT_OUT


@dataclass
class Check:
    """One product against one feed."""

    feed: str
    variant_ids: list[int]
    problems: list[Problem] = field(default_factory=list)

    def add(self, level: str, message: str, **kwargs) -> None:
        self.problems.append(Problem(level, message, **kwargs))

    @property
    def left_out_variant_ids(self) -> set[int]:
        return {p.variant_id for p in self.problems if p.is_left_out and p.variant_id}

    @property
    def left_out(self) -> bool:
        """Nothing of the product goes into the feed."""
        if any(p.is_left_out and p.variant_id is None for p in self.problems):
            return True
        return not set(self.variant_ids) - self.left_out_variant_ids

    def includes(self, variant: Variant) -> bool:
        return not self.left_out and variant.pk not in self.left_out_variant_ids

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_left_out]

    @property
    def label(self) -> str:
        return dict(FEEDS)[self.feed]

    @property
    def status(self) -> str:
        if self.left_out:
            return LEFT_OUT
        if self.problems:
            return WARNING
        return "ok"


def _edit_url(product: Product) -> str:
    return reverse("admin:catalog_product_change", args=[product.pk])


def _edit(product: Product) -> dict:
    return {"fix_url": _edit_url(product), "fix_label": _("Edit product")}


def _photos(product: Product) -> dict:
    return {"fix_url": product.get_photos_url(), "fix_label": _("Photos")}


def _variant_label(product: Product, variant: Variant) -> str:
    options = " / ".join(o for o in (variant.option1, variant.option2) if o)
    return f"{options} ({variant.sku})" if options else variant.sku


def _common(check: Check, product: Product, feed: spec.FeedSpec) -> list[Variant]:
    """What Meta and Google both refuse: no variant, no description, price 0."""
    variants = variants_of(product)
    if not variants:
        check.add(LEFT_OUT, _("It has no variant to sell. Add one."), **_edit(product))
    description = plain_text(product.description)
    limit = feed.fields["description"].max_length
    if not description:
        check.add(LEFT_OUT, _("It has no description."), **_edit(product))
    elif len(description) > limit:
        check.add(
            WARNING,
            _("The description is longer than %(max)s characters; it is cut.")
            % {"max": limit},
            **_edit(product),
        )
    _check_title(check, product, variants, feed.fields["title"].max_length)
    for variant in variants:
        if variant.price <= 0:
            check.add(
                LEFT_OUT,
                _("%(variant)s: the price is Rp 0.")
                % {"variant": _variant_label(product, variant)},
                variant_id=variant.pk,
                **_edit(product),
            )
        if len(variant.sku) > feed.fields["id"].max_length:
            check.add(
                LEFT_OUT,
                _("%(variant)s: the SKU is longer than %(max)s characters.")
                % {
                    "variant": _variant_label(product, variant),
                    "max": feed.fields["id"].max_length,
                },
                variant_id=variant.pk,
                **_edit(product),
            )
    unknown = sorted(
        {name for v in variants for name in variant_attributes(product, v)[1]}
    )
    if unknown and is_multi(product):
        check.add(
            WARNING,
            _(
                "The variation type %(types)s is not one the platform knows "
                "(colour, size, pattern, material); it is shown in the title only."
            )
            % {"types": ", ".join(f"“{name}”" for name in unknown)},
            **_edit(product),
        )
    return variants


def _check_title(check: Check, product: Product, variants, limit: int) -> None:
    for variant in variants:
        if len(variant_title(product, variant, 10_000)) > limit:
            check.add(
                WARNING,
                _("The title has more than %(max)s characters; it is cut: “%(title)s”.")
                % {"max": limit, "title": variant_title(product, variant, limit)},
                **_edit(product),
            )
            return


def _check_photo_count(check: Check, product, photos, most: int) -> None:
    if len(photos) > most:
        check.add(
            WARNING,
            _("It has %(count)s photos; only the first %(max)s are sent.")
            % {"count": len(photos), "max": most},
            **_photos(product),
        )
