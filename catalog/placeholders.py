"""Safe {placeholder} substitution in channel texts: names, checks, filling.

Only whole names from PLACEHOLDERS are replaced; there is no attribute access,
indexing, formatting or template code. ``{{`` and ``}}`` write literal braces.
Works on any product-like object, so the models can validate with it.
"""

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.money import format_rupiah

_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def _makers(product) -> str:
    return ", ".join(member.full_name for member in product.makers.all())


def _lead_time(product) -> str:
    if not product.is_preorder or not product.lead_time_days:
        return ""
    return gettext("%(days)s days") % {"days": product.lead_time_days}


def _weight(product) -> str:
    return f"{product.weight_grams} g" if product.weight_grams else ""


PLACEHOLDERS: dict[str, tuple[str, Callable[[object], str]]] = {
    "nama": (_("product name"), lambda p: p.name),
    "harga": (_("price, e.g. Rp 150.000"), lambda p: format_rupiah(p.price)),
    "deskripsi": (_("description"), lambda p: p.description),
    "bahan": (_("materials"), lambda p: p.materials),
    "ukuran": (_("size / dimensions"), lambda p: p.dimensions),
    "warna": (_("colours"), lambda p: p.colours),
    "berat": (_("weight"), _weight),
    "perawatan": (_("care instructions"), lambda p: p.care_instructions),
    "lama_po": (_("pre-order lead time"), _lead_time),
    "pembuat": (_("makers"), _makers),
    "tagar": (_("hashtags"), lambda p: p.hashtags),
    "kategori": (_("category"), lambda p: p.category.name),
    "sku": (_("SKU"), lambda p: p.sku),
    "tautan_shopee": (_("Shopee link"), lambda p: p.shopee_url),
}


def allowed_placeholders() -> str:
    return ", ".join("{" + name + "}" for name in PLACEHOLDERS)


def check_template(text: str) -> None:
    """Raise ValidationError naming every unknown or broken placeholder."""
    unknown, broken = [], False
    for match in _FIELD.finditer(text or ""):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if match.group(1) is None:
            broken = True
        elif match.group(1) not in PLACEHOLDERS:
            unknown.append("{" + match.group(1) + "}")
    errors = []
    if unknown:
        errors.append(
            ValidationError(
                _("Unknown placeholder %(names)s. Allowed: %(allowed)s."),
                code="unknown_placeholder",
                params={
                    "names": ", ".join(dict.fromkeys(unknown)),
                    "allowed": allowed_placeholders(),
                },
            )
        )
    if broken:
        errors.append(
            ValidationError(
                _("A { or } is not closed. Write {{ or }} for a brace itself."),
                code="unbalanced_brace",
            )
        )
    if errors:
        raise ValidationError(errors)


def render_template(text: str, product) -> str:
    check_template(text)
    values: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        if name not in values:
            values[name] = PLACEHOLDERS[name][1](product) or ""
        return values[name]

    rendered = _FIELD.sub(replace, text or "")
    # Empty placeholders leave blank lines behind; keep at most one.
    return re.sub(r"\n{3,}", "\n\n", rendered).strip()
