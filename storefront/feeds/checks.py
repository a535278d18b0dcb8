"""Why a product is left out of a feed, or changed to fit: one function per feed.

The feed builders ask the same functions, so a product that its check calls
"left out" is never in that feed, and the check page tells the admin why.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.models import DescriptionTemplate, ListingChannel, Product, Variant
from catalog.placeholders import render_template
from core.money import format_rupiah

from . import spec
from .common import (
    cut,
    image_size,
    is_large_enough,
    is_multi,
    photos_for,
    plain_text,
    shopee_category_id,
    variant_attributes,
    variant_title,
    variants_of,
)

LEFT_OUT = "left_out"
WARNING = "warning"


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


def meta_check(product: Product) -> Check:
    check = Check("meta", [v.pk for v in variants_of(product)])
    _common(check, product, spec.META)
    photos = photos_for(product)
    if not photos:
        check.add(LEFT_OUT, _("It has no photo."), **_photos(product))
    else:
        width, height = image_size(photos[0])
        if not is_large_enough(
            photos[0], spec.META.image_min_width, spec.META.image_min_height
        ):
            check.add(
                WARNING,
                _(
                    "The main photo is %(width)s × %(height)s px; Meta asks for at "
                    "least %(min_width)s × %(min_height)s px."
                )
                % {
                    "width": width,
                    "height": height,
                    "min_width": spec.META.image_min_width,
                    "min_height": spec.META.image_min_height,
                },
                **_photos(product),
            )
        _check_photo_count(check, product, photos, spec.META.additional_images_max + 1)
    return check


def google_photos(product: Product, variant: Variant | None = None) -> list:
    """The photos Google takes: at least 500 × 500 px, a variant's own first."""
    return [
        photo
        for photo in photos_for(product, variant)
        if is_large_enough(
            photo, spec.GOOGLE.image_min_width, spec.GOOGLE.image_min_height
        )
    ]


def google_check(product: Product) -> Check:
    check = Check("google", [v.pk for v in variants_of(product)])
    _common(check, product, spec.GOOGLE)
    photos = photos_for(product)
    large = google_photos(product)
    minimum = {
        "min_width": spec.GOOGLE.image_min_width,
        "min_height": spec.GOOGLE.image_min_height,
    }
    if not photos:
        check.add(LEFT_OUT, _("It has no photo."), **_photos(product))
    elif not large:
        check.add(
            LEFT_OUT,
            _(
                "No photo is at least %(min_width)s × %(min_height)s px, "
                "which Google asks for."
            )
            % minimum,
            **_photos(product),
        )
    elif len(large) < len(photos):
        small = len(photos) - len(large)
        check.add(
            WARNING,
            ngettext(
                "%(count)s photo is under %(min_width)s × %(min_height)s px and "
                "is not sent.",
                "%(count)s photos are under %(min_width)s × %(min_height)s px and "
                "are not sent.",
                small,
            )
            % {"count": small, **minimum},
            **_photos(product),
        )
    if large:
        _check_photo_count(check, product, large, spec.GOOGLE.additional_images_max + 1)
    return check


def _check_photo_count(check: Check, product, photos, most: int) -> None:
    if len(photos) > most:
        check.add(
            WARNING,
            _("It has %(count)s photos; only the first %(max)s are sent.")
            % {"count": len(photos), "max": most},
            **_photos(product),
        )


# --- Shopee -----------------------------------------------------------------


def shopee_template() -> DescriptionTemplate | None:
    return DescriptionTemplate.objects.filter(channel=ListingChannel.SHOPEE).first()


def _render(text: str, product: Product) -> str:
    try:
        return render_template(text, product)
    except ValidationError:
        # A template saved around its checks: the product's own words instead.
        return ""


def shopee_name(product: Product, template: DescriptionTemplate | None) -> str:
    title = _render(template.title, product) if template and template.title else ""
    return plain_text(title or product.name, one_line=True)


def shopee_description(product: Product, template: DescriptionTemplate | None) -> str:
    body = _render(template.body, product) if template else ""
    return plain_text(body or product.description)


