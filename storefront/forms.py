"""The shop's search and filters: a GET form, nothing is written."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.money import PriceField

from .selectors import ListingFilters, Stock


class ListingForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, material or colour")}
        ),
    )
    stok = forms.ChoiceField(
        label=_("Availability"),
        required=False,
        choices=[
            ("", _("All")),
            (Stock.READY, _("Ready stock")),
            (Stock.PREORDER, _("Pre-order")),
        ],
    )
    harga_min = PriceField(label=_("Price from (Rp)"), required=False, min_value=0)
    harga_max = PriceField(label=_("Price up to (Rp)"), required=False, min_value=0)
    urut = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("Recommended")),
            ("new", _("Newest")),
            ("price", _("Price: low to high")),
            ("-price", _("Price: high to low")),
        ],
    )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("harga_min"), cleaned.get("harga_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "harga_max", _("The highest price is below the lowest price.")
            )
        return cleaned

    def filters(self) -> ListingFilters:
        """The filters that were typed correctly; a wrong one is left out."""
        data = (
            self.cleaned_data if self.is_valid() else getattr(self, "cleaned_data", {})
        )
        return ListingFilters(
            query=data.get("q", "") or "",
            stock=data.get("stok", "") or "",
            price_min=data.get("harga_min"),
            price_max=data.get("harga_max"),
            order=data.get("urut", "") or "",
        )

    @property
    def is_filtered(self) -> bool:
        filters = self.filters()
        return bool(
            filters.query
            or filters.stock
            or filters.price_min is not None
            or filters.price_max is not None
        )
