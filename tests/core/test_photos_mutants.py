"""The photo pipeline at its exact bounds, with its exact messages and encodings.

These pin what the broader pipeline tests leave loose: the 20 MB and 40 megapixel
limits at the bound and one past it, each refusal's code and English message, the
size a phone photo is decoded at, and the settings every rendition is encoded with.
"""

import io
import random
import struct
import zlib

import pytest
from django.utils.translation import override
from PIL import Image

from core.photos import (
    JPEG_QUALITY,
    MASTER_JPEG_QUALITY,
    MASTER_LONG_EDGE,
    MASTER_MAX_EDGE,
    MAX_BYTES,
    MAX_PIXELS,
    SHARE_QUALITY,
    SHARE_WIDTH,
    WEBP_METHOD,
    WEBP_QUALITY,
    PhotoRejected,
    process_photo,
)


class Upload(io.BytesIO):
    """An uploaded file as Django hands it over: bytes, a name, maybe a size."""

    def __init__(self, data: bytes, name: str = "photo.jpg", size=None):
        super().__init__(data)
        self.name = name
        if size is not None:
            self.size = size


def _encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _noise(mode: str, size: tuple[int, int], seed: int = 1) -> Image.Image:
    """Random pixels: every resampling or encoder setting changes the result."""
    data = random.Random(seed).randbytes(size[0] * size[1] * len(mode))
    return Image.frombytes(mode, size, data)


def _blank_png(width: int, height: int) -> bytes:
    """A valid all-black 1-bit PNG of any size, built without holding its pixels."""

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


def _small_jpeg() -> bytes:
    return _encoded(Image.new("RGB", (40, 30), (200, 30, 30)), "JPEG")


def _refusal(upload) -> PhotoRejected:
    with override("en"), pytest.raises(PhotoRejected) as caught:
        process_photo(upload)
    return caught.value


def _message(refusal: PhotoRejected) -> str:
    with override("en"):
        return str(refusal.messages[0])


