"""One upload's peak memory stays under 300 MB, whatever its format.

Each photo is processed in a child process of its own that only runs
``process_photo``; its peak resident memory (VmHWM, as ``ru_maxrss`` but without
the peak a forked process inherits) minus its own figure just before processing
is the upload's cost. The photos are made once per test
session: the biggest each format may be (JPEG at 40 megapixels, PNG and HEIC at
25, WebP at 15, transparent where the format can be), and 40-megapixel PNG, WebP
and HEIC photos, which are refused before decoding with a message saying what
to do.
"""

import io
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pillow_heif
import pytest
from django.utils.translation import override
from PIL import Image

from core.photos import FULL_DECODE_MAX_PIXELS, MAX_PIXELS, PhotoRejected, process_photo

pillow_heif.register_heif_opener()

LIMIT_MB = 300
ROOT = Path(__file__).resolve().parents[2]
# 40 megapixels as a phone or camera takes them (7745 x 5164 = 39.995 MP).
FORTY_MP = (7745, 5164)

CHILD = """
import json, os, resource, sys
sys.path.insert(0, sys.argv[1])
os.environ["DJANGO_SETTINGS_MODULE"] = "hirarajut.settings.test"
import django
django.setup()
from django.utils.translation import override
from core.photos import PhotoRejected, process_photo


def peak_kib():
    # ru_maxrss also counts the peak a forked process inherited from its parent;
    # VmHWM is this program's own (Linux), ru_maxrss elsewhere.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


before = peak_kib()
outcome = {}
with open(sys.argv[2], "rb") as source, override("en"):
    try:
        photo = process_photo(source)
        outcome["size"] = [photo.width, photo.height]
    except PhotoRejected as refusal:
        outcome["refused"] = str(refusal.messages[0])
after = peak_kib()
outcome.update(before_kib=before, after_kib=after)
print(json.dumps(outcome))
"""


def _photo(size: tuple[int, int], alpha: bool) -> Image.Image:
    """Soft colour blotches (compress like a photo), transparent towards one side."""
    width, height = size
    photo = (
        Image.effect_noise((width // 32, height // 32), 40)
        .convert("RGB")
        .resize(size, Image.Resampling.BILINEAR)
    )
    if alpha:
        photo.putalpha(Image.linear_gradient("L").resize(size))
    return photo


def _save(image: Image.Image, path: Path, fmt: str) -> Path:
    options = {
        "JPEG": {"quality": 85},
        "PNG": {"compress_level": 6},
        "WEBP": {"quality": 70, "method": 0},
        "HEIF": {"quality": 30, "enc_params": {"preset": "ultrafast"}},
    }[fmt]
    image.save(path, format=fmt, **options)
    return path


@pytest.fixture(scope="session")
def photos(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("photo-memory")
    made = {"jpeg": _save(_photo((8000, 5000), False), folder / "40mp.jpg", "JPEG")}
    biggest = {"png": (5000, 5000), "heic": (5000, 5000), "webp": (5000, 3000)}
    formats = {"png": "PNG", "heic": "HEIF", "webp": "WEBP"}
    for name, fmt in formats.items():
        made[name] = _save(_photo(biggest[name], True), folder / f"max.{name}", fmt)
        made[f"{name}-40mp"] = _save(
            _photo(FORTY_MP, False), folder / f"40mp.{name}", fmt
        )
    return made


def peak_mb(path: Path) -> tuple[float, dict]:
    """What processing one photo adds to a fresh process's peak memory, in MB."""
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    outcome = json.loads(child.stdout.strip().splitlines()[-1])
    # The child's own start, not the test process's (which holds the photos).
    assert outcome["before_kib"] < 150 * 1024
    return (outcome["after_kib"] - outcome["before_kib"]) / 1024, outcome


def test_the_sizes_made_are_the_biggest_each_format_may_be(photos):
    with Image.open(photos["jpeg"]) as jpeg:
        assert jpeg.width * jpeg.height == MAX_PIXELS
    for name, fmt in [("png", "PNG"), ("heic", "HEIF"), ("webp", "WEBP")]:
        with Image.open(photos[name]) as image:
            assert (image.format, image.mode) == (fmt, "RGBA")
            assert image.width * image.height == FULL_DECODE_MAX_PIXELS[fmt]


@pytest.mark.parametrize("name", ["jpeg", "png", "heic", "webp"])
def test_the_biggest_photo_of_each_format_is_processed_in_under_300_mb(photos, name):
    used, outcome = peak_mb(photos[name])
    assert outcome.get("size") is not None, outcome
    assert max(outcome["size"]) == 2000
    assert used < LIMIT_MB, f"{name}: {used:.0f} MB"


@pytest.mark.parametrize(
    ("name", "label", "most"),
    [("png-40mp", "PNG", 25), ("heic-40mp", "HEIC", 25), ("webp-40mp", "WebP", 15)],
)
def test_a_40_megapixel_png_webp_or_heic_is_refused_before_decoding(
    photos, name, label, most
):
    used, outcome = peak_mb(photos[name])
    assert outcome.get("refused") == (
        f"This {label} photo is too large (40 megapixels); at most {most} "
        "megapixels. Send it as a JPEG or shrink it first."
    )
    assert used < 50, f"{name}: {used:.0f} MB"


def _strip_png(pixels: int) -> bytes:
    """A valid black 1-bit PNG of ``pixels`` x 1, built without holding its pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", pixels, 1, 1, 0, 0, 0, 0)
    compressed = zlib.compress(bytes(1 + (pixels + 7) // 8), 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", compressed)
        + chunk(b"IEND", b"")
    )


def test_a_png_of_exactly_25_megapixels_is_accepted():
    assert FULL_DECODE_MAX_PIXELS["PNG"] == 25_000_000
    photo = process_photo(io.BytesIO(_strip_png(25_000_000)))
    assert (photo.width, photo.height) == (2000, 1)


def test_a_png_one_pixel_over_25_megapixels_is_refused_as_too_large():
    with override("en"), pytest.raises(PhotoRejected) as caught:
        process_photo(io.BytesIO(_strip_png(25_000_001)))
    assert caught.value.code == "too_many_pixels"
    with override("en"):
        message = str(caught.value.messages[0])
    assert message == (
        "This PNG photo is too large (25 megapixels); at most 25 megapixels. "
        "Send it as a JPEG or shrink it first."
    )


def test_a_webp_one_row_over_15_megapixels_is_refused_as_too_large():
    buffer = io.BytesIO()
    Image.new("RGB", (5000, 3001), (200, 30, 30)).save(buffer, format="WEBP")
    buffer.seek(0)
    with override("en"), pytest.raises(PhotoRejected) as caught:
        process_photo(buffer)
    assert caught.value.code == "too_many_pixels"
    with override("en"):
        message = str(caught.value.messages[0])
    assert message == (
        "This WebP photo is too large (15 megapixels); at most 15 megapixels. "
        "Send it as a JPEG or shrink it first."
    )
