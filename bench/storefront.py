"""The shop's public pages under gunicorn, against robots.txt from the same server.

Loads BENCH_SHOP_PRODUCTS (default 500) published products with photos into a
fresh SQLite file (bench/_shop_data.py), runs gunicorn with the production
settings (2 workers, a cache folder of its own) and measures with wrk (8
connections, 3 s warm-up, BENCH_SHOP_SECONDS (15) measured, BENCH_SHOP_RUNS (3)
runs per page, taken in turns) the home page, a category page and a product
page, and robots.txt as the baseline. Then the bytes a phone's first view of the
home page transfers (Chromium, 360x740), the most queries a page runs uncached,
and Lighthouse's mobile scores (lowest of the home and a product page) where
npx is installed. Prints one line; what misses a target goes to stderr.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
PYTHON = sys.executable
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The network is closed: Chromium must not try to phone home.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
REPORTS_DIR = ROOT / "test-artifacts"

CONNECTIONS = 8
WARM_UP_SECONDS = 3
SECONDS = int(os.environ.get("BENCH_SHOP_SECONDS", "15"))
RUNS = int(os.environ.get("BENCH_SHOP_RUNS", "3"))

TARGET_RATIO = 0.5
TARGET_FIRST_VIEW_KB = 150
TARGET_QUERIES = 6
TARGET_LIGHTHOUSE = 95

# wrk's own summary, with the exact 95th percentile (microseconds).
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("bench-summary %d %d %d %d %d %d %d %d\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(95.0)))
end
"""