def _reopen(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _rendition(photo, kind: str, width: int):
    (found,) = [r for r in photo.renditions if (r.kind, r.width) == (kind, width)]
    return found


# --- 20 MB ----------------------------------------------------------------------------


def test_a_file_of_exactly_20_mb_is_accepted():
    data = _small_jpeg()
    upload = io.BytesIO(data + bytes(MAX_BYTES - len(data)))  # no size: it is measured
    assert len(upload.getvalue()) == MAX_BYTES == 20 * 1024 * 1024
    assert process_photo(upload).original.width == 40


def test_a_file_one_byte_over_20_mb_is_refused_as_too_large():
    data = _small_jpeg()
    refusal = _refusal(io.BytesIO(data + bytes(MAX_BYTES + 1 - len(data))))
    assert refusal.code == "too_large"
    assert _message(refusal) == "The file is 20.0 MB; photos may be at most 20 MB."


def test_a_declared_size_of_exactly_20_mb_is_accepted():
    photo = process_photo(Upload(_small_jpeg(), size=MAX_BYTES))
    assert (photo.width, photo.height) == (40, 30)


def test_the_too_large_message_gives_the_size_in_megabytes():
    refusal = _refusal(Upload(_small_jpeg(), size=100 * 1024 * 1024))
    assert refusal.code == "too_large"
    assert _message(refusal) == "The file is 100.0 MB; photos may be at most 20 MB."


# --- 40 megapixels --------------------------------------------------------------------


def test_a_photo_of_exactly_40_megapixels_is_accepted():
    # A JPEG: PNG, WebP and HEIC have lower bounds of their own.
    data = _encoded(Image.new("L", (8000, 5000), 128), "JPEG", quality=50)
    photo = process_photo(Upload(data, name="big.jpg"))
    assert MAX_PIXELS == 40_000_000 == 8000 * 5000
    assert (photo.width, photo.height) == (MASTER_LONG_EDGE, 1250)


def test_a_photo_one_pixel_over_40_megapixels_is_refused_before_decoding():
    refusal = _refusal(Upload(_blank_png(MAX_PIXELS + 1, 1), name="strip.png"))
    assert refusal.code == "too_many_pixels"
    assert _message(refusal) == (
        "The photo has 40 megapixels; at most 40. Take it at a lower resolution "
        "or shrink it first."
    )


def test_the_megapixel_count_in_the_message_is_rounded():
    refusal = _refusal(Upload(_blank_png(8300, 5000), name="big.png"))  # 41.5 MP
    assert refusal.code == "too_many_pixels"
    assert _message(refusal).startswith("The photo has 42 megapixels; at most 40.")


def test_a_photo_big_enough_to_warn_of_a_decompression_bomb_is_refused():
    # 100 MP: Pillow only warns (it refuses outright above twice its limit).
    refusal = _refusal(Upload(_blank_png(10_000, 10_000), name="bomb.png"))
    assert refusal.code == "too_many_pixels"
    assert _message(refusal) == "The photo has too many pixels; at most 40 megapixels."


def test_a_decompression_bomb_is_refused_with_the_same_message():
    refusal = _refusal(Upload(_blank_png(20_000, 20_000), name="bomb.png"))
    assert refusal.code == "too_many_pixels"
    assert _message(refusal) == "The photo has too many pixels; at most 40 megapixels."


# --- Each refusal, its code and its message -------------------------------------------


def test_an_empty_file_is_refused_as_empty():
    refusal = _refusal(Upload(b""))
    assert refusal.code == "empty"
    assert _message(refusal) == "The file is empty."


def test_a_one_byte_file_is_not_empty_but_not_a_photo():
    refusal = _refusal(Upload(b"x"))
    assert refusal.code == "not_an_image"
    assert _message(refusal) == (
        "This file is not a photo. Upload JPEG, PNG, WebP or HEIC."
    )


SVG_MESSAGE = "SVG drawings are not accepted; upload a photo (JPEG, PNG, WebP, HEIC)."


@pytest.mark.parametrize(
    "data",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        b'\xef\xbb\xbf \t\r\n<SVG xmlns="http://www.w3.org/2000/svg"/>',
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
        b'<?XML version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
    ],
    ids=["plain", "bom, blanks and capitals", "xml prolog", "capital prolog"],
)
def test_an_svg_drawing_is_refused_as_svg(data):
    refusal = _refusal(Upload(data, name="drawing.svg"))
    assert refusal.code == "svg"
    assert _message(refusal) == SVG_MESSAGE


def test_text_before_an_svg_tag_makes_it_no_svg_drawing():
    refusal = _refusal(Upload(b'X<svg xmlns="http://www.w3.org/2000/svg"/>'))
    assert refusal.code == "not_an_image"


def test_an_xml_file_without_an_svg_tag_is_not_a_photo():
    refusal = _refusal(Upload(b'<?xml version="1.0"?>\n<note>hello</note>\n'))
    assert refusal.code == "not_an_image"


def test_only_the_first_kilobyte_is_searched_for_an_svg_tag():
    prolog = b'<?xml version="1.0"?>\n<!--'
    padding = b"x" * (1021 - len(prolog) - 3) + b"-->"
    data = prolog + padding + b'<svg xmlns="http://www.w3.org/2000/svg"/>'
    assert data.index(b"<svg") == 1021  # its last letter is byte 1025
    assert _refusal(Upload(data)).code == "not_an_image"


def test_a_gif_named_jpg_is_refused_naming_its_real_format():
    refusal = _refusal(Upload(_encoded(Image.new("P", (40, 30)), "GIF")))
    assert refusal.code == "wrong_format"
    assert _message(refusal) == (
        "This file is a GIF image, whatever its name says. "
        "Upload JPEG, PNG, WebP or HEIC."
    )


