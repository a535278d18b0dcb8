"""The photo pipeline: check an upload, clean it and make its renditions.

Runs once, when a photo is uploaded. Pure Pillow: it takes a file and returns
bytes; ``core.storage`` stores them. Only JPEG, PNG, WebP and HEIC/HEIF are
decoded, the pixel count is checked before decoding, EXIF orientation is applied
and every piece of metadata (GPS included) is left behind.
"""

import io
import math
import struct
import warnings
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO

import pillow_heif
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

pillow_heif.register_heif_opener()

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
# What a file input offers a phone's picker: the formats decoded here.
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif"
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
# PNG, WebP and HEIC cannot be decoded at reduced scale as JPEG can, and their
# decoders hold two or three full copies of the pixels (4 bytes each) while
# loading: these bounds keep one upload's peak memory under 300 MB, with
# transparency, where 40 megapixels would take 350 to 750 MB.
FULL_DECODE_MAX_PIXELS = {"PNG": 25_000_000, "HEIF": 25_000_000, "WEBP": 15_000_000}
_FORMAT_NAMES = {"PNG": "PNG", "HEIF": "HEIC", "WEBP": "WebP"}
# The kept "original": big enough for any marketplace zoom, small enough that a
# 12-megapixel phone JPEG decodes at half scale (JPEG draft mode).
MASTER_LONG_EDGE = 2000
# Kept as decoded up to this size: a 4032 px phone photo decodes to 2016 px and
# is not resized again just to lose 16 px.
MASTER_MAX_EDGE = 2048
WEBP_WIDTHS = (320, 640, 1280)
JPEG_WIDTH = 640
# A JPEG for shared links and marketplace feeds: Open Graph asks for 1200 px,
# Google Merchant Center for at least 500 x 500, and WhatsApp shows a JPEG preview.
SHARE_WIDTH = 1200
SHARE_QUALITY = 82
WEBP_QUALITY = 80
# libwebp effort 0-6: 2 encodes about twice as fast as the default 4 for files
# some 4 % larger.
WEBP_METHOD = 2
JPEG_QUALITY = 85
MASTER_JPEG_QUALITY = 90

_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error)


class PhotoRejected(ValidationError):
    """An upload that is not a usable photo; the message says why."""


@dataclass
class Rendition:
    kind: str  # "original", "webp", "jpeg" (the fallback) or "share" (1200 px JPEG)
    width: int
    height: int
    data: bytes
    extension: str


@dataclass
class ProcessedPhoto:
    width: int
    height: int
    original: Rendition
    renditions: list[Rendition] = field(default_factory=list)


def _size_of(source: BinaryIO) -> int:
    size = getattr(source, "size", None)
    if size is None:
        position = source.tell()
        source.seek(0, io.SEEK_END)
        size = source.tell()
        source.seek(position)
    return size


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in head)


def _actual_format(source: BinaryIO) -> str | None:
    """What an unaccepted file really is (GIF, BMP, ...), read from its header only."""
    source.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(source) as probe:
                return probe.format
    except Exception:  # noqa: BLE001 - any failure simply means "not an image"
        return None
    finally:
        source.seek(0)


