"""The photo pipeline: upright, metadata-free renditions; unusable uploads refused."""

import io
import struct
import zlib

import pillow_heif
import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms

from core.photos import (
    JPEG_WIDTH,
    MASTER_LONG_EDGE,
    SHARE_WIDTH,
    WEBP_WIDTHS,
    PhotoRejected,
    ProcessedPhoto,
    Rendition,
    process_photo,
)

pillow_heif.register_heif_opener()

RED = (255, 0, 0)
GREEN = (0, 255, 0)
BLUE = (0, 0, 255)
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
NAMED_COLOURS = {
    "red": RED,
    "green": GREEN,
    "blue": BLUE,
    "white": WHITE,
    "black": BLACK,
}

METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment")
DECODED_FORMAT = {"webp": "WEBP", "jpeg": "JPEG", "share": "JPEG"}
ORIGINAL_FORMAT = {"jpg": "JPEG", "png": "PNG"}


class Upload(io.BytesIO):
    """An uploaded file: bytes with a name and, like Django's, maybe a size."""

    def __init__(self, data: bytes = b"", name: str = "photo.jpg", size=None):
        super().__init__(data)
        self.name = name
        if size is not None:
            self.size = size


def _encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _outputs(photo: ProcessedPhoto) -> list[Rendition]:
    return [photo.original, *photo.renditions]


def _reopen(rendition: Rendition) -> Image.Image:
    image = Image.open(io.BytesIO(rendition.data))
    image.load()
    return image


def _colour_at(image: Image.Image, x: float, y: float) -> str:
    """The named colour nearest to the pixel at a relative position."""
    pixel = image.convert("RGB").getpixel(
        (int(x * (image.width - 1)), int(y * (image.height - 1)))
    )

    def distance(name: str) -> int:
        return sum(
            (a - b) ** 2 for a, b in zip(pixel, NAMED_COLOURS[name], strict=True)
        )

    return min(NAMED_COLOURS, key=distance)


def _widths(photo: ProcessedPhoto, kind: str) -> list[int]:
    return sorted(r.width for r in photo.renditions if r.kind == kind)