def test_a_webp_cut_short_in_its_header_is_refused_as_corrupt():
    data = _encoded(Image.new("RGB", (50, 50), (255, 0, 0)), "WEBP")
    refusal = _refusal(Upload(data[:40], name="photo.webp"))
    assert refusal.code == "corrupt"
    assert _message(refusal) == "The photo is damaged or incomplete; upload it again."


def test_a_jpeg_cut_off_in_its_pixels_is_refused_as_truncated():
    data = _encoded(_noise("RGB", (300, 200)), "JPEG", quality=90)
    refusal = _refusal(Upload(data[: len(data) // 2]))
    assert refusal.code == "truncated"
    assert _message(refusal) == (
        "The photo is damaged or incomplete (the file was cut off); upload it again."
    )


# --- Decoding and the kept original ---------------------------------------------------


def test_a_4032_px_phone_jpeg_is_decoded_at_half_scale_and_kept_at_2016_px():
    source = Image.linear_gradient("L").resize((4032, 3024)).convert("RGB")
    photo = process_photo(Upload(_encoded(source, "JPEG", quality=80)))
    assert (photo.width, photo.height) == (2016, 1512)
    assert (photo.original.width, photo.original.height) == (2016, 1512)
    assert MASTER_MAX_EDGE >= 2016


def test_a_png_of_exactly_the_kept_edge_is_not_resized():
    photo = process_photo(Upload(_blank_png(MASTER_MAX_EDGE, 10), name="a.png"))
    assert (photo.original.width, photo.original.height) == (2048, 10)


def test_a_png_one_pixel_over_the_kept_edge_is_resized_to_2000_px():
    photo = process_photo(Upload(_blank_png(MASTER_MAX_EDGE + 1, 10), name="a.png"))
    assert (photo.original.width, photo.original.height) == (2000, 10)


def test_a_very_wide_photo_is_resized_once_with_lanczos_and_a_reducing_gap_of_3():
    source = _noise("RGB", (12_000, 4))
    photo = process_photo(Upload(_encoded(source, "PNG"), name="strip.png"))
    resized = source.resize((2000, 1), Image.Resampling.LANCZOS, reducing_gap=3.0)
    expected = _encoded(resized, "JPEG", quality=MASTER_JPEG_QUALITY, optimize=True)
    assert (photo.original.width, photo.original.height) == (2000, 1)
    assert photo.original.data == expected


# --- What each output is encoded with -------------------------------------------------


@pytest.fixture
def small_photo():
    """320 px of random pixels, lossless: each output is encoded from them as they are.

    Function-scoped on purpose: mutation testing maps each test to the code it runs.
    """
    source = _noise("RGB", (320, 200))
    return source, process_photo(Upload(_encoded(source, "PNG"), name="small.png"))


def test_the_original_is_a_jpeg_at_quality_90_optimised(small_photo):
    source, photo = small_photo
    assert (photo.original.kind, photo.original.extension) == ("original", "jpg")
    assert photo.original.data == _encoded(
        source, "JPEG", quality=MASTER_JPEG_QUALITY, optimize=True
    )
    assert MASTER_JPEG_QUALITY == 90


def test_the_webp_is_encoded_at_quality_80_with_method_2(small_photo):
    source, photo = small_photo
    webp = _rendition(photo, "webp", 320)
    assert webp.extension == "webp"
    assert webp.data == _encoded(
        source, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD
    )
    assert (WEBP_QUALITY, WEBP_METHOD) == (80, 2)


def test_the_jpeg_fallback_is_progressive_at_quality_85(small_photo):
    source, photo = small_photo
    jpeg = _rendition(photo, "jpeg", 320)
    assert jpeg.extension == "jpg"
    assert jpeg.data == _encoded(source, "JPEG", quality=JPEG_QUALITY, progressive=True)
    assert _reopen(jpeg.data).info.get("progressive") == 1
    assert JPEG_QUALITY == 85


def test_renditions_come_sorted_by_kind_then_width():
    photo = process_photo(Upload(_encoded(_noise("RGB", (700, 70)), "PNG")))
    assert [(r.kind, r.width, r.height) for r in photo.renditions] == [
        ("jpeg", 640, 64),
        ("share", 700, 70),
        ("webp", 320, 32),
        ("webp", 640, 64),
        ("webp", 700, 70),
    ]


def test_each_width_is_resized_from_the_one_before_with_lanczos():
    source = _noise("RGB", (1300, 100))
    photo = process_photo(Upload(_encoded(source, "PNG")))
    lanczos = Image.Resampling.LANCZOS
    at_1280 = source.resize((1280, 98), lanczos, reducing_gap=3.0)
    at_640 = at_1280.resize((640, 49), lanczos, reducing_gap=3.0)
    at_320 = at_640.resize((320, 24), lanczos, reducing_gap=3.0)
    for width, image in [(1280, at_1280), (640, at_640), (320, at_320)]:
        webp = _rendition(photo, "webp", width)
        assert webp.data == _encoded(
            image, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD
        ), width
    assert _rendition(photo, "jpeg", 640).data == _encoded(
        at_640, "JPEG", quality=JPEG_QUALITY, progressive=True
    )
    # The share JPEG is made from the largest WebP step, not from the photo.
    at_1200 = at_1280.resize((1200, 92), lanczos, reducing_gap=3.0)
    assert _rendition(photo, "share", 1200).data == _encoded(
        at_1200, "JPEG", quality=SHARE_QUALITY, progressive=True
    )


# --- The share JPEG -------------------------------------------------------------------


def _quantization(quality: int) -> dict:
    """The quantisation tables Pillow writes at ``quality``: the quality, as stored."""
    return _reopen(
        _encoded(Image.new("RGB", (16, 16)), "JPEG", quality=quality)
    ).quantization


@pytest.fixture
def big_phone_photo() -> bytes:
    """3000 x 2000 of random pixels with EXIF and GPS tags."""
    exif = Image.Exif()
    exif[0x010F] = "Samsung"  # Make
    exif.get_ifd(0x8825).update(
        {
            1: "S",  # GPSLatitudeRef
            2: (7.0, 48.0, 0.0),  # GPSLatitude
            27: b"ASCII\x00\x00\x00GPS fix",  # GPSProcessingMethod
        }
    )
    data = _encoded(_noise("RGB", (3000, 2000)), "JPEG", quality=90, exif=exif)
    assert b"Exif" in data and b"GPS" in data and b"Samsung" in data
    assert _reopen(data).getexif().get_ifd(0x8825), "the source must carry GPS tags"
    return data


def test_the_share_jpeg_of_a_big_photo_is_1200_px_progressive_at_quality_82(
    big_phone_photo,
):
    photo = process_photo(Upload(big_phone_photo))
    (share,) = [r for r in photo.renditions if r.kind == "share"]
    assert (share.width, share.height, share.extension) == (1200, 800, "jpg")
    assert SHARE_WIDTH == 1200
    image = _reopen(share.data)
    assert (image.format, image.size, image.mode) == ("JPEG", (1200, 800), "RGB")
    assert image.info.get("progressive") == 1
    assert image.quantization == _quantization(SHARE_QUALITY)
    assert image.quantization != _quantization(JPEG_QUALITY)
    assert SHARE_QUALITY == 82
    assert len(image.getexif()) == 0
    assert not image.getexif().get_ifd(0x8825)
    assert "exif" not in image.info
    assert b"Exif" not in share.data and b"GPS" not in share.data
    assert b"Samsung" not in share.data


@pytest.mark.parametrize(
    "size", [(1, 1), (320, 200), (640, 480), (1199, 50), (1200, 1600)]
)
def test_the_share_jpeg_of_a_photo_up_to_1200_px_keeps_its_size(size):
    source = _noise("RGB", size)
    photo = process_photo(Upload(_encoded(source, "PNG"), name="small.png"))
    (share,) = [r for r in photo.renditions if r.kind == "share"]
    assert (share.width, share.height) == size == (photo.width, photo.height)
    assert share.data == _encoded(
        source, "JPEG", quality=SHARE_QUALITY, progressive=True
    )


def test_the_share_jpeg_puts_transparency_on_pure_white():
    source = Image.new("RGBA", (320, 200), (0, 0, 0, 0))
    source.paste((0, 0, 255, 255), (160, 0, 320, 200))
    photo = process_photo(Upload(_encoded(source, "PNG"), name="half.png"))
    share = _reopen(_rendition(photo, "share", 320).data)
    assert share.mode == "RGB"
    assert all(channel >= 250 for channel in share.getpixel((40, 100)))
    red, green, blue = share.getpixel((280, 100))
    assert red <= 5 and green <= 5 and blue >= 250


# --- Transparency ---------------------------------------------------------------------


def test_an_opaque_rgba_png_has_no_alpha_and_keeps_a_jpeg_original():
    source = Image.new("RGBA", (60, 40), (10, 200, 10, 255))
    photo = process_photo(Upload(_encoded(source, "PNG"), name="opaque.png"))
    assert photo.original.extension == "jpg"
    assert _reopen(photo.original.data).mode == "RGB"


def test_an_rgba_png_with_one_pixel_at_254_keeps_its_alpha():
    source = Image.new("RGBA", (60, 40), (10, 200, 10, 255))
    source.putpixel((0, 0), (10, 200, 10, 254))
    photo = process_photo(Upload(_encoded(source, "PNG"), name="almost.png"))
    assert photo.original.extension == "png"
    assert _reopen(photo.original.data).getpixel((0, 0))[3] == 254


def test_a_transparent_grey_png_keeps_its_alpha():
    source = Image.new("LA", (60, 40), (128, 255))
    source.paste((128, 0), (0, 0, 30, 40))
    photo = process_photo(Upload(_encoded(source, "PNG"), name="grey.png"))
    assert photo.original.extension == "png"
    original = _reopen(photo.original.data)
    assert original.mode == "RGBA"
    assert original.getpixel((5, 20))[3] == 0
    assert original.getpixel((55, 20)) == (128, 128, 128, 255)


def test_the_original_of_a_transparent_photo_is_a_lossless_png():
    source = _noise("RGBA", (320, 200))
    photo = process_photo(Upload(_encoded(source, "PNG"), name="noise.png"))
    assert (photo.original.kind, photo.original.extension) == ("original", "png")
    assert _reopen(photo.original.data).tobytes() == source.tobytes()
    assert photo.original.data == _encoded(source, "PNG", compress_level=6)
    assert _rendition(photo, "webp", 320).data == _encoded(
        source, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD
    )


def test_the_jpeg_fallback_puts_transparency_on_pure_white():
    source = Image.new("RGBA", (320, 200), (0, 0, 0, 0))
    source.paste((0, 0, 255, 255), (160, 0, 320, 200))
    photo = process_photo(Upload(_encoded(source, "PNG"), name="half.png"))
    fallback = _reopen(_rendition(photo, "jpeg", 320).data)
    assert fallback.mode == "RGB"
    assert all(channel >= 250 for channel in fallback.getpixel((40, 100)))
    red, green, blue = fallback.getpixel((280, 100))
    assert red <= 5 and green <= 5 and blue >= 250


# --- 16-bit grey ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "grey"),
    [(100, 100), (255, 255), (256, 1), (32768, 128), (65280, 255)],
    ids=["dark, kept", "255, kept", "256, scaled", "middle, scaled", "255 x 256"],
)
def test_sixteen_bit_grey_is_divided_by_256_only_when_it_goes_above_255(level, grey):
    source = Image.new("I;16", (64, 64), level)
    photo = process_photo(Upload(_encoded(source, "PNG"), name="grey16.png"))
    assert _reopen(photo.original.data).convert("L").getpixel((32, 32)) == grey
