"""Why a product is left out of a feed, or changed to fit: one function per feed.

The feed builders ask the same functions, so a product that its check calls
"left out" is never in that feed, and the check page tells the admin why.
"""

from .base import LEFT_OUT, WARNING, Check, Problem
from .google import google_check, google_photos
from .meta import meta_check
from .report import FEEDS, FeedReport, FeedTotal, ProductReport, feed_report
from .shopee import (
    shopee_check,
    shopee_description,
    shopee_name,
    shopee_option_key,
    shopee_preorder_days,
    shopee_template,
    shopee_variations,
)

__all__ = [
    "FEEDS",
    "LEFT_OUT",
    "WARNING",
    "Check",
    "FeedReport",
    "FeedTotal",
    "Problem",
    "ProductReport",
    "feed_report",
    "google_check",
    "google_photos",
    "meta_check",
    "shopee_check",
    "shopee_description",
    "shopee_name",
    "shopee_option_key",
    "shopee_preorder_days",
    "shopee_template",
    "shopee_variations",
]
