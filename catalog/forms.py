from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.photos import PHOTO_ACCEPT

from .models import Product, ProductPhoto, Status, Variant


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


class VariantInlineForm(forms.ModelForm):
    class Meta:
        model = Variant
        fields = ["option1", "option2", "sku", "price_override", "stock", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sku"].required = False
        self.fields["sku"].help_text = _("Left empty: made from the product's SKU.")

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
