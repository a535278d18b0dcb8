"""What the shop offers on the portal's home page (admins only)."""

from django.utils.translation import gettext_lazy as _

from core.menu import Action, action


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
