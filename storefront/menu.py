"""What the shop offers on the portal's home page (admins only)."""

from django.utils.translation import gettext_lazy as _

from core.menu import Action, action


def staff_actions(user) -> list[Action]:
    """Links into the admin panel, for admins who may edit there."""
    if not user.has_perm("storefront.change_shopsettings"):
        return []
    return [
        action(
            "admin:storefront_shopsettings_changelist",
            _("Shop settings"),
            _("WhatsApp number, Instagram and Shopee links, the co-op's story."),
        )
    ]


def admin_actions() -> list[Action]:
    return [
        action(
            "shop-admin:order-list",
            _("Order requests"),
            _("Pre-orders and requests from the shop's form: answer, make a sale."),
        ),
        action(
            "shop-admin:feed-check",
            _("Marketplace feeds"),
            _("What goes to Meta, Google and Shopee, and what to fix first."),
        ),
    ]
