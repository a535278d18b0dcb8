"""Changes that a shop page shows move the page cache's version (storefront.cache).

A signal, because the changes happen below the shop, in catalog's services and
the admin, which do not know the shop exists. Reorders done with ``update()``
send ``catalog.signals.photos_reordered``.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from catalog.models import Category, Product, ProductPhoto, StockMovement, Variant
from catalog.signals import photos_reordered
from members.models import Member

from .cache import invalidate
from .models import ShopSettings

SHOWN_ON_THE_SHOP = (
    Category,
    Product,
    Variant,
    ProductPhoto,
    StockMovement,
    ShopSettings,
)


def _changed(sender, **kwargs) -> None:
    invalidate()


for model in SHOWN_ON_THE_SHOP:
    post_save.connect(
        _changed, sender=model, dispatch_uid=f"shop-save-{model.__name__}"
    )
    post_delete.connect(
        _changed, sender=model, dispatch_uid=f"shop-delete-{model.__name__}"
    )
m2m_changed.connect(_changed, sender=Product.makers.through, dispatch_uid="shop-makers")
photos_reordered.connect(_changed, dispatch_uid="shop-photos-reordered")


@receiver(post_save, sender=Member, dispatch_uid="shop-member")
def _member_changed(sender, instance: Member, **kwargs) -> None:
    # Her first name and consent appear on the products she made.
    invalidate()
