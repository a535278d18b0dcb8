"""Product descriptions per channel: safe {placeholder} substitution and limits.

Only whole names from PLACEHOLDERS are replaced; there is no attribute access,
indexing, formatting or template code. ``{{`` and ``}}`` write literal braces.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Channel, DescriptionTemplate, Product
from .money import format_rupiah

_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def _makers(product: Product) -> str:
    return ", ".join(member.full_name for member in product.makers.all())


def _lead_time(product: Product) -> str:
    if not product.is_preorder or not product.lead_time_days:
        return ""
    return gettext("%(days)s days") % {"days": product.lead_time_days}


def _weight(product: Product) -> str:
    return f"{product.weight_grams} g" if product.weight_grams else ""


PLACEHOLDERS: dict[str, tuple[str, Callable[[Product], str]]] = {
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


def render_template(text: str, product: Product) -> str:
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


# Limits of the channels, as their apps enforce them.
INSTAGRAM_CAPTION_MAX = 2200
INSTAGRAM_HASHTAGS_MAX = 30
SHOPEE_NAME_MAX = 100
SHOPEE_DESCRIPTION_MAX = 3000
_HASHTAG = re.compile(r"(?<!\w)#\w+")


@dataclass
class ChannelText:
    channel: Channel
    title: str
    body: str
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.channel.label


def channel_warnings(channel: str, title: str, body: str) -> list[str]:
    warnings = []
    if channel == Channel.INSTAGRAM:
        caption = f"{title}\n\n{body}".strip() if title else body
        if len(caption) > INSTAGRAM_CAPTION_MAX:
            warnings.append(
                gettext(
                    "Instagram captions may have at most %(max)s characters; "
                    "this one has %(count)s."
                )
                % {"max": INSTAGRAM_CAPTION_MAX, "count": len(caption)}
            )
        tags = len(_HASHTAG.findall(caption))
        if tags > INSTAGRAM_HASHTAGS_MAX:
            warnings.append(
                gettext(
                    "Instagram allows at most %(max)s hashtags; this caption has "
                    "%(count)s."
                )
                % {"max": INSTAGRAM_HASHTAGS_MAX, "count": tags}
            )
    if channel == Channel.SHOPEE:
        if len(title) > SHOPEE_NAME_MAX:
            warnings.append(
                gettext(
                    "Shopee product names may have at most %(max)s characters; "
                    "this one has %(count)s."
                )
                % {"max": SHOPEE_NAME_MAX, "count": len(title)}
            )
        if len(body) > SHOPEE_DESCRIPTION_MAX:
            warnings.append(
                gettext(
                    "Shopee descriptions may have at most %(max)s characters; "
                    "this one has %(count)s."
                )
                % {"max": SHOPEE_DESCRIPTION_MAX, "count": len(body)}
            )
    return warnings


def product_channel_texts(product: Product) -> list[ChannelText]:
    """The product described for every channel that has a template."""
    texts = []
    order = list(Channel.values)
    templates = sorted(
        DescriptionTemplate.objects.all(), key=lambda t: order.index(t.channel)
    )
    for template in templates:
        channel = Channel(template.channel)
        title = render_template(template.title, product)
        body = render_template(template.body, product)
        texts.append(
            ChannelText(channel, title, body, channel_warnings(channel, title, body))
        )
    return texts
