"""The photo pipeline against a naive Pillow baseline, on 12-megapixel JPEGs.

Prints one line with the median seconds per photo of each, their ratio and the
peak RSS of a process that only runs the pipeline, then whether the target
(ratio <= 0.5, peak RSS <= 200 MB) is met. Photos: BENCH_PHOTOS_N (default 6).

A second line, ``photo_memory:``, gives what one upload adds to the peak memory
of a process that only processes it, for the biggest photo each format may be
(JPEG at 40 megapixels; PNG and HEIC at 25, WebP at 15, both transparent), against
the 300 MB bound.
"""

import io
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "hirarajut.settings.test"

import django  # noqa: E402

django.setup()

import pillow_heif  # noqa: E402
from PIL import Image, ImageChops, ImageDraw, ImageOps  # noqa: E402

from core.photos import (  # noqa: E402
    FULL_DECODE_MAX_PIXELS,
    JPEG_QUALITY,
    JPEG_WIDTH,
    MAX_PIXELS,
    WEBP_QUALITY,
    WEBP_WIDTHS,
    process_photo,
)

PHOTO_SIZE = (4032, 3024)
SOURCE_QUALITY = 92
TARGET_RATIO = 0.5
TARGET_RSS_MB = 200
CHILD_FLAG = "--pipeline-only"
MEMORY_FLAG = "--one-upload"
MEMORY_LIMIT_MB = 300


def make_photo(seed: int) -> Image.Image:
    """Smooth gradients, soft blotches, a few shapes and sensor-like grain."""
    rnd = random.Random(seed)
    width, height = PHOTO_SIZE
    gradients = (Image.linear_gradient("L"), Image.radial_gradient("L"))
    channels = []
    for _ in range(3):
        gradient = (
            rnd.choice(gradients)
            .rotate(rnd.randrange(360), fillcolor=rnd.randrange(256))
            .resize(PHOTO_SIZE, Image.Resampling.BILINEAR)
        )
        blotches = Image.effect_noise((width // 8, height // 8), 30).resize(
            PHOTO_SIZE, Image.Resampling.BICUBIC
        )
        channels.append(ImageChops.add(gradient, blotches, 1.0, -128))
    photo = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(photo)
    for _ in range(12):
        x, y = rnd.randrange(width), rnd.randrange(height)
        radius = rnd.randrange(80, 700)
        colour = tuple(rnd.randrange(256) for _ in range(3))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    grain = Image.effect_noise(PHOTO_SIZE, rnd.uniform(3.5, 5.5)).convert("RGB")
    return ImageChops.add(photo, grain, 1.0, -128)


def write_photos(folder: Path, count: int) -> list[Path]:
    paths = []
    for index in range(count):
        options = {"quality": SOURCE_QUALITY}
        if index % 2:
            exif = Image.Exif()
            exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise
            exif[0x010F] = "Bench"  # Make
            exif[0x0110] = "Phone 12MP"  # Model
            options["exif"] = exif
        path = folder / f"photo-{index:02d}.jpg"
        make_photo(index).save(path, format="JPEG", **options)
        paths.append(path)
    return paths


def run_pipeline(path: Path) -> None:
    with path.open("rb") as source:
        process_photo(source)


def run_naive(path: Path) -> None:
    with Image.open(path) as image:
        upright = ImageOps.exif_transpose(image)
    outputs = [(width, "WEBP", {"quality": WEBP_QUALITY}) for width in WEBP_WIDTHS]
    outputs.append((JPEG_WIDTH, "JPEG", {"quality": JPEG_QUALITY}))
    for width, fmt, options in outputs:
        height = round(upright.height * width / upright.width)
        resized = upright.resize((width, height), Image.Resampling.LANCZOS)
        resized.save(io.BytesIO(), format=fmt, **options)


def timed(run, path: Path) -> float:
    start = time.perf_counter()
    run(path)
    return time.perf_counter() - start


def pipeline_only(folder: Path) -> None:
    """The child process: load and process the photos, then report own peak RSS."""
    for path in sorted(folder.glob("*.jpg")):
        run_pipeline(path)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def peak_rss_kib(folder: Path) -> int:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # A vfork()ed child inherits this process's peak RSS (the kernel records the
    # shared memory's high-water mark at exec); a plain fork() does not.
    use_vfork = subprocess._USE_VFORK
    subprocess._USE_VFORK = False
    try:
        child = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), CHILD_FLAG, str(folder)],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        subprocess._USE_VFORK = use_vfork
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if after > before:
        return after
    # An earlier child of this process peaked higher; the child's own figure.
    return int(child.stdout.split()[-1])