def _open_checked(source: BinaryIO) -> Image.Image:
    size = _size_of(source)
    if size == 0:
        raise PhotoRejected(_("The file is empty."), code="empty")
    if size > MAX_BYTES:
        raise PhotoRejected(
            _("The file is %(size).1f MB; photos may be at most 20 MB.")
            % {"size": size / 1024 / 1024},
            code="too_large",
        )
    source.seek(0)
    head = source.read(1024)
    source.seek(0)
    if _looks_like_svg(head):
        raise PhotoRejected(
            _("SVG drawings are not accepted; upload a photo (JPEG, PNG, WebP, HEIC)."),
            code="svg",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(source, formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoRejected(
            _("The photo has too many pixels; at most 40 megapixels."),
            code="too_many_pixels",
        ) from error
    except UnidentifiedImageError as error:
        actual = _actual_format(source)
        if actual:
            raise PhotoRejected(
                _(
                    "This file is a %(format)s image, whatever its name says. "
                    "Upload JPEG, PNG, WebP or HEIC."
                )
                % {"format": actual},
                code="wrong_format",
            ) from error
        raise PhotoRejected(
            _("This file is not a photo. Upload JPEG, PNG, WebP or HEIC."),
            code="not_an_image",
        ) from error
    except _DECODE_ERRORS as error:
        raise PhotoRejected(
            _("The photo is damaged or incomplete; upload it again."),
            code="corrupt",
        ) from error
    if image.width * image.height > MAX_PIXELS:
        raise PhotoRejected(
            _(
                "The photo has %(mp).0f megapixels; at most 40. Take it at a lower "
                "resolution or shrink it first."
            )
            % {"mp": image.width * image.height / 1_000_000},
            code="too_many_pixels",
        )
    limit = FULL_DECODE_MAX_PIXELS.get(image.format)
    if limit is not None and image.width * image.height > limit:
        raise PhotoRejected(
            _(
                "This %(format)s photo is too large (%(mp).0f megapixels); at most "
                "%(max)d megapixels. Send it as a JPEG or shrink it first."
            )
            % {
                "format": _FORMAT_NAMES[image.format],
                "mp": image.width * image.height / 1_000_000,
                "max": limit // 1_000_000,
            },
            code="too_many_pixels",
        )
    return image


def _decode(image: Image.Image) -> Image.Image:
    """Load the pixels, at reduced scale where the format allows it."""
    if image.format == "JPEG":
        scale = MASTER_LONG_EDGE / max(image.size)
        if scale < 1:
            wanted = (math.ceil(image.width * scale), math.ceil(image.height * scale))
            draft_mode = image.mode if image.mode in ("RGB", "L") else None
            image.draft(draft_mode, wanted)
    try:
        image.load()
    except _DECODE_ERRORS as error:
        raise PhotoRejected(
            _(
                "The photo is damaged or incomplete (the file was cut off); "
                "upload it again."
            ),
            code="truncated",
        ) from error
    return image


def _has_alpha(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA"):
        return image.getchannel("A").getextrema()[0] < 255
    # Palette, grey or RGB PNGs can mark one colour as transparent.
    return "transparency" in image.info


def _to_8_bit(image: Image.Image) -> Image.Image:
    """16-bit and 32-bit grey (some PNGs) scaled to 8 bits, not clipped to white."""
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N"):
        wide = image.convert("I")
        top = wide.getextrema()[1]
        factor = 1 / 256 if top > 255 else 1
        return wide.point(lambda value: value * factor).convert("L")
    if image.mode == "F":
        return image.convert("L")
    return image


def _shrink_to_master(image: Image.Image) -> Image.Image:
    """At most the kept original's size (before turning upright: the same size)."""
    if max(image.size) <= MASTER_MAX_EDGE:
        return image
    scale = MASTER_LONG_EDGE / max(image.size)
    return image.resize(
        (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
        Image.Resampling.LANCZOS,
        reducing_gap=3.0,
    )


def _clean_pixels(image: Image.Image) -> Image.Image:
    """Upright pixels in RGB or RGBA, at most the master's size, nothing attached.

    A big photo is shrunk first, so turning it upright and dropping an unused
    alpha channel work on the small copy: each full-size copy of a 40-megapixel
    RGB photo is 160 MB.
    """
    eight_bit = _to_8_bit(image)
    mode = "RGBA" if _has_alpha(eight_bit) else "RGB"
    # Grey is shrunk as it is (a quarter of the memory) and turned to RGB after.
    if eight_bit.mode != mode and (eight_bit.mode, mode) != ("L", "RGB"):
        eight_bit = eight_bit.convert(mode)
    upright = ImageOps.exif_transpose(_shrink_to_master(eight_bit))
    clean = upright.convert(mode)
    if clean is upright:
        clean = upright.copy()
    # Nothing of the upload's metadata (EXIF, GPS, XMP, ICC, comments) goes on.
    clean.info = {}
    return clean


def _fit(image: Image.Image, width: int) -> Image.Image:
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode == "RGBA":
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image


def _encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def process_photo(source: BinaryIO) -> ProcessedPhoto:
    """Check, clean and render one uploaded photo; raises PhotoRejected."""
    image = _open_checked(source)
    with image:
        pixels = _clean_pixels(_decode(image))
    if pixels.mode == "RGBA":
        original = Rendition(
            "original", *pixels.size, _encode(pixels, "PNG", compress_level=6), "png"
        )
    else:
        original = Rendition(
            "original",
            *pixels.size,
            _encode(pixels, "JPEG", quality=MASTER_JPEG_QUALITY, optimize=True),
            "jpg",
        )

    renditions = []
    # Each size is made from the one before: cheaper than from the full photo.
    current = pixels
    for width in sorted(WEBP_WIDTHS, reverse=True):
        current = _fit(current, width)
        if width == max(WEBP_WIDTHS):
            share = _flatten(_fit(current, SHARE_WIDTH))
            renditions.append(
                Rendition(
                    "share",
                    *share.size,
                    _encode(share, "JPEG", quality=SHARE_QUALITY, progressive=True),
                    "jpg",
                )
            )
        renditions.append(
            Rendition(
                "webp",
                *current.size,
                _encode(current, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD),
                "webp",
            )
        )
        if width == JPEG_WIDTH:
            fallback = _flatten(current)
            renditions.append(
                Rendition(
                    "jpeg",
                    *fallback.size,
                    _encode(fallback, "JPEG", quality=JPEG_QUALITY, progressive=True),
                    "jpg",
                )
            )
    # A small photo gives the same size more than once: keep one of each.
    unique: dict[tuple[str, int], Rendition] = {}
    for rendition in renditions:
        unique.setdefault((rendition.kind, rendition.width), rendition)
    return ProcessedPhoto(
        width=pixels.width,
        height=pixels.height,
        original=original,
        renditions=sorted(unique.values(), key=lambda r: (r.kind, r.width)),
    )