def _blank_png(width: int, height: int) -> bytes:
    """A valid all-black 1-bit PNG, built row by row so it never sits in memory."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = bytes(1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height))
    pixels += compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def _gradient_jpeg(width: int, height: int) -> bytes:
    image = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((width, height)),
            Image.radial_gradient("L").resize((width, height)),
            Image.linear_gradient("L").rotate(90).resize((width, height)),
        ),
    )
    return _encoded(image, "JPEG", quality=90)


# --- A 12-megapixel phone photo, taken rotated, with GPS ----------------------


@pytest.fixture(scope="module")
def rotated_gps_jpeg() -> bytes:
    """4000x3000 as stored; EXIF orientation 6 means it displays 3000x4000.

    Stored: left half red, right half blue, a green square in the top-left
    corner. Turned 90 degrees clockwise for display: top half red, bottom half
    blue, the green square in the top-right corner.
    """
    image = Image.new("RGB", (4000, 3000), BLUE)
    image.paste(RED, (0, 0, 2000, 3000))
    image.paste(GREEN, (0, 0, 600, 600))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to display
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "EOS 5D"  # Model
    gps = exif.get_ifd(0x8825)
    gps.update(
        {
            1: "S",  # GPSLatitudeRef
            2: (6.0, 54.0, 30.0),  # GPSLatitude
            3: "E",  # GPSLongitudeRef
            4: (107.0, 36.0, 0.0),  # GPSLongitude
            27: b"ASCII\x00\x00\x00GPS fix",  # GPSProcessingMethod
        }
    )
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">GPS 6.9S 107.6E</x:xmpmeta>'
    data = _encoded(image, "JPEG", quality=90, exif=exif, icc_profile=icc, xmp=xmp)
    with Image.open(io.BytesIO(data)) as check:
        assert check.getexif().get_ifd(0x8825), "the source must carry GPS tags"
        assert {"exif", "xmp", "icc_profile"} <= check.info.keys()
    assert b"Exif" in data and b"GPS" in data
    return data


@pytest.fixture(scope="module")
def rotated_photo(rotated_gps_jpeg) -> ProcessedPhoto:
    return process_photo(Upload(rotated_gps_jpeg))


def test_exif_rotated_photo_comes_out_portrait(rotated_photo):
    assert (rotated_photo.width, rotated_photo.height) == (1500, 2000)
    for output in _outputs(rotated_photo):
        assert output.height > output.width, output.kind


def test_exif_rotated_photo_is_upright_in_every_output(rotated_photo):
    for output in _outputs(rotated_photo):
        image = _reopen(output)
        seen = {
            "top left": _colour_at(image, 0.07, 0.05),
            "top right": _colour_at(image, 0.93, 0.05),
            "upper middle": _colour_at(image, 0.5, 0.3),
            "lower middle": _colour_at(image, 0.5, 0.8),
        }
        assert seen == {
            "top left": "red",
            "top right": "green",
            "upper middle": "red",
            "lower middle": "blue",
        }, f"{output.kind} {output.width}"


def test_declared_size_of_every_output_is_its_real_size(rotated_photo):
    for output in _outputs(rotated_photo):
        assert _reopen(output).size == (output.width, output.height)


def test_no_output_has_exif_tags(rotated_photo):
    for output in _outputs(rotated_photo):
        exif = _reopen(output).getexif()
        assert len(exif) == 0, f"{output.kind} {output.width}: {dict(exif)}"
        assert not exif.get_ifd(0x8825)


def test_no_output_has_exif_xmp_or_icc_profile_attached(rotated_photo):
    for output in _outputs(rotated_photo):
        info = _reopen(output).info
        kept = [key for key in METADATA_KEYS if key in info]
        assert kept == [], f"{output.kind} {output.width}"


def test_no_output_contains_exif_or_gps_bytes(rotated_photo):
    for output in _outputs(rotated_photo):
        assert b"Exif" not in output.data, f"{output.kind} {output.width}"
        assert b"GPS" not in output.data, f"{output.kind} {output.width}"


# --- Renditions ------------------------------------------------------------------


def test_large_photo_gets_webp_at_320_640_1280_a_jpeg_at_640_and_a_share_at_1200(
    rotated_photo,
):
    assert _widths(rotated_photo, "webp") == sorted(WEBP_WIDTHS) == [320, 640, 1280]
    assert _widths(rotated_photo, "jpeg") == [JPEG_WIDTH] == [640]
    assert _widths(rotated_photo, "share") == [SHARE_WIDTH] == [1200]
    assert {r.kind for r in rotated_photo.renditions} == {"webp", "jpeg", "share"}


def test_share_jpeg_of_a_portrait_photo_is_1200_px_wide_and_progressive(
    rotated_photo,
):
    (share,) = [r for r in rotated_photo.renditions if r.kind == "share"]
    # 1500 x 2000 shrunk to 1280 x 1707, then to 1200 px wide.
    assert (share.width, share.height) == (1200, 1600)
    image = _reopen(share)
    assert (image.format, image.mode) == ("JPEG", "RGB")
    assert image.info.get("progressive") == 1


def test_renditions_are_encoded_as_their_kind(rotated_photo):
    for rendition in rotated_photo.renditions:
        assert _reopen(rendition).format == DECODED_FORMAT[rendition.kind]
        assert (
            rendition.extension
            == {"webp": "webp", "jpeg": "jpg", "share": "jpg"}[rendition.kind]
        )


def test_original_long_edge_is_capped_at_master_long_edge(rotated_photo):
    original = rotated_photo.original
    assert max(original.width, original.height) == MASTER_LONG_EDGE == 2000
    assert original.kind == "original"
    assert _reopen(original).format == ORIGINAL_FORMAT[original.extension]


def test_original_of_small_photo_keeps_its_size():
    photo = process_photo(Upload(_gradient_jpeg(500, 400)))
    assert (photo.original.width, photo.original.height) == (500, 400)
    assert (photo.width, photo.height) == (500, 400)


def test_500px_photo_is_never_upscaled():
    photo = process_photo(Upload(_gradient_jpeg(500, 400)))
    assert _widths(photo, "webp") == [320, 500]
    assert _widths(photo, "jpeg") == [500]
    assert _widths(photo, "share") == [500]
    assert all(r.width <= 500 and r.height <= 400 for r in photo.renditions)


def test_photo_narrower_than_smallest_width_gives_one_rendition_per_kind():
    photo = process_photo(Upload(_gradient_jpeg(200, 150)))
    assert [(r.kind, r.width, r.height) for r in photo.renditions] == [
        ("jpeg", 200, 150),
        ("share", 200, 150),
        ("webp", 200, 150),
    ]


@pytest.mark.parametrize(
    ("width", "height", "share"),
    [(900, 600, (900, 600)), (1200, 800, (1200, 800)), (1280, 960, (1200, 900))],
)
def test_share_jpeg_is_at_most_1200_px_wide_and_never_upscaled(width, height, share):
    photo = process_photo(Upload(_gradient_jpeg(width, height)))
    assert [(r.width, r.height) for r in photo.renditions if r.kind == "share"] == [
        share
    ]


@pytest.mark.parametrize("width", [100, 320, 500, 640, 900, 1280, 1500])
def test_at_most_one_rendition_per_kind_and_width(width):
    photo = process_photo(Upload(_gradient_jpeg(width, 100)))
    keys = [(r.kind, r.width) for r in photo.renditions]
    assert len(keys) == len(set(keys))
    assert all(r.width <= width for r in photo.renditions)


# --- Refused uploads ---------------------------------------------------------------


def _gif() -> Upload:
    image = Image.new("P", (40, 30))
    return Upload(_encoded(image, "GIF"), name="photo.jpg")


def _bmp() -> Upload:
    return Upload(_encoded(Image.new("RGB", (40, 30), RED), "BMP"), name="photo.jpg")


def _truncated_jpeg() -> Upload:
    data = _gradient_jpeg(800, 600)
    return Upload(data[: len(data) // 2])


def _svg() -> Upload:
    return Upload(
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<rect width="10" height="10"/></svg>',
        name="photo.svg",
    )


def _svg_with_prolog() -> Upload:
    return Upload(
        b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<circle cx="5" cy="5" r="4"/></svg>\n',
        name="photo.jpg",
    )


REFUSALS = {
    # id: (make the upload, code, what the English message must mention)
    "text file": (
        lambda: Upload(b"Dear co-op, here are my photos.\n" * 20, name="photo.jpg"),
        "not_an_image",
        ["not a photo"],
    ),
    "gif renamed jpg": (_gif, "wrong_format", ["GIF"]),
    "bmp renamed jpg": (_bmp, "wrong_format", ["BMP"]),
    "truncated jpeg": (_truncated_jpeg, "truncated", ["damaged or incomplete"]),
    "21 MB by size": (
        lambda: Upload(b"\xff\xd8\xff", size=21 * 1024 * 1024),
        "too_large",
        ["21.0 MB", "20 MB"],
    ),
    "21 MB of bytes": (
        lambda: Upload(bytes(21 * 1024 * 1024)),
        "too_large",
        ["20 MB"],
    ),
    "48 megapixels": (
        lambda: Upload(_blank_png(8000, 6000), name="photo.png"),
        "too_many_pixels",
        ["48 megapixels", "at most 40"],
    ),
    "decompression bomb": (
        lambda: Upload(_blank_png(20000, 20000), name="photo.png"),
        "too_many_pixels",
        ["40 megapixels"],
    ),
    "svg": (_svg, "svg", ["SVG"]),
    "svg with xml prolog": (_svg_with_prolog, "svg", ["SVG"]),
    "empty file": (lambda: Upload(b""), "empty", ["empty"]),
}


def _refusal(kind: str) -> PhotoRejected:
    make_upload = REFUSALS[kind][0]
    with pytest.raises(PhotoRejected) as caught:
        process_photo(make_upload())
    return caught.value


@pytest.mark.parametrize("kind", REFUSALS)
def test_refused_upload_gets_its_own_code(kind):
    with override("en"):
        assert _refusal(kind).code == REFUSALS[kind][1]


@pytest.mark.parametrize("kind", REFUSALS)
def test_refusal_message_names_the_reason_in_english(kind):
    with override("en"):
        message = str(_refusal(kind).messages[0])
    for fragment in REFUSALS[kind][2]:
        assert fragment in message


@pytest.mark.parametrize("kind", REFUSALS)
def test_refusal_in_indonesian_has_its_code_and_a_message(kind):
    with override("id"):
        refusal = _refusal(kind)
        message = str(refusal.messages[0])
    assert refusal.code == REFUSALS[kind][1]
    assert message.strip()


def test_refusal_is_a_validation_error():
    with pytest.raises(ValidationError):
        process_photo(Upload(b""))


# --- Formats and colour modes --------------------------------------------------


def test_heic_upload_gives_webp_renditions():
    image = Image.new("RGB", (800, 600), RED)
    image.paste(BLUE, (400, 0, 800, 600))
    photo = process_photo(Upload(_encoded(image, "HEIF"), name="IMG_0001.HEIC"))
    assert (photo.width, photo.height) == (800, 600)
    webps = [r for r in photo.renditions if r.kind == "webp"]
    assert [r.width for r in webps] == [320, 640, 800]
    for rendition in webps:
        decoded = _reopen(rendition)
        assert decoded.format == "WEBP"
        assert _colour_at(decoded, 0.1, 0.5) == "red"
        assert _colour_at(decoded, 0.9, 0.5) == "blue"


@pytest.fixture(scope="module")
def transparent_photo() -> ProcessedPhoto:
    """Left half fully transparent (transparent black), right half opaque red."""
    image = Image.new("RGBA", (800, 600), (255, 0, 0, 255))
    image.paste((0, 0, 0, 0), (0, 0, 400, 600))
    return process_photo(Upload(_encoded(image, "PNG"), name="logo.png"))


def test_transparent_png_keeps_alpha_in_webp(transparent_photo):
    webps = [r for r in transparent_photo.renditions if r.kind == "webp"]
    assert webps
    for rendition in webps:
        image = _reopen(rendition)
        assert image.mode == "RGBA"
        assert image.getpixel((5, image.height // 2))[3] == 0
        assert image.getpixel((image.width - 5, image.height // 2))[3] == 255


def test_transparent_png_jpeg_fallback_is_white_where_transparent(transparent_photo):
    (fallback,) = [r for r in transparent_photo.renditions if r.kind == "jpeg"]
    image = _reopen(fallback)
    assert image.mode == "RGB"
    assert _colour_at(image, 0.1, 0.5) == "white"
    assert _colour_at(image, 0.9, 0.5) == "red"


def test_transparent_png_share_jpeg_is_white_where_transparent(transparent_photo):
    (share,) = [r for r in transparent_photo.renditions if r.kind == "share"]
    assert (share.width, share.height) == (800, 600)
    image = _reopen(share)
    assert image.mode == "RGB"
    assert _colour_at(image, 0.1, 0.5) == "white"
    assert _colour_at(image, 0.9, 0.5) == "red"


def test_transparent_png_original_is_stored_as_png(transparent_photo):
    original = transparent_photo.original
    assert original.extension == "png"
    image = _reopen(original)
    assert image.format == "PNG"
    assert image.mode == "RGBA"
    assert image.getpixel((5, image.height // 2))[3] == 0


def _cmyk_jpeg() -> bytes:
    return _encoded(Image.new("CMYK", (300, 200), (0, 255, 255, 0)), "JPEG")


def _grayscale_jpeg() -> bytes:
    return _encoded(Image.new("L", (300, 200), 255), "JPEG")


def _palette_png() -> bytes:
    image = Image.new("RGB", (300, 200), BLUE).quantize(colors=4)
    assert image.mode == "P"
    return _encoded(image, "PNG")


@pytest.mark.parametrize(
    ("make_source", "colour"),
    [(_cmyk_jpeg, "red"), (_grayscale_jpeg, "white"), (_palette_png, "blue")],
    ids=["cmyk jpeg", "grayscale jpeg", "palette png"],
)
def test_other_colour_modes_come_out_rgb(make_source, colour):
    photo = process_photo(Upload(make_source()))
    for output in _outputs(photo):
        image = _reopen(output)
        assert image.mode == "RGB", f"{output.kind} {output.width}"
        assert _colour_at(image, 0.5, 0.5) == colour, f"{output.kind} {output.width}"


# --- Any size ------------------------------------------------------------------------


@settings(
    max_examples=15,
    deadline=None,
    # The autouse media-root fixture is irrelevant here: nothing is stored.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    width=st.integers(min_value=1, max_value=3000),
    height=st.integers(min_value=1, max_value=3000),
    fmt=st.sampled_from(["JPEG", "PNG"]),
)
@example(width=3000, height=3000, fmt="JPEG")
@example(width=3000, height=1, fmt="PNG")
@example(width=1, height=3000, fmt="JPEG")
@example(width=2999, height=1333, fmt="JPEG")
def test_any_size_is_never_upscaled_and_keeps_its_aspect_ratio(width, height, fmt):
    source = Image.new("RGB", (width, height), RED)
    source.paste(BLUE, (width // 2, 0, width, height))
    photo = process_photo(Upload(_encoded(source, fmt)))
    assert photo.width <= width and photo.height <= height
    for output in _outputs(photo):
        assert output.width <= width and output.height <= height, output.kind
        # The short side is within 1 px of what the long side implies.
        if width >= height:
            assert abs(output.height - output.width * height / width) <= 1
        else:
            assert abs(output.width - output.height * width / height) <= 1
        assert min(output.width, output.height) >= 1


def _png(image: Image.Image, **options) -> io.BytesIO:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **options)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize("size", [(4001, 1), (1, 4001)])
def test_a_thin_strip_is_shrunk_without_losing_its_short_side(size):
    processed = process_photo(_png(Image.new("RGB", size, (10, 20, 30))))
    assert min(processed.width, processed.height) == 1
    assert max(processed.width, processed.height) == MASTER_LONG_EDGE


def test_sixteen_bit_grey_png_keeps_its_tone():
    processed = process_photo(_png(Image.new("I;16", (100, 100), 32768)))
    grey = _reopen(processed.original).convert("RGB").getpixel((50, 50))
    assert all(120 <= channel <= 136 for channel in grey)


def test_colour_keyed_png_transparency_is_kept():
    image = Image.new("RGB", (60, 40), (0, 255, 0))
    image.paste((200, 0, 0), (0, 0, 30, 40))
    processed = process_photo(_png(image, transparency=(0, 255, 0)))
    assert processed.original.extension == "png"
    for kind in ("jpeg", "share"):
        jpeg = next(r for r in processed.renditions if r.kind == kind)
        assert _reopen(jpeg).convert("RGB").getpixel((50, 20)) == (255, 255, 255)
