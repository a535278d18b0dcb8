"""The check page: every product against every feed."""

from dataclasses import dataclass

from catalog.models import Product

from .base import (
    FEEDS,
    Check,
)
from .google import google_check
from .meta import meta_check
from .shopee import shopee_check, shopee_template


@dataclass
class ProductReport:
    product: Product
    checks: list[Check]

    @property
    def left_out(self) -> bool:
        return any(check.left_out for check in self.checks)

    @property
    def has_problems(self) -> bool:
        return any(check.problems for check in self.checks)

    @property
    def fixes(self) -> list[tuple[str, str]]:
        """Where to fix the problems, each place once: (address, label)."""
        places = {
            problem.fix_url: problem.fix_label
            for check in self.checks
            for problem in check.problems
            if problem.fix_url
        }
        return list(places.items())


@dataclass
class FeedTotal:
    feed: str
    label: str
    included: int
    left_out: int


@dataclass
class FeedReport:
    products: list[ProductReport]

    @property
    def to_fix(self) -> list[ProductReport]:
        return [report for report in self.products if report.has_problems]

    @property
    def fine_count(self) -> int:
        return sum(1 for report in self.products if not report.has_problems)

    @property
    def totals(self) -> list[FeedTotal]:
        totals = []
        for index, (feed, label) in enumerate(FEEDS):
            out = sum(1 for report in self.products if report.checks[index].left_out)
            totals.append(FeedTotal(feed, label, len(self.products) - out, out))
        return totals


def feed_report(products: list[Product]) -> FeedReport:
    """Every published product against the three feeds: left out first."""
    template = shopee_template()
    reports = [
        ProductReport(
            product,
            [
                meta_check(product),
                google_check(product),
                shopee_check(product, template),
            ],
        )
        for product in products
    ]
    reports.sort(key=lambda r: (not r.left_out, not r.has_problems))
    return FeedReport(reports)
