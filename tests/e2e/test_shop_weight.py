"""The shop on a cheap phone and a slow line: light pages, no sideways scrolling,
big tap targets, no JavaScript.

The first view is measured on a 360 px wide touch phone: every byte Chromium
receives, headers included, until the network is idle. Images below the fold
that Chromium's lazy loading fetches early count too.
"""

import pytest

from tests.e2e.shop_data import seed_shop

pytestmark = pytest.mark.django_db(transaction=True)

FIRST_VIEW_LIMIT_KB = 150
MIN_TARGET_PX = 44


@pytest.fixture
def shop(live_server):
    return seed_shop(count=12)


def shop_pages(shop) -> dict[str, str]:
    return {
        "home": "/",
        "listing": "/produk/",
        "listing with filters open": "/produk/?stok=ready",
        "product": f"/produk/{shop.colours.slug}/",
        "pre-order product": f"/produk/{shop.preorder.slug}/",
        "about": "/tentang/",
        "contact": "/kontak/",
        "not found": "/produk/tidak-ada-lagi/",
        "english product": f"/en/produk/{shop.colours.slug}/",
    }


@pytest.fixture
def phone_at(browser, live_server):
    """Pages of a given width, each in a fresh context (empty cache)."""
    contexts = []

    def open_page(width: int, height: int = 740, scale: float = 2):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
            is_mobile=True,
            has_touch=True,
            base_url=live_server.url,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def transferred(page, path: str) -> dict[str, list[tuple[str, int]]]:
    """Bytes received per resource type, headers included, until network idle."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    requests: dict[str, tuple[str, str]] = {}
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.responseReceived",
        lambda event: requests.__setitem__(
            event["requestId"], (event["type"], event["response"]["url"])
        ),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda event: sizes.__setitem__(
            event["requestId"], int(event["encodedDataLength"])
        ),
    )
    page.goto(path, wait_until="networkidle")
    by_type: dict[str, list[tuple[str, int]]] = {}
    for request_id, size in sizes.items():
        kind, url = requests.get(request_id, ("Other", "?"))
        by_type.setdefault(kind, []).append((url, size))
    return by_type


# 1.75 device pixels per CSS pixel is Lighthouse's phone; 2 the cheap Androids
# of 720 x 1600 pixels most customers hold.
@pytest.mark.parametrize("scale", [1.75, 2])
def test_first_view_of_the_home_page_transfers_at_most_150_kb(phone_at, shop, scale):
    page = phone_at(360, scale=scale)
    by_type = transferred(page, "/")
    total = sum(size for found in by_type.values() for _url, size in found)
    summary = {
        kind: f"{len(found)} files, {sum(s for _u, s in found) / 1024:.1f} KB"
        for kind, found in by_type.items()
    }
    assert by_type.get("Image"), "the home page showed no photo"
    assert total / 1024 <= FIRST_VIEW_LIMIT_KB, summary


def test_the_shop_pages_load_no_javascript(phone_at, shop):
    page = phone_at(360)
    scripts = []
    page.on(
        "request",
        lambda request: (
            scripts.append(request.url) if request.resource_type == "script" else None
        ),
    )
    for path in shop_pages(shop).values():
        page.goto(path)
        # Structured data for search engines is the only <script> allowed.
        kinds = page.eval_on_selector_all(
            "script", "els => els.map(el => el.type || 'text/javascript')"
        )
        assert set(kinds) <= {"application/ld+json"}, (path, kinds)
    assert scripts == []


@pytest.mark.parametrize("width", [360, 320])
def test_no_shop_page_scrolls_sideways(phone_at, shop, width):
    page = phone_at(width, height=640 if width == 320 else 740)
    wide = {}
    for name, path in shop_pages(shop).items():
        page.goto(path)
        overflow = page.evaluate(
            """() => {
                const width = document.documentElement.clientWidth;
                const out = [...document.querySelectorAll("body *")]
                    .filter(el => el.getBoundingClientRect().right > width + 1
                        && !el.closest(".gallery, .skip"))
                    .map(el => el.tagName.toLowerCase() + "." + el.className);
                return {scroll: document.documentElement.scrollWidth, width, out};
            }"""
        )
        if overflow["scroll"] > overflow["width"] or overflow["out"]:
            wide[name] = overflow
    assert not wide, "\n".join(f"{name}: {found}" for name, found in wide.items())


# What counts as a target: anything a finger taps. A link inside a sentence (the
# parent has words of its own around it) is excepted, as WCAG 2.5.8 excepts
# inline targets: its height is the text's line. Separators such as "·" or "›"
# are not words: links between them are a row of targets and must be big.
TARGETS_JS = """
(minimum) => {
    const words = /\\p{L}/u;
    const small = [];
    const targets = document.querySelectorAll(
        "a[href], button, summary, input:not([type=hidden]), select, textarea");
    for (const el of targets) {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (!box.width || !box.height || style.visibility === "hidden"
            || box.right <= 0) continue;
        const parent = el.parentElement;
        const ownText = [...parent.childNodes]
            .filter(node => node.nodeType === Node.TEXT_NODE)
            .map(node => node.textContent).join("");
        const inSentence = style.display === "inline" && words.test(ownText);
        if (inSentence) continue;
        if (box.height < minimum || box.width < minimum) {
            small.push(`${el.tagName.toLowerCase()} "${(el.innerText || el.name
                || "").trim().slice(0, 30)}" ${Math.round(box.width)}x${
                Math.round(box.height)}`);
        }
    }
    return small;
}
"""


def test_every_tap_target_on_the_shop_pages_is_at_least_44_px(phone_at, shop):
    page = phone_at(360)
    small = {}
    for name, path in shop_pages(shop).items():
        page.goto(path)
        found = page.evaluate(TARGETS_JS, MIN_TARGET_PX)
        if found:
            small[name] = found
    assert not small, "\n".join(f"{name}: {found}" for name, found in small.items())
