from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.money import PriceField, WholeNumberField
from core.photos import PHOTO_ACCEPT

from .models import Category, Product, ProductPhoto, Status, Variant
from .stock import MAX_STOCK


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        files = [item for item in items if item]
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], "required")
            return []
        return [super(MultiplePhotoField, self).clean(item, initial) for item in files]


class PhotoUploadForm(forms.Form):
    photos = MultiplePhotoField(
        label=_("Photos"),
        help_text=_("JPEG, PNG, WebP or HEIC, up to 20 MB each. You can pick several."),
        widget=MultipleFileInput(attrs={"accept": PHOTO_ACCEPT}),
    )
    alt_text = forms.CharField(
        label=_("What the photos show (alt text)"),
        max_length=200,
        required=False,
        help_text=_("Can be written later, per photo."),
    )


class AltTextForm(forms.ModelForm):
    class Meta:
        model = ProductPhoto
        fields = ["alt_text"]


class ProductAdminForm(forms.ModelForm):
    shopee_url = forms.URLField(
        label=_("Shopee listing URL"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Product
        fields = [
            "name",
            "slug",
            "sku",
            "category",
            "status",
            "description",
            "price",
            "material_cost",
            "availability",
            "lead_time_days",
            "materials",
            "dimensions",
            "weight_grams",
            "colours",
            "care_instructions",
            "hashtags",
            "makers",
            "shopee_url",
            "hs_code",
            "low_stock_threshold",
            "variation1_name",
            "variation2_name",
        ]
        # 150.000 as typed in Indonesia; at most Rp 100.000.000 a piece.
        field_classes = {"price": PriceField, "material_cost": PriceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "The product's web address. Left empty: made from the name."
        )

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or slugify(self.data.get("name", ""))[:150]
        if not slug:
            return slug
        base, number = slug, 2
        others = Product.objects.exclude(pk=self.instance.pk)
        while others.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("availability") == "preorder" and not cleaned.get(
            "lead_time_days"
        ):
            self.add_error(
                "lead_time_days",
                _("A pre-order product needs its lead time in days."),
            )
        if cleaned.get("variation2_name") and not cleaned.get("variation1_name"):
            self.add_error(
                "variation1_name", _("Fill variation type 1 before variation type 2.")
            )
        if cleaned.get("variation1_name") and cleaned.get(
            "variation1_name"
        ) == cleaned.get("variation2_name"):
            self.add_error("variation2_name", _("The two variation types must differ."))
        if cleaned.get("status") == Status.PUBLISHED and (
            self.instance.pk is None or self.instance.status != Status.PUBLISHED
        ):
            problems = self.instance.publish_problems()
            if problems:
                self.add_error("status", problems)
        return cleaned


class VariantFormSet(forms.BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # The rows need their product (also a product not saved yet) to check
        # options against its variation types and to make a SKU.
        form.instance.product = self.instance
        return form

    def save_new(self, form, commit=True):
        obj = super().save_new(form, commit=commit)
        opening = form.cleaned_data.get("opening_stock")
        if opening:
            # Booked by the admin through catalog.stock once the row exists.
            self.opening_balances.append((obj, opening))
        return obj

    def save(self, commit=True):
        self.opening_balances: list[tuple[Variant, int]] = []
        return super().save(commit=commit)

    def save_existing(self, form, obj, commit=True):
        # Only the typed columns: a row read before a sale must not write its
        # old stock back. Stock changes only through catalog.stock.
        obj = form.save(commit=False)
        if commit:
            obj.save(update_fields=VariantInlineForm.Meta.fields)
        return obj


class VariantInlineForm(forms.ModelForm):
    opening_stock = WholeNumberField(
        label=_("opening stock"),
        required=False,
        min_value=0,
        max_value=MAX_STOCK,
        help_text=_("Only for a new variant; later use “Stock count”."),
    )

    class Meta:
        model = Variant
        fields = ["option1", "option2", "sku", "price_override", "position"]
        field_classes = {"price_override": PriceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sku"].required = False
        self.fields["sku"].help_text = _("Left empty: made from the product's SKU.")
        if self.instance.pk:
            # Booked once, when the variant is added; a stale value is ignored.
            self.fields["opening_stock"].disabled = True

    def has_changed(self) -> bool:
        # The first row of a new product is saved also when left as it comes
        # (no options, SKU from the product): a product needs one variant.
        return super().has_changed() or (
            self.instance._state.adding and not self.empty_permitted
        )

    def clean(self):
        cleaned = super().clean()
        try:
            product = self.instance.product
        except Product.DoesNotExist:
            product = None
        if product is not None:
            if cleaned.get("option2") and not product.variation2_name:
                self.add_error(
                    "option2",
                    _("Option 2 needs variation type 2 on the product (e.g. Ukuran)."),
                )
            if cleaned.get("option1") and not product.variation1_name:
                self.add_error(
                    "option1",
                    _("Option 1 needs variation type 1 on the product (e.g. Warna)."),
                )
            if not cleaned.get("sku") and product.sku:
                options = [cleaned.get("option1"), cleaned.get("option2")]
                suffix = "-".join(slugify(o).upper() for o in options if o)
                cleaned["sku"] = f"{product.sku}-{suffix}" if suffix else product.sku
                self.instance.sku = cleaned["sku"]
        if not cleaned.get("sku"):
            self.add_error("sku", _("Give the variant a SKU."))
        return cleaned


class StockCountForm(forms.Form):
    """Stock count (stok opname) of one product: the pieces counted per variant."""

    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        help_text=_("Why, e.g. “monthly stock count” or “2 pieces damaged”."),
    )

    def __init__(self, *args, variants, **kwargs):
        super().__init__(*args, **kwargs)
        self.variants = list(variants)
        for variant in self.variants:
            options = " / ".join(o for o in (variant.option1, variant.option2) if o)
            self.fields[self.field_name(variant)] = WholeNumberField(
                label=f"{options} ({variant.sku})" if options else variant.sku,
                required=False,
                min_value=0,
                max_value=MAX_STOCK,
                help_text=_("In stock now: %(stock)s. Empty: not counted.")
                % {"stock": variant.stock},
                error_messages={
                    "min_value": _(
                        "A count cannot be below 0; enter the pieces you counted."
                    ),
                },
            )
            # The stock shown when the page opened, to notice a sale meanwhile.
            self.fields[self.seen_name(variant)] = forms.IntegerField(
                required=False, initial=variant.stock, widget=forms.HiddenInput
            )
        self.order_fields([*(self.field_name(v) for v in self.variants), "note"])

    @staticmethod
    def field_name(variant: Variant) -> str:
        return f"counted_{variant.pk}"

    @staticmethod
    def seen_name(variant: Variant) -> str:
        return f"seen_{variant.pk}"

    def seen(self) -> dict[int, int]:
        return {
            variant.pk: self.cleaned_data[self.seen_name(variant)]
            for variant in self.variants
            if self.cleaned_data.get(self.seen_name(variant)) is not None
        }

    def variant_fields(self):
        return [(variant, self[self.field_name(variant)]) for variant in self.variants]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.counts():
            raise forms.ValidationError(
                _("Enter the counted pieces of at least one variant."),
                code="nothing_counted",
            )
        return cleaned

    def counts(self) -> list[tuple[Variant, int]]:
        return [
            (variant, self.cleaned_data[self.field_name(variant)])
            for variant in self.variants
            if self.cleaned_data.get(self.field_name(variant)) is not None
        ]


class ProductFilterForm(forms.Form):
    """The filters above the portal's product list (read from the address)."""

    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "class": "form-control",
                "placeholder": _("Name, SKU, material or colour"),
            }
        ),
    )
    kategori = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All categories"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *Status.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def filters(self) -> tuple[dict, list[str]]:
        """The filters that were understood, and the labels of those that were not."""
        self.is_valid()
        understood = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }
        return understood, [str(self.fields[name].label) for name in self.errors]
