"""The demo shop: its settings, picks, a product in two colours, makers who agreed."""

from catalog.models import Category, Product, StockReason, Variant
from catalog.stock import stock_add
from members.models import Member
from members.phone import normalize_whatsapp
from storefront.models import ShopeeCategory, ShopSettings

# Shopee Indonesia category ids of the demo categories (as set in Seller Centre).
SHOPEE_CATEGORIES = {
    "tas-rajut": "100643",
    "dompet": "100644",
    "gantungan-kunci": "100659",
    "sepatu-rajut": "100582",
    "topi-syal": "100547",
}


def seed_shop() -> None:
    shop = ShopSettings.load()
    if not shop.whatsapp:
        shop.whatsapp = "6281225001122"
        shop.instagram_url = "https://www.instagram.com/hirarajut.purbalingga/"
        shop.shopee_url = "https://shopee.co.id/hirarajut"
        shop.tagline = (
            "Sejak 2011 ibu-ibu Kelompok Hira Rajut di Kalikajar, Purbalingga, "
            "merajut tas, dompet, topi dan aksesoris dengan tangan, satu per satu."
        )
        shop.about_text = (
            "Hira Rajut adalah kelompok perajin rajut perempuan di Desa Kalikajar, "
            "Kecamatan Kaligondang, Kabupaten Purbalingga, Jawa Tengah, berdiri "
            "sejak 2011.\n\nSetiap produk dirajut dengan tangan oleh anggota kami "
            "dan diperiksa kerapiannya sebelum dikirim. Pesanan dalam jumlah besar "
            "dan pre-order warna khusus kami terima."
        )
        shop.address = "Desa Kalikajar RT 02/RW 01\nKaligondang, Purbalingga 53391"
        shop.save()

    Product.objects.filter(sku__in=["HR-001", "HR-002", "HR-004", "HR-009"]).update(
        featured=True
    )
    # Saved through save(): the shop's pages follow the change.
    for product in Product.objects.filter(sku__in=["HR-001", "HR-011"]):
        product.shopee_url = f"https://shopee.co.id/product/{product.sku.lower()}"
        product.save(update_fields=["shopee_url", "updated_at"])

    rose = Product.objects.filter(sku="HR-001").first()
    if rose is not None and not Variant.objects.filter(sku="HR-001-BIRU").exists():
        rose.variation1_name = "Warna"
        rose.save(update_fields=["variation1_name", "updated_at"])
        Variant.objects.filter(sku="HR-001").update(option1="Merah")
        blue = Variant.objects.create(
            product=rose, sku="HR-001-BIRU", option1="Biru", position=1
        )
        stock_add(variant_id=blue.pk, quantity=2, reason=StockReason.OPENING)

    for member in Member.objects.filter(products_made__isnull=False).distinct():
        member.show_name_in_shop = True
        member.save(update_fields=["show_name_in_shop", "updated_at"])

    for category in Category.objects.filter(slug__in=SHOPEE_CATEGORIES):
        ShopeeCategory.objects.get_or_create(
            category=category,
            defaults={"shopee_category_id": SHOPEE_CATEGORIES[category.slug]},
        )
    seed_order_requests()


def seed_order_requests() -> None:
    """Two customers' requests from the shop's form, waiting for an answer."""
    from storefront.orders.services import order_request_create

    if Variant.objects.filter(order_requests__isnull=False).exists():
        return
    for sku, name, whatsapp, quantity, note in (
        ("HR-003", "Dewi Anggraini", "081327654321", 2, "Warna hijau tua, untuk kado."),
        ("HR-001-BIRU", "Rina Kusuma", "085600112233", 1, ""),
    ):
        variant = Variant.objects.filter(sku=sku).select_related("product").first()
        if variant is not None:
            order_request_create(
                variant=variant,
                name=name,
                whatsapp=normalize_whatsapp(whatsapp),
                quantity=quantity,
                note=note,
            )
