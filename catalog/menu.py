"""What the catalog offers on the portal's home page (admins only)."""

from django.utils.translation import gettext_lazy as _

from core.menu import Action, action


def admin_actions() -> list[Action]:
    return [
        action(
            "catalog:product-list",
            _("Products"),
            _("Every product with its photos, price, status and stock."),
        ),
    ]
