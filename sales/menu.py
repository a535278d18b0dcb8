"""What the ledger offers on the portal's home page (admins only)."""

from django.utils.translation import gettext_lazy as _

from core.menu import Action, action


def admin_actions() -> list[Action]:
    return [
        action(
            "sales:sale-create",
            _("Record a sale"),
            _("WhatsApp, Shopee, bazaar…: the stock goes down when posted."),
        ),
        action("sales:sale-list", _("Sales"), _("Every sale, unpaid ones, reversals.")),
        action(
            "sales:expense-list",
            _("Expenses"),
            _("Yarn, packaging, shipping, ads and other costs."),
        ),
        action(
            "sales:wages",
            _("Member wages"),
            _("Piece-rate wages still to pay, per member and month."),
        ),
        action(
            "sales:reports",
            _("Financial reports"),
            _("Profit and loss, channels, products, receivables; CSV and Excel."),
        ),
    ]
