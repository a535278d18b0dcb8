"""Every limit and allowed value of the three feeds, in one table, each with its source.

The feed builders cut to these limits, the checks report against them and the
tests validate every row with them, so a limit is changed here and nowhere else.
Where a platform's own page could not be read, the comment says so and the value
is the stricter of what was found.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    """One column or element of a feed."""

    required: bool = False
    max_length: int | None = None
    allowed: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class FeedSpec:
    name: str
    fields: dict[str, Field]
    # The smallest main photo the platform takes, in pixels (0: no minimum).
    image_min_width: int = 0
    image_min_height: int = 0
    additional_images_max: int = 0
    extra: dict[str, object] = field(default_factory=dict)


CURRENCY = "IDR"
# "150000 IDR": whole Rupiah, a space, the ISO 4217 code (both platforms' format).
PRICE_PATTERN = r"^[1-9][0-9]* IDR$"

# --- Meta (Facebook and Instagram) catalog, CSV data feed ---------------------
# https://developers.facebook.com/docs/marketing-api/catalog/reference
# https://developers.facebook.com/docs/commerce-platform/catalog/fields
# Meta's own feed template lists availability as "in stock, available for order,
# preorder, out of stock, discontinued":
# https://lookaside.facebook.com/developers/resources/?id=catalog_country_feed_template.csv
META_IN_STOCK = "in stock"
META_OUT_OF_STOCK = "out of stock"
# Made-to-order pieces: Meta's documented pre-order value.
META_PREORDER = "preorder"
META = FeedSpec(
    name="meta",
    fields={
        "id": Field(required=True, max_length=100),
        "title": Field(required=True, max_length=200),
        # Plain text, no HTML tags or entities.
        "description": Field(required=True, max_length=9999),
        "availability": Field(
            required=True, allowed=(META_IN_STOCK, META_OUT_OF_STOCK, META_PREORDER)
        ),
        "condition": Field(required=True, allowed=("new",)),
        "price": Field(required=True),
        "link": Field(required=True),
        "image_link": Field(required=True),
        # Up to 20 more photos, comma separated, 2000 characters in all.
        "additional_image_link": Field(max_length=2000),
        "brand": Field(required=True, max_length=100),
        # https://developers.facebook.com/docs/commerce-platform/catalog/quantity-to-sell
        "quantity_to_sell_on_facebook": Field(),
        # https://developers.facebook.com/docs/marketing-api/catalog/product-variants
        "item_group_id": Field(max_length=100),
        "color": Field(max_length=200),
        "size": Field(max_length=200),
        "material": Field(max_length=200),
        "pattern": Field(max_length=100),
    },
    # Commerce Manager asks for at least 500 × 500 px; smaller photos are taken
    # for ads, so a smaller photo is a warning here, not a reason to leave out.
    image_min_width=500,
    image_min_height=500,
    additional_images_max=20,
)

# --- Google Merchant Center, RSS 2.0 with the g: namespace ---------------------
# Product data specification: https://support.google.com/merchants/answer/7052112
# XML feeds: https://support.google.com/merchants/answer/160589
GOOGLE_NAMESPACE = "http://base.google.com/ns/1.0"
GOOGLE_IN_STOCK = "in_stock"
GOOGLE_OUT_OF_STOCK = "out_of_stock"
# https://support.google.com/merchants/answer/6324448: a pre-order needs an
# availability_date (https://support.google.com/merchants/answer/6324470),
# ISO 8601 with its time zone, at most 25 characters.
GOOGLE_PREORDER = "preorder"
GOOGLE = FeedSpec(
    name="google",
    fields={
        "id": Field(required=True, max_length=50),
        "title": Field(required=True, max_length=150),
        "description": Field(required=True, max_length=5000),
        "link": Field(required=True, max_length=2000),
        "image_link": Field(required=True, max_length=2000),
        "additional_image_link": Field(max_length=2000),
        "availability": Field(
            required=True,
            allowed=(GOOGLE_IN_STOCK, GOOGLE_OUT_OF_STOCK, GOOGLE_PREORDER),
        ),
        "availability_date": Field(max_length=25),
        "price": Field(required=True),
        # https://support.google.com/merchants/answer/6324351
        "brand": Field(required=True, max_length=70),
        # https://support.google.com/merchants/answer/6324478: handmade goods have
        # no GTIN or MPN.
        "identifier_exists": Field(required=True, allowed=("no",)),
        "condition": Field(required=True, allowed=("new",)),
        # https://support.google.com/merchants/answer/6324507
        "item_group_id": Field(max_length=50),
        # https://support.google.com/merchants/answer/6324487
        "color": Field(max_length=100),
        # https://support.google.com/merchants/answer/6324492
        "size": Field(max_length=100),
        # https://support.google.com/merchants/answer/6324410
        "material": Field(max_length=200),
        # https://support.google.com/merchants/answer/6324483
        "pattern": Field(max_length=100),
    },
    # https://support.google.com/merchants/answer/6324350: the minimum rises to
    # 500 × 500 px; photos under it are not sent.
    image_min_width=500,
    image_min_height=500,
    # https://support.google.com/merchants/answer/6324370: up to 10 more photos.
    additional_images_max=10,
)

# --- Shopee Indonesia, mass upload "Template Dasar" (basic template) ----------
# Seller Centre > Produk Saya > Upload Massal > Download Template > Template Dasar.
# Shopee's help pages (https://seller.shopee.co.id/edu/) could not be read from
# here; the column set and order are those of the Indonesian basic template of
# 2026 as public exporters write it (43 columns, data from row 7). Values that
# could not be confirmed are the stricter ones found and say so.
SHOPEE_DATA_ROW = 7
# Unconfirmed: 255 is also quoted; 100 is what many shops are held to, and what
# catalog.descriptions warns about.
SHOPEE_NAME_MAX = 100
# Unconfirmed: 3000 is the limit every source agrees on.
SHOPEE_DESCRIPTION_MAX = 3000
# "Nama Variasi" at most 14 characters, "Varian" at most 20 (template's hints as
# quoted by exporters; unconfirmed).
SHOPEE_VARIATION_NAME_MAX = 14
SHOPEE_OPTION_MAX = 20
SHOPEE_VARIATION_TYPES_MAX = 2
# Cover photo plus "Foto Produk 1" to "Foto Produk 8".
SHOPEE_PHOTOS_MAX = 9
# Price range quoted as Rp 99 to Rp 150.000.000 (unconfirmed): the stricter
# minimum is kept; the portal's own maximum (Rp 100.000.000) is lower anyway.
SHOPEE_PRICE_MIN = 100
SHOPEE_PRICE_MAX = 150_000_000
SHOPEE_STOCK_MAX = 10_000_000
# Weight in grams, whole numbers, as the product form in Seller Centre asks for
# it (unconfirmed for the sheet: one exporter writes kilograms; check the hint
# row of the template you download).
SHOPEE_WEIGHT_MIN = 1
SHOPEE_WEIGHT_MAX = 500_000
# "Dikirim Dalam Pre-order": days to ship a pre-order. Shopee counts a listing as
# pre-order above its normal handling time and allows at most 30 days (Shopee's
# pre-order policy as quoted for its regions; unconfirmed for Indonesia). A
# shorter lead time is raised to the minimum: shipping earlier than promised is
# fine, later is not.
SHOPEE_PREORDER_DAYS_MIN = 7
SHOPEE_PREORDER_DAYS_MAX = 30
# Shopee sells a pre-order only while it has stock: made-to-order variants offer
# this many pieces at a time when their counted stock is lower.
SHOPEE_PREORDER_STOCK = 5
SHOPEE_NOT_DANGEROUS = "No (ID)"
SHOPEE_CHANNEL_ON = "Aktif"

# (field key as in the template's row 1, header as in its row 3, required)
SHOPEE_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("ps_category", "Kategori", True),
    ("ps_product_name", "Nama Produk", True),
    ("ps_product_description", "Deskripsi Produk", True),
    ("ps_maximum_purchase_quantity", "Maks. Jumlah Pembelian", False),
    (
        "ps_maximum_purchase_quantity_start_date",
        "Maks. Jumlah Pembelian - Tanggal Mulai",
        False,
    ),
    (
        "ps_maximum_purchase_quantity_time_period",
        "Maks. Jumlah Pembelian - Jumlah Hari",
        False,
    ),
    (
        "ps_maximum_purchase_quantity_end_date",
        "Maks. Jumlah Pembelian - Tanggal Berakhir",
        False,
    ),
    ("ps_minimum_purchase_quantity", "Min. Jumlah Pembelian", False),
    ("ps_sku_parent_short", "SKU Induk", False),
    ("ps_dangerous_goods", "Produk Berbahaya", False),
    ("et_title_variation_integration_no", "Kode Integrasi Variasi", False),
    ("et_title_variation_1", "Nama Variasi 1", False),
    ("et_title_option_for_variation_1", "Varian untuk Variasi 1", False),
    ("et_title_image_per_variation", "Foto Produk per Varian", False),
    ("et_title_variation_2", "Nama Variasi 2", False),
    ("et_title_option_for_variation_2", "Varian untuk Variasi 2", False),
    ("ps_price", "Harga", True),
    ("ps_stock", "Stok", True),
    ("ps_sku_short", "Kode Variasi", False),
    ("ps_new_size_chart", "Template Panduan Ukuran", False),
    ("et_title_size_chart", "Foto Panduan Ukuran", False),
    ("ps_gtin_code", "GTIN", False),
    ("ps_item_cover_image", "Foto Sampul", True),
    *((f"ps_item_image_{n}", f"Foto Produk {n}", False) for n in range(1, 9)),
    ("ps_weight", "Berat", True),
    ("ps_length", "Panjang", False),
    ("ps_width", "Lebar", False),
    ("ps_height", "Tinggi", False),
    # Shipping channels differ from shop to shop; Reguler is switched on, the
    # rest is left to the shop's own settings.
    ("channel_id.8001", "Same Day", False),
    ("channel_id.8002", "Next Day", False),
    ("channel_id.8003", "Reguler (Cashless)", False),
    ("channel_id.8005", "Hemat Kargo", False),
    ("channel_id.8007", "Instant", False),
    ("channel_id.8008", "Instant Prioritas", False),
    ("ps_product_pre_order_dts", "Dikirim Dalam Pre-order", False),
    ("et_title_reason", "Alasan Gagal", False),
)
SHOPEE_KEYS = tuple(key for key, _header, _required in SHOPEE_COLUMNS)
SHOPEE = FeedSpec(
    name="shopee",
    fields={
        # Shopee's sheet marks it optional, but a listing needs its category;
        # without one the portal leaves the product out.
        "ps_category": Field(required=True, max_length=12),
        "ps_product_name": Field(required=True, max_length=SHOPEE_NAME_MAX),
        "ps_product_description": Field(
            required=True, max_length=SHOPEE_DESCRIPTION_MAX
        ),
        "ps_sku_parent_short": Field(max_length=100),
        "et_title_variation_integration_no": Field(max_length=100),
        "et_title_variation_1": Field(max_length=SHOPEE_VARIATION_NAME_MAX),
        "et_title_option_for_variation_1": Field(max_length=SHOPEE_OPTION_MAX),
        "et_title_variation_2": Field(max_length=SHOPEE_VARIATION_NAME_MAX),
        "et_title_option_for_variation_2": Field(max_length=SHOPEE_OPTION_MAX),
        "ps_price": Field(required=True),
        "ps_stock": Field(required=True),
        "ps_sku_short": Field(max_length=100),
        "ps_item_cover_image": Field(required=True),
        "ps_weight": Field(required=True),
        "ps_dangerous_goods": Field(allowed=(SHOPEE_NOT_DANGEROUS,)),
        "channel_id.8003": Field(allowed=(SHOPEE_CHANNEL_ON,)),
    },
    additional_images_max=SHOPEE_PHOTOS_MAX - 1,
)

SPEC: dict[str, FeedSpec] = {"meta": META, "google": GOOGLE, "shopee": SHOPEE}