def shopee_variations(product: Product) -> list[tuple[str, str]]:
    """The variation type names used by the product's variants, as (slot, name)."""
    variants = variants_of(product)
    used = []
    for slot, name in (
        ("option1", product.variation1_name),
        ("option2", product.variation2_name),
    ):
        if any(getattr(v, slot) for v in variants):
            used.append((slot, plain_text(name, one_line=True)))
    return used


def shopee_preorder_days(product: Product) -> int | None:
    if not product.is_preorder:
        return None
    return max(product.lead_time_days or 0, spec.SHOPEE_PREORDER_DAYS_MIN)


def shopee_check(product: Product, template: DescriptionTemplate | None) -> Check:
    variants = variants_of(product)
    check = Check("shopee", [v.pk for v in variants])
    if not variants:
        check.add(LEFT_OUT, _("It has no variant to sell. Add one."), **_edit(product))
    if not shopee_category_id(product):
        check.add(
            LEFT_OUT,
            _("The category “%(category)s” has no Shopee category id yet.")
            % {"category": product.category.name},
            fix_url=reverse("admin:storefront_shopeecategory_add")
            + f"?category={product.category_id}",
            fix_label=_("Set Shopee category"),
        )
    name = shopee_name(product, template)
    if len(name) > spec.SHOPEE_NAME_MAX:
        check.add(
            WARNING,
            _("The name is longer than %(max)s characters; it is cut: “%(title)s”.")
            % {"max": spec.SHOPEE_NAME_MAX, "title": cut(name, spec.SHOPEE_NAME_MAX)},
            **_edit(product),
        )
    description = shopee_description(product, template)
    if not description:
        check.add(LEFT_OUT, _("It has no description."), **_edit(product))
    elif len(description) > spec.SHOPEE_DESCRIPTION_MAX:
        check.add(
            WARNING,
            _("The description is longer than %(max)s characters; it is cut.")
            % {"max": spec.SHOPEE_DESCRIPTION_MAX},
            **_edit(product),
        )
    photos = photos_for(product)
    if not photos:
        check.add(LEFT_OUT, _("It has no photo."), **_photos(product))
    _check_photo_count(check, product, photos, spec.SHOPEE_PHOTOS_MAX)
    if not product.weight_grams:
        check.add(LEFT_OUT, _("It has no weight; Shopee needs one."), **_edit(product))
    elif product.weight_grams > spec.SHOPEE_WEIGHT_MAX:
        check.add(
            LEFT_OUT,
            _("It weighs more than Shopee's %(max)s kg.")
            % {"max": spec.SHOPEE_WEIGHT_MAX // 1000},
            **_edit(product),
        )
    if product.is_preorder:
        days = product.lead_time_days or 0
        if days > spec.SHOPEE_PREORDER_DAYS_MAX:
            check.add(
                LEFT_OUT,
                _(
                    "A pre-order lead time of %(days)s days is longer than "
                    "Shopee's %(max)s."
                )
                % {"days": days, "max": spec.SHOPEE_PREORDER_DAYS_MAX},
                **_edit(product),
            )
        elif days < spec.SHOPEE_PREORDER_DAYS_MIN:
            check.add(
                WARNING,
                _(
                    "A pre-order lead time of %(days)s days is raised to Shopee's "
                    "shortest, %(min)s days."
                )
                % {"days": days, "min": spec.SHOPEE_PREORDER_DAYS_MIN},
                **_edit(product),
            )
    _check_shopee_variants(check, product, variants)
    for variant in variants:
        if not spec.SHOPEE_PRICE_MIN <= variant.price <= spec.SHOPEE_PRICE_MAX:
            check.add(
                LEFT_OUT,
                _(
                    "%(variant)s: Shopee takes prices from %(min)s to %(max)s, "
                    "not %(price)s."
                )
                % {
                    "variant": _variant_label(product, variant),
                    "price": format_rupiah(variant.price),
                    "min": format_rupiah(spec.SHOPEE_PRICE_MIN),
                    "max": format_rupiah(spec.SHOPEE_PRICE_MAX),
                },
                variant_id=variant.pk,
                **_edit(product),
            )
    return check


def _check_shopee_variants(check: Check, product, variants) -> None:
    if len(variants) < 2:
        return
    used = shopee_variations(product)
    if not used:
        check.add(
            LEFT_OUT,
            _(
                "It has several variants but no variation type and options "
                "(e.g. Warna: Merah, Biru)."
            ),
            **_edit(product),
        )
        return
    for slot, name in used:
        if not name:
            check.add(
                LEFT_OUT,
                _(
                    "Its variants have options, but variation type %(number)s "
                    "has no name."
                )
                % {"number": slot[-1]},
                **_edit(product),
            )
        elif len(name) > spec.SHOPEE_VARIATION_NAME_MAX:
            check.add(
                WARNING,
                _("The variation type “%(name)s” is cut to “%(cut)s”.")
                % {"name": name, "cut": cut(name, spec.SHOPEE_VARIATION_NAME_MAX)},
                **_edit(product),
            )
        for variant in variants:
            option = plain_text(getattr(variant, slot), one_line=True)
            if not option:
                check.add(
                    LEFT_OUT,
                    _("%(variant)s has no option for “%(name)s”.")
                    % {"variant": variant.sku, "name": name},
                    **_edit(product),
                )
            elif len(option) > spec.SHOPEE_OPTION_MAX:
                check.add(
                    WARNING,
                    _("The option “%(option)s” is cut to “%(cut)s”.")
                    % {"option": option, "cut": cut(option, spec.SHOPEE_OPTION_MAX)},
                    **_edit(product),
                )
    keys = [shopee_option_key(product, v) for v in variants]
    if len(set(keys)) < len(keys):
        check.add(
            LEFT_OUT,
            _(
                "Two variants have the same options once cut to %(max)s characters; "
                "Shopee needs them different."
            )
            % {"max": spec.SHOPEE_OPTION_MAX},
            **_edit(product),
        )


def shopee_option_key(product: Product, variant: Variant) -> tuple[str, ...]:
    return tuple(
        cut(plain_text(getattr(variant, slot), one_line=True), spec.SHOPEE_OPTION_MAX)
        for slot, _name in shopee_variations(product)
    )


# --- The check page ----------------------------------------------------------

FEEDS = (
    ("meta", "Meta (Facebook, Instagram)"),
    ("google", "Google Merchant Center"),
    ("shopee", "Shopee"),
)


@dataclass
class ProductReport:
    product: Product
    checks: list[Check]

    @property
    def left_out(self) -> bool:
        return any(check.left_out for check in self.checks)

    @property
    def has_problems(self) -> bool:
        return any(check.problems for check in self.checks)

    @property
    def fixes(self) -> list[tuple[str, str]]:
        """Where to fix the problems, each place once: (address, label)."""
        places = {
            problem.fix_url: problem.fix_label
            for check in self.checks
            for problem in check.problems
            if problem.fix_url
        }
        return list(places.items())


@dataclass
class FeedTotal:
    feed: str
    label: str
    included: int
    left_out: int


@dataclass
class FeedReport:
    products: list[ProductReport]

    @property
    def to_fix(self) -> list[ProductReport]:
        return [report for report in self.products if report.has_problems]

    @property
    def fine_count(self) -> int:
        return sum(1 for report in self.products if not report.has_problems)

    @property
    def totals(self) -> list[FeedTotal]:
        totals = []
        for index, (feed, label) in enumerate(FEEDS):
            out = sum(1 for report in self.products if report.checks[index].left_out)
            totals.append(FeedTotal(feed, label, len(self.products) - out, out))
        return totals


def feed_report(products: list[Product]) -> FeedReport:
    """Every published product against the three feeds: left out first."""
    template = shopee_template()
    reports = [
        ProductReport(
            product,
            [
                meta_check(product),
                google_check(product),
                shopee_check(product, template),
            ],
        )
        for product in products
    ]
    reports.sort(key=lambda r: (not r.left_out, not r.has_problems))
    return FeedReport(reports)
