"""The photo pipeline against a naive Pillow baseline, on 12-megapixel JPEGs.

Prints one line with the median seconds per photo of each, their ratio and the
peak RSS of a process that only runs the pipeline, then whether the target
(ratio <= 0.5, peak RSS <= 200 MB) is met. Photos: BENCH_PHOTOS_N (default 6).
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

from PIL import Image, ImageChops, ImageDraw, ImageOps  # noqa: E402

from core.photos import (  # noqa: E402
    JPEG_QUALITY,
    JPEG_WIDTH,
    WEBP_QUALITY,
    WEBP_WIDTHS,
    process_photo,
)

PHOTO_SIZE = (4032, 3024)
SOURCE_QUALITY = 92
TARGET_RATIO = 0.5
TARGET_RSS_MB = 200
CHILD_FLAG = "--pipeline-only"


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


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == CHILD_FLAG:
        pipeline_only(Path(sys.argv[2]))
    else:
        main()
