"""The Shopee mass-upload sheet in the columns of Shopee's "Template Dasar".

One row per variant, as Shopee's template has it; a product with several
variants repeats its name and photos on every row and ties them together with
its SKU as "Kode Integrasi Variasi". Rows start at row 7, as in the template
that Seller Centre hands out, so they can be copied into it as they are.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from catalog.models import DescriptionTemplate, Product

from . import spec
from .checks import (
    shopee_check,
    shopee_description,
    shopee_name,
    shopee_option_key,
    shopee_preorder_days,
    shopee_template,
    shopee_variations,
)
from .common import Links, cut, is_multi, photos_for, plain_text, shopee_category_id

SHEET_TITLE = "Template"
KEY_ROW, NOTE_ROW, HEADER_ROW, REQUIRED_ROW, HINT_ROW = 1, 2, 3, 4, 5
HINTS = {
    "ps_category": "ID kategori Shopee",
    "ps_price": "Rupiah",
    "ps_weight": "gram",
    "ps_product_pre_order_dts": "hari",
}
HEADER_FILL = PatternFill("solid", fgColor="F3ECE7")


def shopee_rows(
    products: list[Product], links: Links, template: DescriptionTemplate | None
) -> list[dict[str, object]]:
    rows = []
    for product in products:
        check = shopee_check(product, template)
        if check.left_out:
            continue
        name = cut(shopee_name(product, template), spec.SHOPEE_NAME_MAX)
        description = cut(
            shopee_description(product, template), spec.SHOPEE_DESCRIPTION_MAX
        )
        photos = [links.image(p) for p in photos_for(product)][: spec.SHOPEE_PHOTOS_MAX]
        multi = is_multi(product)
        variations = shopee_variations(product) if multi else []
        preorder_days = shopee_preorder_days(product)
        category = shopee_category_id(product)
        for variant in product.variants.all():
            if not check.includes(variant):
                continue
            stock = min(variant.stock, spec.SHOPEE_STOCK_MAX)
            if product.is_preorder:
                stock = max(stock, spec.SHOPEE_PREORDER_STOCK)
            row: dict[str, object] = {
                "ps_category": int(category),
                "ps_product_name": name,
                "ps_product_description": description,
                "ps_sku_parent_short": product.sku,
                "ps_dangerous_goods": spec.SHOPEE_NOT_DANGEROUS,
                "ps_price": variant.price,
                "ps_stock": stock,
                "ps_sku_short": plain_text(variant.sku, one_line=True),
                "ps_item_cover_image": photos[0],
                "ps_weight": product.weight_grams,
                "channel_id.8003": spec.SHOPEE_CHANNEL_ON,
            }
            for number, url in enumerate(photos[1:], start=1):
                row[f"ps_item_image_{number}"] = url
            if multi:
                row["et_title_variation_integration_no"] = product.sku
                options = shopee_option_key(product, variant)
                for number, ((_slot, type_name), option) in enumerate(
                    zip(variations, options, strict=True), start=1
                ):
                    row[f"et_title_variation_{number}"] = cut(
                        type_name, spec.SHOPEE_VARIATION_NAME_MAX
                    )
                    row[f"et_title_option_for_variation_{number}"] = option
            if preorder_days is not None:
                row["ps_product_pre_order_dts"] = preorder_days
            rows.append(row)
    return rows


def shopee_workbook(products: list[Product], links: Links) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    bold = Font(bold=True)
    for index, (key, header, required) in enumerate(spec.SHOPEE_COLUMNS, start=1):
        for row, value in (
            (KEY_ROW, key),
            (HEADER_ROW, header),
            (REQUIRED_ROW, "Wajib" if required else "Opsional"),
            (HINT_ROW, HINTS.get(key, "")),
        ):
            cell = sheet.cell(row=row, column=index, value=value)
            cell.data_type = "s"
        heading = sheet.cell(row=HEADER_ROW, column=index)
        heading.font = bold
        heading.fill = HEADER_FILL
        heading.alignment = Alignment(wrap_text=True, vertical="top")
        width = 48 if key == "ps_product_description" else max(12, len(header) + 2)
        sheet.column_dimensions[heading.column_letter].width = min(width, 48)
    note = sheet.cell(
        row=NOTE_ROW,
        column=1,
        value=_(
            "Hira Rajut: copy rows %(row)s and below into the Template Dasar "
            "downloaded from Shopee Seller Centre."
        )
        % {"row": spec.SHOPEE_DATA_ROW},
    )
    note.data_type = "s"
    note.font = Font(italic=True)
    template = shopee_template()
    for offset, values in enumerate(shopee_rows(products, links, template)):
        for index, key in enumerate(spec.SHOPEE_KEYS, start=1):
            value = values.get(key)
            if value in (None, ""):
                continue
            cell = sheet.cell(row=spec.SHOPEE_DATA_ROW + offset, column=index)
            cell.value = value
            if isinstance(value, str):
                # Never a formula, whatever a product's name starts with.
                cell.data_type = "s"
    sheet.freeze_panes = sheet.cell(row=spec.SHOPEE_DATA_ROW, column=3)
    return book


def shopee_xlsx(products: list[Product], links: Links) -> bytes:
    buffer = io.BytesIO()
    shopee_workbook(products, links).save(buffer)
    return buffer.getvalue()
