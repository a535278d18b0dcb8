"""sitemap.xml: the shop's pages in both languages, with hreflang alternates."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from catalog.models import Category, Product


class _ShopSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    @property
    def protocol(self):
        return "https" if settings.SITE_URL.startswith("https") else None


class PagesSitemap(_ShopSitemap):
    priority = 0.8

    def items(self):
        return ["shop:home", "shop:products", "shop:about", "shop:contact"]

    def location(self, item):
        return reverse(item)


class CategorySitemap(_ShopSitemap):
    def items(self):
        return Category.objects.filter(products__status="published").distinct()

    def location(self, item):
        return reverse("shop:category", args=[item.slug])


class ProductSitemap(_ShopSitemap):
    priority = 0.9

    def items(self):
        return Product.objects.published().order_by("pk")

    def location(self, item):
        return reverse("shop:product", args=[item.slug])

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "categories": CategorySitemap,
    "products": ProductSitemap,
}
