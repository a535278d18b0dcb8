"""Production's pages, one module per part."""

from .hand_ins import hand_in_detail, submit, submit_choose
from .review import piece_rate_add_url, review, review_accept, review_reject
from .targets import targets

__all__ = [
    "hand_in_detail",
    "piece_rate_add_url",
    "review",
    "review_accept",
    "review_reject",
    "submit",
    "submit_choose",
    "targets",
]
