from .descriptions import DescriptionTemplate, ListingChannel
from .photos import ProductPhoto
from .products import (
    Availability,
    Category,
    Product,
    ProductQuerySet,
    Status,
    Variant,
    hs_code_validator,
)
from .stock import StockMovement, StockReason

__all__ = [
    "Availability",
    "Category",
    "DescriptionTemplate",
    "ListingChannel",
    "Product",
    "ProductPhoto",
    "ProductQuerySet",
    "Status",
    "StockMovement",
    "StockReason",
    "Variant",
    "hs_code_validator",
]
