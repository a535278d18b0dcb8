from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html

from core.money import format_rupiah
from core.once import FIELD as FORM_TOKEN_FIELD
from core.once import new_token

register = template.Library()


@register.simple_tag
def form_token() -> str:
    """A hidden one-time token: the POST of this form is carried out only once."""
    return format_html(
        '<input type="hidden" name="{}" value="{}">', FORM_TOKEN_FIELD, new_token()
    )


@register.filter
def rupiah(amount) -> str:
    """150000 -> "Rp 150.000"."""
    return format_rupiah(amount)


@register.simple_tag
def photo_img(
    photo,
    sizes: str = "(min-width: 768px) 33vw, 100vw",
    css_class: str = "",
    eager: bool = False,
    max_width: int | None = None,
) -> str:
    """<img> with WebP srcset, a JPEG fallback src, fixed size and lazy loading.

    ``photo`` is anything with ``renditions`` (as stored by photo_files_save)
    and ``alt_text``: a ProductPhoto, or the photo of a hand-in. ``max_width``
    offers only renditions up to that width (the smallest one if none is), for
    small tiles that a phone with a sharp screen would otherwise fetch at 640 px.
    """
    renditions = getattr(photo, "renditions", None) or []
    webp = sorted(
        (r for r in renditions if r["kind"] == "webp"), key=lambda r: r["width"]
    )
    jpegs = [r for r in renditions if r["kind"] == "jpeg"]
    fallback = jpegs[0] if jpegs else (webp[-1] if webp else None)
    if fallback is None:
        return ""
    if max_width is not None:
        webp = [r for r in webp if r["width"] <= max_width] or webp[:1]
    srcset = ", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in webp)
    fallback_url = default_storage.url(fallback["name"])
    if max_width is not None and fallback["width"] > max_width:
        # The JPEG is for browsers without WebP only: its src, never offered
        # in a srcset to the others.
        img_srcset = ""
    else:
        img_srcset = format_html(
            ' srcset="{} {}w" sizes="{}"', fallback_url, fallback["width"], sizes
        )
    # Browsers without WebP (old iPhones) take the JPEG of the <img>.
    img = format_html(
        '<img src="{}"{} width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async" class="{}">',
        fallback_url,
        img_srcset,
        fallback["width"],
        fallback["height"],
        photo.alt_text,
        "eager" if eager else "lazy",
        css_class,
    )
    if not webp:
        # A photo kept as JPEG only (a training session's): no WebP to offer.
        return img
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">{}</picture>',
        srcset,
        sizes,
        img,
    )