def note(message: str) -> None:
    print(f"storefront: {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(tmp: Path, cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("REDIS_URL", None)  # the default file cache, shared by the workers
    env.update(
        DJANGO_SETTINGS_MODULE="hirarajut.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp / 'shop.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_CACHE_DIR=str(tmp / cache),
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


def run_json(args: list[str], env: dict[str, str]):
    done = subprocess.run(
        [PYTHON, str(BENCH_DIR / "_shop_data.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"storefront: _shop_data.py {args[0]} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def collectstatic(env: dict[str, str]) -> None:
    done = subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit("storefront: collectstatic failed")


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--pythonpath",
                str(ROOT),
                "--error-logfile",
                str(log),
                # bench/ itself is not on the path: bench/storefront.py would
                # hide the storefront app.
                "bench._shop_wsgi:application",
            ],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/robots.txt", timeout=2
            ):
                return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    stop(server)
    sys.stderr.write(log.read_text()[-4000:])
    raise SystemExit("storefront: gunicorn did not start")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def status_of(url: str) -> int:
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    note("installing wrk (apt-get install -y wrk)")
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    if subprocess.run(install, **quiet).returncode:
        subprocess.run(["apt-get", "update", "-q"], **quiet)
        subprocess.run(install, **quiet)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("storefront: needs wrk (apt-get install wrk)")
    return found


def wrk(binary: str, url: str, seconds: int, script: Path) -> dict:
    done = subprocess.run(
        [
            binary,
            "--threads",
            "2",
            "--connections",
            str(CONNECTIONS),
            "--duration",
            f"{seconds}s",
            "--latency",
            "--script",
            str(script),
            # As a phone's browser asks: the pages travel compressed.
            "--header",
            "Accept-Encoding: gzip, deflate",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(
        line for line in done.stdout.splitlines() if line.startswith("bench-summary")
    )
    requests, duration_us, *errors, p95_us = (int(x) for x in line.split()[1:])
    return {
        "rps": requests / (duration_us / 1_000_000),
        "errors": sum(errors),
        "p95_ms": p95_us / 1000,
    }


def measure(base: str, pages: dict[str, str], tmp: Path) -> dict[str, list[dict]]:
    binary = ensure_wrk()
    script = tmp / "summary.lua"
    script.write_text(WRK_SCRIPT)
    results: dict[str, list[dict]] = {name: [] for name in pages}
    for path in pages.values():
        wrk(binary, base + path, WARM_UP_SECONDS, script)
    # In turns, so a slow spell of the machine falls on every page alike.
    for _run in range(RUNS):
        for name, path in pages.items():
            results[name].append(wrk(binary, base + path, SECONDS, script))
    return results


def first_view(url: str, scale: float = 1.75) -> tuple[float, str]:
    """Kilobytes a phone transfers for ``url`` until the network is idle."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
        )
        context = browser.new_context(
            viewport={"width": 360, "height": 740},
            device_scale_factor=scale,
            is_mobile=True,
            has_touch=True,
        )
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        kinds: dict[str, str] = {}
        sizes: dict[str, int] = {}
        cdp.on(
            "Network.responseReceived",
            lambda event: kinds.__setitem__(event["requestId"], event["type"]),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda event: sizes.__setitem__(
                event["requestId"], int(event["encodedDataLength"])
            ),
        )
        page.goto(url, wait_until="networkidle")
        browser.close()
    by_kind: dict[str, list[int]] = {}
    for request_id, size in sizes.items():
        by_kind.setdefault(kinds.get(request_id, "Other"), []).append(size)
    detail = ", ".join(
        f"{kind} {len(found)}×={sum(found) / 1024:.1f}"
        for kind, found in sorted(by_kind.items())
    )
    return sum(sizes.values()) / 1024, detail


def ensure_lighthouse() -> bool:
    if not shutil.which("npx") or not shutil.which("node"):
        return False
    if not LIGHTHOUSE.exists():
        note(f"installing lighthouse@{LIGHTHOUSE_VERSION} into bench/node_modules")
        subprocess.run(
            [
                "npm",
                "install",
                "--save-exact",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(BENCH_DIR),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return LIGHTHOUSE.exists()


LIGHTHOUSE_ATTEMPTS = 3


def lighthouse(url: str, name: str) -> dict[str, int]:
    """Lighthouse's mobile scores for ``url``; what lost points goes to stderr."""
    REPORTS_DIR.mkdir(exist_ok=True)
    report = REPORTS_DIR / f"lighthouse-{name}.json"
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    # Lighthouse now and then fails to record its trace (NO_NAVSTART): that is
    # Lighthouse's own runtime error, not a score; it is run again, up to 3 times.
    for attempt in range(1, LIGHTHOUSE_ATTEMPTS + 1):
        report.unlink(missing_ok=True)
        done = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={flags}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if not done.returncode and report.exists():
            break
        note(f"lighthouse {name}: attempt {attempt} failed: {done.stderr[-300:]}")
    else:
        raise SystemExit(f"storefront: lighthouse failed on {url}")
    result = json.loads(report.read_text())
    scores = {}
    for key in LIGHTHOUSE_CATEGORIES:
        category = result["categories"][key]
        scores[key] = round((category["score"] or 0) * 100)
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue", "")
                note(
                    f"lighthouse {name} {key}: {ref['id']} "
                    f"score={audit['score']:.2f} {shown}".rstrip()
                )
    return scores


def main() -> int:
    products = int(os.environ.get("BENCH_SHOP_PRODUCTS", "500"))
    with tempfile.TemporaryDirectory(prefix="bench-shop-") as tmp_name:
        tmp = Path(tmp_name)
        env = environment(tmp, "cache")
        started = time.monotonic()
        paths = run_json(["seed"], env)
        note(f"seeded in {time.monotonic() - started:.1f} s")
        counts = run_json(
            ["queries", json.dumps(paths)], environment(tmp, "cache-queries")
        )
        collectstatic(env)
        port = free_port()
        server = start_gunicorn(env, port, tmp / "gunicorn.log")
        base = f"http://127.0.0.1:{port}"
        try:
            pages = {
                "home": paths["home"],
                "category": paths["category"],
                "product": paths["product"],
                "baseline": "/robots.txt",
            }
            refused = {
                path: code
                for path in pages.values()
                if (code := status_of(base + path)) != 200
            }
            if refused:
                raise SystemExit(f"storefront: pages did not answer 200: {refused}")
            results = measure(base, pages, tmp)
            kb, detail = first_view(base + paths["home"])
            note(f"first view of the home page (KiB): {detail}")
            # Most cheap Androids have 2 device pixels per CSS pixel.
            kb_2x, detail = first_view(base + paths["home"], scale=2)
            note(f"first view at 2x: {kb_2x:.0f} KiB ({detail})")
            if ensure_lighthouse():
                worst = dict.fromkeys(LIGHTHOUSE_CATEGORIES, 100)
                for name in ("home", "product"):
                    scores = lighthouse(base + paths[name], name)
                    worst = {key: min(worst[key], scores[key]) for key in worst}
                scores_text = "/".join(str(worst[key]) for key in LIGHTHOUSE_CATEGORIES)
            else:
                worst = None
                scores_text = "skipped"
        finally:
            stop(server)
    median_rps = {
        name: statistics.median(run["rps"] for run in runs)
        for name, runs in results.items()
    }
    shop = {name: rps for name, rps in median_rps.items() if name != "baseline"}
    shop_rps = min(shop.values())
    baseline_rps = median_rps["baseline"]
    ratio = shop_rps / baseline_rps
    p95_ms = max(
        statistics.median(run["p95_ms"] for run in results[name]) for name in shop
    )
    errors = sum(run["errors"] for runs in results.values() for run in runs)
    queries_max = max(counts.values())
    print(
        f"storefront: products={products} shop_rps={shop_rps:.0f} "
        f"baseline_rps={baseline_rps:.0f} ratio={ratio:.2f} p95_ms={p95_ms:.1f} "
        f"first_view_kb={kb:.0f} queries_max={queries_max} errors={errors} "
        f"lighthouse={scores_text}",
        flush=True,
    )
    note(
        "median rps per page: "
        + ", ".join(f"{name} {rps:.0f}" for name, rps in median_rps.items())
        + "; queries per page: "
        + ", ".join(f"{name} {n}" for name, n in counts.items())
    )
    missed = []
    if ratio < TARGET_RATIO:
        missed.append(f"ratio ≥ {TARGET_RATIO}")
    if errors:
        missed.append("errors = 0")
    if kb > TARGET_FIRST_VIEW_KB:
        missed.append(f"first_view_kb ≤ {TARGET_FIRST_VIEW_KB}")
    if queries_max > TARGET_QUERIES:
        missed.append(f"queries_max ≤ {TARGET_QUERIES}")
    if worst and min(worst.values()) < TARGET_LIGHTHOUSE:
        missed.append(f"each Lighthouse score ≥ {TARGET_LIGHTHOUSE}")
    note(f"target missed ({', '.join(missed)})" if missed else "target met")
    return 0


if __name__ == "__main__":
    code = main()
    if code:
        sys.exit(code)
