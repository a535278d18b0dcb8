"""Bar charts drawn on the server as SVG: no JavaScript, readable on a phone.

The markup is built from escaped pieces only (``format_html``), so a product or
channel name can never inject markup. Colours are SVG presentation attributes,
which the Content-Security-Policy allows (inline ``style`` is not).
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.money import format_rupiah, format_thousands

# Okabe–Ito colours (told apart also by colour-blind eyes), one per channel.
CHANNEL_COLOURS = {
    "shopee": "#D55E00",
    "instagram": "#CC79A7",
    "whatsapp": "#009E73",
    "facebook": "#0072B2",
    "storefront": "#7A2E4F",
    "bazaar": "#E69F00",
    "offline": "#7F7F7F",
    "reseller": "#56B4E9",
    "export": "#332288",
}
FALLBACK_COLOURS = ("#44AA99", "#882255", "#999933", "#AA4499")

# Drawn at about the size it is shown on a 360 px phone; wider screens scale it.
WIDTH = 340
PLOT_TOP = 8
PLOT_HEIGHT = 150
LEFT = 42
RIGHT = 6
FONT = 10
LEGEND_ROW = 16


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    values: Sequence[int]


def colour_for(key: str, index: int) -> str:
    return CHANNEL_COLOURS.get(key, FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)])


def short_rupiah(amount: int) -> str:
    """Axis labels: 1.500.000 -> "1,5 jt" (in English "1.5M")."""
    value = abs(amount)
    sign = "-" if amount < 0 else ""
    for size, unit in (
        (1_000_000_000, pgettext("billion, short", "B")),
        (1_000_000, pgettext("million, short", "M")),
        (1_000, pgettext("thousand, short", "k")),
    ):
        if value >= size:
            number = f"{value / size:.1f}".removesuffix(".0")
            number = number.replace(".", pgettext("decimal mark", "."))
            return f"{sign}{number}{unit}"
    return f"{sign}{value}"


def nice_step(span: int, ticks: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` lines."""
    if span <= 0:
        return 1
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return max(1, int(factor * power))
    return max(1, int(10 * power))


def month_labels(starts: Sequence[date], grain: str = "month") -> list[str]:
    if grain == "year":
        return [str(start.year) for start in starts]
    return [date_format(start, "M") for start in starts]


def _legend(series: Sequence[Series], top: float) -> tuple[SafeString, float]:
    """Legend entries flowed into rows across the width; returns markup and height."""
    items = []
    x, y = LEFT, top
    for index, item in enumerate(series):
        # About 0.6 em per character; enough for the short channel names.
        width = 14 + len(item.label) * FONT * 0.6 + 12
        if x + width > WIDTH and x > LEFT:
            x, y = LEFT, y + LEGEND_ROW
        items.append(
            format_html(
                '<rect x="{}" y="{}" width="10" height="10" rx="2" fill="{}"></rect>'
                '<text x="{}" y="{}">{}</text>',
                round(x),
                round(y),
                colour_for(item.key, index),
                round(x + 14),
                round(y + 9),
                item.label,
            )
        )
        x += width
    markup = format_html(
        '<g class="chart-legend" font-size="{}">{}</g>',
        FONT + 1,
        format_html_join("", "{}", ((item,) for item in items)),
    )
    return markup, (y - top) + LEGEND_ROW if series else 0


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[int], str] = format_rupiah,
    axis_format: Callable[[int], str] = short_rupiah,
    sublabels: Sequence[str] | None = None,
) -> SafeString:
    """Stacked bars, one per label (month), one colour per series (channel).

    Negative values (a reversal in a later month) stack downwards from zero.
    Each bar piece carries a <title> with its exact amount for a tooltip.
    """
    count = max(len(labels), 1)
    positive = [
        sum(max(0, s.values[i]) for s in series) for i in range(len(labels))
    ] or [0]
    negative = [
        sum(min(0, s.values[i]) for s in series) for i in range(len(labels))
    ] or [0]
    high, low = max(max(positive), 0), min(min(negative), 0)
    step = nice_step(high - low or 1)
    top = math.ceil(high / step) * step if high > 0 else 0
    # Below zero only as deep as needed: a small reversal gets a small strip.
    bottom = low * 1.1
    if top == bottom:
        top = step
    scale = PLOT_HEIGHT / (top - bottom)
    plot_width = WIDTH - LEFT - RIGHT
    slot = plot_width / count
    bar = max(2.0, min(slot * 0.7, 28))

    def y_of(value: float) -> float:
        return PLOT_TOP + (top - value) * scale

    grid = []
    value = math.ceil(bottom / step) * step
    while value <= top:
        y = round(y_of(value), 1)
        grid.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"></line>'
                '<text x="{}" y="{}" text-anchor="end">{}</text>',
                LEFT,
                WIDTH - RIGHT,
                y,
                y,
                "#6c6560" if value == 0 else "#e7dcd6",
                LEFT - 4,
                round(y + 3.5, 1),
                axis_format(value),
            )
        )
        value += step

    bars = []
    for i, label in enumerate(labels):
        x = round(LEFT + slot * i + (slot - bar) / 2, 1)
        up, down = 0, 0
        for index, item in enumerate(series):
            amount = item.values[i]
            if not amount:
                continue
            if amount > 0:
                y0, y1 = y_of(up + amount), y_of(up)
                up += amount
            else:
                y0, y1 = y_of(down), y_of(down + amount)
                down += amount
            bars.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{}, {}: {}</title></rect>",
                    x,
                    round(y0, 1),
                    round(bar, 1),
                    round(max(y1 - y0, 0.5), 1),
                    colour_for(item.key, index),
                    label if not sublabels else f"{label} {sublabels[i]}",
                    item.label,
                    value_format(amount),
                )
            )
    axis_y = PLOT_TOP + PLOT_HEIGHT
    ticks = []
    # Thin out labels when the bars are narrow (more than a year shown).
    every = max(1, math.ceil(count / 12))
    for i, label in enumerate(labels):
        if i % every:
            continue
        x = round(LEFT + slot * i + slot / 2, 1)
        ticks.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle">{}</text>',
                x,
                axis_y + 13,
                label,
            )
        )
        if sublabels and sublabels[i]:
            ticks.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
                    x,
                    axis_y + 25,
                    "#6c6560",
                    sublabels[i],
                )
            )
    legend_top = axis_y + (34 if sublabels else 22)
    legend, legend_height = _legend(series, legend_top)
    height = round(legend_top + legend_height + 2)
    summary = _("%(title)s: %(series)s.") % {
        "title": title,
        "series": ", ".join(
            f"{item.label} {value_format(sum(item.values))}" for item in series
        )
        or _("nothing in this period"),
    }
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'aria-describedby="{}-desc" font-family="system-ui, sans-serif" '
        'font-size="{}" fill="#3a3431" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<g class="chart-grid">{}</g><g class="chart-bars">{}</g>'
        '<g class="chart-axis">{}</g>{}</svg>',
        WIDTH,
        height,
        title,
        chart_id,
        FONT,
        chart_id,
        title,
        chart_id,
        summary,
        format_html_join("", "{}", ((g,) for g in grid)),
        format_html_join("", "{}", ((b,) for b in bars)),
        format_html_join("", "{}", ((t,) for t in ticks)),
        legend,
    )


def count_format(value: int) -> str:
    return format_thousands(value)


def year_sublabels(starts: Sequence[date]) -> list[str]:
    """The year under January, and under the first month unless January is next."""
    return [
        str(start.year) if start.month == 1 or (index == 0 and start.month < 12) else ""
        for index, start in enumerate(starts)
    ]
