"""The new-sale form picks products by search and photo, also without JavaScript."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from catalog.models import Availability, Category, Product, Status, Variant
from members.roles import Role
from sales.models import Sale, SaleLine
from sales.selectors.picker import PICKER_SIZE
from tests.catalog.factories import ProductFactory, add_photo, add_variant
from tests.conftest import with_token
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db

PICKER = "sales:product-picker"
# Session, user, her roles, the variants, their products' photos.
PICKER_QUERIES = 5


def t(message: str) -> str:
    """A message as the (Indonesian) page shows it."""
    with translation.override("id"):
        return gettext(message)


@pytest.fixture
def admin():
    return MemberFactory(role=Role.ADMIN)


@pytest.fixture
def admin_client(admin):
    client = Client()
    client.force_login(admin.user)
    return client


@pytest.fixture
def bag():
    product = ProductFactory(
        name="Tas Rajut Mawar", sku="HR-101", price=185_000, stock=5
    )
    add_photo(product, alt_text="Tas rajut mawar merah")
    return product


@pytest.fixture
def purse():
    return ProductFactory(name="Dompet Koin", sku="HR-202", price=45_000, stock=3)


def more_products(count: int) -> None:
    """``count`` plain products with one variant each, made in two queries."""
    category, _new = Category.objects.get_or_create(name="Lain-lain", slug="lain-lain")
    start = Product.objects.count()
    products = Product.objects.bulk_create(
        Product(
            name=f"Topi Rajut {start + i}",
            slug=f"topi-rajut-{start + i}",
            sku=f"HR-X{start + i:04d}",
            category=category,
            price=50_000,
            status=Status.PUBLISHED,
        )
        for i in range(count)
    )
    Variant.objects.bulk_create(
        Variant(product=product, sku=product.sku) for product in products
    )


def pick(client, query: str = ""):
    return client.get(reverse(PICKER), {"q": query})


def picked_ids(response) -> list[int]:
    return [
        int(pk) for pk in re.findall(r'data-pick="(\d+)"', response.content.decode())
    ]


def variant_of(product) -> Variant:
    return Variant.objects.get(product=product)


# The picker ---------------------------------------------------------------------


def test_picker_shows_name_sku_stock_price_and_photo(admin_client, bag, purse):
    response = pick(admin_client, "mawar")
    page = response.content.decode()
    assert response.status_code == 200
    assert picked_ids(response) == [variant_of(bag).pk]
    assert "Tas Rajut Mawar" in page
    assert "HR-101" in page
    assert "Rp 185.000" in page
    assert 'data-price="185000"' in page
    assert 'data-stock="5"' in page
    assert t("Ready stock: %(count)s") % {"count": 5} in page
    # The photo is offered at 320 px for the small thumbnail.
    assert "<picture>" in page
    assert re.search(r'srcset="[^"]+ 320w', page)
    assert "<button" in page
    assert "Dompet Koin" not in page


def test_picker_finds_by_sku_colour_and_several_words(admin_client, bag):
    red = add_variant(bag, option1="Merah", sku="HR-101-M", stock=1)
    add_variant(bag, option1="Biru", sku="HR-101-B", stock=1)
    assert picked_ids(pick(admin_client, "hr-101-m")) == [red.pk]
    assert picked_ids(pick(admin_client, "mawar merah")) == [red.pk]
    assert len(picked_ids(pick(admin_client, "tas rajut"))) == 3


def test_picker_lists_ready_stock_first_then_pre_order_then_sold_out(admin_client):
    sold_out = ProductFactory(name="Tas A Habis", stock=0)
    made_to_order = ProductFactory(
        name="Tas B Pesanan", availability=Availability.PREORDER, lead_time_days=7
    )
    ready = ProductFactory(name="Tas C Siap", stock=2)
    response = pick(admin_client, "tas")
    assert picked_ids(response) == [
        variant_of(ready).pk,
        variant_of(made_to_order).pk,
        variant_of(sold_out).pk,
    ]
    page = response.content.decode()
    assert t("Sold out") in page
    # A pre-order has no stock to run short of.
    pre_order_button = re.search(
        rf'<button[^>]*data-pick="{variant_of(made_to_order).pk}"[^>]*>', page
    ).group(0)
    assert "data-stock" not in pre_order_button


def test_picker_shows_at_most_twenty_and_says_to_type_more(admin_client):
    more_products(PICKER_SIZE + 5)
    response = pick(admin_client, "topi")
    assert len(picked_ids(response)) == PICKER_SIZE == 20
    assert (
        t("Only the first ones are shown: type more of the name or the SKU.")
        in response.content.decode()
    )


def test_picker_leaves_out_archived_products(admin_client, bag):
    Product.objects.filter(pk=bag.pk).update(status=Status.ARCHIVED)
    response = pick(admin_client, "mawar")
    assert picked_ids(response) == []
    assert "Tas Rajut Mawar" not in response.content.decode()


def test_picker_says_when_nothing_matches(admin_client, bag):
    response = pick(admin_client, "kaos kaki")
    assert picked_ids(response) == []
    assert "kaos kaki" in response.content.decode()


@pytest.mark.parametrize("count", [10, 500])
def test_picker_runs_the_same_queries_at_10_and_500_products(
    admin_client, bag, count, django_assert_num_queries
):
    more_products(count - 1)
    assert Product.objects.count() == count
    with django_assert_num_queries(PICKER_QUERIES):
        response = pick(admin_client, "rajut")
    assert variant_of(bag).pk in picked_ids(response)
    assert len(picked_ids(response)) == min(count, PICKER_SIZE)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TRAINER])
def test_picker_refuses_members_and_trainers(client, bag, role):
    client.force_login(MemberFactory(role=role).user)
    response = pick(client, "mawar")
    assert response.status_code == 403
    assert "Tas Rajut Mawar" not in response.content.decode()


def test_picker_sends_anonymous_visitors_to_the_login_page(client, bag):
    response = pick(client, "mawar")
    assert response.status_code == 302
    assert response.url.startswith(reverse("members:login"))


# The form's page ----------------------------------------------------------------


def sale_form_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("sales:sale-create"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_sale_form_queries_do_not_grow_with_the_products(admin_client, bag):
    more_products(9)
    few, small_page = sale_form_queries(admin_client)
    more_products(490)
    many, page = sale_form_queries(admin_client)
    assert few == many
    # No product is in the page; the picker fetches them.
    assert "Topi Rajut" not in page
    assert len(page) < len(small_page) + 100
    assert page.count("data-line>") == 2  # the one line and its template


# Without JavaScript: a SKU or name typed into the line ---------------------------

TODAY = timezone.localdate


def typed_sale(lines, **overrides) -> dict:
    """The form as a browser without JavaScript sends it: (typed text, qty) lines."""
    data = {
        "date": TODAY().isoformat(),
        "channel": "offline",
        "customer_name": "Bu Sri",
        "paid": "lunas",
        "discount": "0",
        "shipping_charged": "0",
        "marketplace_fee": "0",
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "30",
        "action": "post",
    }
    for index, (text, quantity) in enumerate(lines):
        data[f"lines-{index}-variant"] = ""
        data[f"lines-{index}-product"] = text
        data[f"lines-{index}-quantity"] = str(quantity)
        data[f"lines-{index}-unit_price"] = ""
    data.update(overrides)
    return data


def post_typed(client, lines, **overrides):
    return client.post(
        reverse("sales:sale-create"), with_token(typed_sale(lines, **overrides))
    )


def test_typed_sku_records_the_sale_and_takes_the_stock(admin_client, bag, purse):
    response = post_typed(admin_client, [("hr-101", 2), ("Dompet", 1)])
    sale = Sale.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("sales:sale-detail", args=[sale.pk])
    assert sorted(sale.lines.values_list("variant__sku", "quantity")) == [
        ("HR-101", 2),
        ("HR-202", 1),
    ]
    assert sale.total == 2 * 185_000 + 45_000
    assert variant_of(bag).stock == 3
    assert variant_of(purse).stock == 2


def test_typed_variant_sku_picks_that_variant(admin_client, bag):
    blue = add_variant(bag, option1="Biru", sku="HR-101-B", stock=2)
    post_typed(admin_client, [("HR-101-B", 1)])
    assert SaleLine.objects.get().variant == blue
    assert Variant.objects.get(pk=blue.pk).stock == 1


def test_typed_text_wins_over_an_earlier_choice(admin_client, bag, purse):
    data = typed_sale([("HR-202", 1)])
    data["lines-0-variant"] = str(variant_of(bag).pk)
    admin_client.post(reverse("sales:sale-create"), with_token(data))
    assert SaleLine.objects.get().variant == variant_of(purse)


def assert_refused_unchanged(response, bag):
    assert response.status_code == 400
    assert not Sale.objects.exists()
    assert not SaleLine.objects.exists()
    assert Variant.objects.get(sku="HR-101").stock == 5
    assert "Bu Sri" in response.content.decode()


def test_unknown_typed_product_is_refused_on_its_line(admin_client, bag):
    response = post_typed(admin_client, [("HR-999", 1)])
    assert_refused_unchanged(response, bag)
    line = response.context["formset"].forms[0]
    assert line.errors["product"] == [
        t("Product not found: “%(text)s”.") % {"text": "HR-999"}
    ]
    page = response.content.decode()
    assert t("Product not found: “%(text)s”.") % {"text": "HR-999"} in page
    # What was typed is still there to correct.
    assert 'value="HR-999"' in page


def test_archived_product_typed_is_not_found(admin_client, bag):
    Product.objects.filter(pk=bag.pk).update(status=Status.ARCHIVED)
    response = post_typed(admin_client, [("HR-101", 1)])
    assert_refused_unchanged(response, bag)
    assert "product_not_found" in {
        error.code
        for error in response.context["formset"].forms[0].errors.as_data()["product"]
    }


def test_ambiguous_typed_product_names_the_candidates(admin_client, bag):
    add_variant(bag, option1="Biru", sku="HR-101-B", stock=2)
    ProductFactory(name="Tas Rajut Pantai", sku="HR-303", stock=1)
    response = post_typed(admin_client, [("tas rajut", 1)])
    assert_refused_unchanged(response, bag)
    message = str(response.context["formset"].forms[0].errors["product"][0])
    names = (
        "Tas Rajut Mawar (HR-101), Tas Rajut Mawar – Biru (HR-101-B), "
        "Tas Rajut Pantai (HR-303)"
    )
    assert message == t("More than one product matches: %(names)s. Write its SKU.") % {
        "names": names
    }
    assert message in response.content.decode()


def test_product_sku_of_several_variants_asks_for_the_variant_sku(admin_client, bag):
    add_variant(bag, option1="Biru", sku="HR-101-B", stock=2)
    Variant.objects.filter(sku="HR-101").update(sku="HR-101-M", option1="Merah")
    response = post_typed(admin_client, [("HR-101", 1)])
    assert response.status_code == 400
    assert not Sale.objects.exists()
    errors = response.context["formset"].forms[0].errors.as_data()["product"]
    assert errors[0].code == "product_ambiguous"
    assert "HR-101-B" in str(response.context["formset"].forms[0].errors["product"])


def test_one_bad_line_saves_none_of_the_good_ones(admin_client, bag, purse):
    response = post_typed(admin_client, [("HR-202", 1), ("HR-999", 1)])
    assert_refused_unchanged(response, bag)
    assert variant_of(purse).stock == 3


def test_refused_form_shows_the_typed_product_as_chosen(admin_client, bag):
    response = post_typed(admin_client, [("HR-101", 9)])
    assert response.status_code == 400
    assert not Sale.objects.exists()
    page = response.content.decode()
    # Chosen: its id kept, the typed text replaced by the product, photo and all.
    assert f'name="lines-0-variant" value="{variant_of(bag).pk}"' in page
    assert 'name="lines-0-product" id="id_lines-0-product" value=""' in page
    chosen = page[page.index("data-chosen") : page.index("data-find")]
    assert "Tas Rajut Mawar" in chosen
    assert "<picture>" in chosen
    assert 'data-price="185000"' in chosen


def test_another_line_without_javascript_saves_nothing_and_keeps_the_form(
    admin_client, bag
):
    data = typed_sale([("", 1)], action="add-line", customer_name="Bu Sri")
    data["lines-0-variant"] = str(variant_of(bag).pk)
    data["lines-0-quantity"] = "2"
    response = admin_client.post(reverse("sales:sale-create"), with_token(data))
    assert response.status_code == 200
    assert not Sale.objects.exists()
    formset = response.context["formset"]
    assert len(formset.forms) == 2
    page = response.content.decode()
    assert 'name="lines-TOTAL_FORMS" value="2"' in page
    assert 'name="lines-0-quantity" value="2"' in page
    assert "Tas Rajut Mawar" in page
    assert "Bu Sri" in page
    assert 'class="alert alert-danger"' not in page


def test_another_line_at_the_most_lines_keeps_every_line(admin_client, bag):
    data = typed_sale([("HR-101", index + 1) for index in range(30)])
    data["action"] = "add-line"
    response = admin_client.post(reverse("sales:sale-create"), with_token(data))
    assert response.status_code == 200
    assert not Sale.objects.exists()
    page = response.content.decode()
    assert len(response.context["formset"].forms) == 30
    assert 'name="lines-29-quantity" value="30"' in page
    assert 'value="add-line"' not in page
