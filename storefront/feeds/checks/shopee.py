"""Shopee's mass-upload sheet: why a product is left out or changed."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import DescriptionTemplate, ListingChannel, Product, Variant
from catalog.placeholders import render_template
from core.money import format_rupiah

from .. import spec
from ..common import (
    cut,
    photos_for,
    plain_text,
    shopee_category_id,
    variants_of,
)
from .base import (
    LEFT_OUT,
    WARNING,
    Check,
    _check_photo_count,
    _edit,
    _photos,
    _variant_label,
)


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
