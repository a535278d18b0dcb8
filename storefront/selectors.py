"""What the shop's pages read: a fixed number of queries, however big the catalog."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from catalog.models import Availability, Category, Product, ProductPhoto, Variant
from members.models import Member

NEW_COUNT = 8
FEATURED_COUNT = 4
PAGE_SIZE = 24


class Stock:
    READY = "ready"
    PREORDER = "preorder"
    SOLD_OUT = "sold_out"


def shop_products() -> QuerySet[Product]:
    """Published products with their category, total stock and main photo."""
    return (
        Product.objects.published()
        .with_stock()
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "photos",
                queryset=ProductPhoto.objects.filter(position=0),
                to_attr="main_photos",
            )
        )
    )


def product_stock(product: Product) -> str:
    """Ready (with stock), pre-order, or sold out."""
    if product.availability == Availability.PREORDER:
        return Stock.PREORDER
    return Stock.READY if product.total_stock > 0 else Stock.SOLD_OUT


def variant_stock(product: Product, variant: Variant) -> str:
    if product.availability == Availability.PREORDER:
        return Stock.PREORDER
    return Stock.READY if variant.stock > 0 else Stock.SOLD_OUT


@dataclass
class HomeProducts:
    featured: list[Product]
    new: list[Product]
    categories: list[Category]


def home_products() -> HomeProducts:
    """Featured and newest products, and the categories that have any: 4 queries."""
    plain = shop_products().prefetch_related(None)
    featured = list(
        plain.filter(featured=True).order_by("-updated_at")[:FEATURED_COUNT]
    )
    new = list(
        plain.exclude(pk__in=[p.pk for p in featured]).order_by("-created_at")[
            :NEW_COUNT
        ]
    )
    prefetch_related_objects(
        featured + new,
        Prefetch(
            "photos",
            queryset=ProductPhoto.objects.filter(position=0),
            to_attr="main_photos",
        ),
    )
    return HomeProducts(featured=featured, new=new, categories=shop_categories())


def shop_categories() -> list[Category]:
    return list(
        Category.objects.filter(products__status="published")
        .distinct()
        .order_by("position", "name")
    )


@dataclass
class ListingFilters:
    query: str = ""
    stock: str = ""  # "", "ready" or "preorder"
    price_min: int | None = None
    price_max: int | None = None
    order: str = ""  # "", "price", "-price", "new"


ORDERINGS = {
    "": ("-featured", "name"),
    "new": ("-created_at",),
    "price": ("price", "name"),
    "-price": ("-price", "name"),
}


def listing(*, category: Category | None, filters: ListingFilters) -> QuerySet[Product]:
    products = shop_products()
    if category is not None:
        products = products.filter(category=category)
    # Variants through subqueries: a join would multiply the summed stock.
    for word in filters.query.split():
        variants = Variant.objects.filter(
            Q(option1__icontains=word) | Q(option2__icontains=word)
        ).values("product_id")
        products = products.filter(
            Q(name__icontains=word)
            | Q(materials__icontains=word)
            | Q(colours__icontains=word)
            | Q(pk__in=variants)
        )
    if filters.stock == Stock.READY:
        products = products.filter(
            availability=Availability.READY,
            pk__in=Variant.objects.filter(stock__gt=0).values("product_id"),
        )
    elif filters.stock == Stock.PREORDER:
        products = products.filter(availability=Availability.PREORDER)
    if filters.price_min is not None:
        products = products.filter(price__gte=filters.price_min)
    if filters.price_max is not None:
        products = products.filter(price__lte=filters.price_max)
    return products.order_by(*ORDERINGS.get(filters.order, ORDERINGS[""]))


def product_page(slug: str) -> Product | None:
    """A published product with variants, every photo and the consenting makers."""
    return (
        Product.objects.published()
        .with_stock()
        .select_related("category")
        .prefetch_related(
            Prefetch("variants", queryset=Variant.objects.order_by("position", "id")),
            Prefetch(
                "photos", queryset=ProductPhoto.objects.order_by("position", "id")
            ),
            Prefetch(
                "makers",
                queryset=Member.objects.filter(show_name_in_shop=True).order_by(
                    "full_name"
                ),
                to_attr="named_makers",
            ),
        )
        .filter(slug=slug)
        .first()
    )