def _peak_kib() -> int:
    """This program's own peak RSS: VmHWM leaves out what a fork inherited."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def one_upload(path: Path) -> None:
    """The child process: what processing one photo adds to its peak RSS, in KiB."""
    before = _peak_kib()
    run_pipeline(path)
    print(_peak_kib() - before)


def _largest(size: tuple[int, int], alpha: bool) -> Image.Image:
    photo = (
        Image.effect_noise((size[0] // 32, size[1] // 32), 40)
        .convert("RGB")
        .resize(size, Image.Resampling.BILINEAR)
    )
    if alpha:
        photo.putalpha(Image.linear_gradient("L").resize(size))
    return photo


def memory_per_upload(folder: Path) -> dict[str, float]:
    """MB one upload adds, for the biggest photo of each format the pipeline takes."""
    pillow_heif.register_heif_opener()
    side = {fmt: round(pixels**0.5) for fmt, pixels in FULL_DECODE_MAX_PIXELS.items()}
    photos = {
        "jpeg": ((8000, MAX_PIXELS // 8000), False, "JPEG", {"quality": 85}),
        "png": ((side["PNG"],) * 2, True, "PNG", {"compress_level": 6}),
        "webp": (
            (5000, FULL_DECODE_MAX_PIXELS["WEBP"] // 5000),
            True,
            "WEBP",
            {"quality": 70, "method": 0},
        ),
        "heic": (
            (side["HEIF"],) * 2,
            True,
            "HEIF",
            {"quality": 30, "enc_params": {"preset": "ultrafast"}},
        ),
    }
    used = {}
    for name, (size, alpha, fmt, options) in photos.items():
        path = folder / f"largest.{name}"
        _largest(size, alpha).save(path, format=fmt, **options)
        child = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), MEMORY_FLAG, str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
        used[name] = int(child.stdout.split()[-1]) / 1024
    return used


def main() -> None:
    count = int(os.environ.get("BENCH_PHOTOS_N", "6"))
    with tempfile.TemporaryDirectory(prefix="bench-photos-") as tmp:
        folder = Path(tmp)
        paths = write_photos(folder, count)
        run_pipeline(paths[0])  # warm-up: codecs, plugins, translations
        run_naive(paths[0])
        pipeline_times, naive_times = [], []
        for index, path in enumerate(paths):
            if index % 2:
                naive_times.append(timed(run_naive, path))
                pipeline_times.append(timed(run_pipeline, path))
            else:
                pipeline_times.append(timed(run_pipeline, path))
                naive_times.append(timed(run_naive, path))
        rss_mb = peak_rss_kib(folder) / 1024
    pipeline_s = statistics.median(pipeline_times)
    naive_s = statistics.median(naive_times)
    ratio = pipeline_s / naive_s
    print(
        f"photos: n={count} pipeline_s={pipeline_s:.3f} naive_s={naive_s:.3f} "
        f"ratio={ratio:.2f} peak_rss_mb={rss_mb:.0f}"
    )
    if ratio <= TARGET_RATIO and rss_mb <= TARGET_RSS_MB:
        print("photos: target met")
    else:
        print(
            f"photos: target missed (ratio ≤ {TARGET_RATIO}, "
            f"peak_rss_mb ≤ {TARGET_RSS_MB})"
        )
    with tempfile.TemporaryDirectory(prefix="bench-photo-memory-") as tmp:
        used = memory_per_upload(Path(tmp))
    print(
        "photo_memory: "
        + " ".join(f"{name}_mb={mb:.0f}" for name, mb in used.items())
        + f" limit_mb={MEMORY_LIMIT_MB}"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == CHILD_FLAG:
        pipeline_only(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == MEMORY_FLAG:
        one_upload(Path(sys.argv[2]))
    else:
        main()
