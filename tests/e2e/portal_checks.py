"""What every portal page must do on a small phone, checked in the browser.

``page_problems(page, path)`` opens a page and returns what is wrong with it, each
problem a line that names the rule, the element (a CSS path and the start of its
HTML) and the size found:

- it answers 200;
- it does not scroll sideways (``document.documentElement.scrollWidth``);
- every visible button (``button``, ``.btn``, ``input[type=submit]``) and every
  standalone link (the only content of its block: nav links, "← back", cards) is
  at least 44 px tall;
- nothing visible that a finger can tap (links in text too, fields, ``summary``,
  labels of a control) is under 24 px tall;
- axe-core finds no serious or critical violation.

Console errors are the ``phone`` fixture's to catch.
"""

from dataclasses import dataclass

TOUCH_PX = 44  # a button or a link standing alone
MIN_PX = 24  # anything else that can be tapped (WCAG 2.2 target size, minimum)
BLOCKING = ("serious", "critical")


@dataclass(frozen=True)
class Size:
    width: int
    height: int

    @property
    def viewport(self) -> dict:
        return {"width": self.width, "height": self.height}

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"


SIZES = (Size(360, 740), Size(320, 640))

# Measured in the page: the tappable elements and how tall they are on screen.
_MEASURE = """(limits) => {
  const path = (el) => {
    const parts = [];
    for (let node = el; node && node !== document.body && parts.length < 4;
         node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.id) { parts.unshift(part + "#" + node.id); break; }
      const classes = [...node.classList].slice(0, 3);
      if (classes.length) part += "." + classes.join(".");
      parts.unshift(part);
    }
    return parts.join(" > ");
  };
  const shown = (el) => {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) {
      return false;
    }
    const box = el.getBoundingClientRect();
    // 1 px boxes are hidden on purpose: there for screen readers and keyboards.
    return box.width > 2 && box.height > 2;
  };
  const isInline = (el) => getComputedStyle(el).display === "inline";
  const blockOf = (el) => {
    let node = el.parentElement;
    while (node && node !== document.body && isInline(node)) node = node.parentElement;
    return node;
  };
  const words = (el) => (el.textContent || "").replace(/\\s+/g, " ").trim();
  const standalone = (link) => {
    // A card, a block or a flex link stands alone; an inline or inline-block
    // one stands alone when nothing else is written in its block.
    if (!["inline", "inline-block"].includes(getComputedStyle(link).display)) {
      return true;
    }
    const block = blockOf(link);
    return !!block && words(block) === words(link);
  };
  const height = (el) => {
    let tall = el.getBoundingClientRect().height;
    // A stretched link (Bootstrap's .stretched-link) covers its card with ::after.
    const after = getComputedStyle(el, "::after");
    if (after.content !== "none" && after.position === "absolute") {
      let card = el.parentElement;
      while (card && getComputedStyle(card).position === "static") {
        card = card.parentElement;
      }
      if (card) tall = Math.max(tall, card.getBoundingClientRect().height);
    }
    // A box or a round choice is tapped through its label as well.
    if (el.type === "checkbox" || el.type === "radio") {
      for (const label of el.labels || []) {
        if (shown(label)) tall = Math.max(tall, label.getBoundingClientRect().height);
      }
    }
    return Math.round(tall * 10) / 10;
  };
  const describe = (el) => ({
    where: path(el),
    html: el.outerHTML.replace(/\\s+/g, " ").slice(0, 180),
    height: height(el),
  });
  const tappable = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, label"
  )].filter((el) => (el.tagName !== "LABEL" || el.control) && shown(el));
  const big = tappable.filter((el) =>
    el.matches("button, .btn, input[type=submit]")
    || (el.tagName === "A" && standalone(el)));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    small: big.map(describe).filter((item) => item.height < limits.touch),
    tiny: tappable.map(describe).filter((item) => item.height < limits.min),
  };
}"""


def _element(item: dict) -> str:
    return f"{item['where']} ({item['height']} px): {item['html']}"


def layout_problems(page, width: int) -> list[str]:
    """Sideways scroll and targets too small to tap, on the page as it is now."""
    found = page.evaluate(_MEASURE, {"touch": TOUCH_PX, "min": MIN_PX})
    problems = []
    if found["scrollWidth"] > width:
        problems.append(
            f"scrolls sideways: scrollWidth {found['scrollWidth']} > {width}"
        )
    problems += [
        f"button/standalone link < {TOUCH_PX} px: {_element(item)}"
        for item in found["small"]
    ]
    tiny = [item for item in found["tiny"] if item not in found["small"]]
    problems += [f"tap target < {MIN_PX} px: {_element(item)}" for item in tiny]
    return problems


def axe_problems(page) -> list[str]:
    """axe-core's serious and critical violations, one line per element."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    problems = []
    for violation in violations:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"][:6]:
            target = ", ".join(map(str, node["target"]))
            problems.append(
                f"axe {violation['id']} ({violation['impact']}): {violation['help']}"
                f" at {target}: {node['html'][:180]}"
            )
    return problems


def page_problems(page, path: str, width: int) -> list[str]:
    """Open ``path`` and return everything a phone user would trip over."""
    response = page.goto(path)
    if response is None or response.status != 200:
        status = response.status if response else "no response"
        return [f"HTTP {status} (final URL {page.url})"]
    return layout_problems(page, width) + axe_problems(page)


def report(problems: dict[str, list[str]]) -> str:
    """The problems of several pages, page by page."""
    lines = []
    for page_name, found in problems.items():
        if found:
            lines.append(f"{page_name}:")
            lines += [f"  - {problem}" for problem in found]
    return "\n".join(lines)
