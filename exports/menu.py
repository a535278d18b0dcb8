"""What the export pages offer on the portal's home page (admins only)."""

from django.utils.translation import gettext_lazy as _

from core.menu import Action, action


def admin_actions() -> list[Action]:
    return [
        action(
            "exports:shipment-list",
            _("Export shipments"),
            _("Invoice, goods, papers and the SKA for e-SKA, checked before sending."),
        ),
        action(
            "exports:realisation",
            _("Export realisation"),
            _("Tonnes, FOB value in USD and destinations, as trade offices count."),
        ),
    ]
