"""The co-op's admins (not superusers) keep the shop's settings and categories."""

import pytest
from django.urls import reverse

from members.roles import Role
from storefront.models import ShopeeCategory, ShopSettings
from tests.catalog.factories import CategoryFactory
from tests.members.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pengurus(client, role_groups):
    member = MemberFactory(role=Role.ADMIN)
    client.force_login(member.user)
    return client


def test_an_admin_finds_the_shop_settings_on_her_home_page(pengurus):
    page = pengurus.get(reverse("portal:home")).content.decode()
    assert "Pengaturan toko" in page
    assert reverse("admin:storefront_shopsettings_changelist") in page


def test_an_admin_saves_the_shop_settings(pengurus):
    add = pengurus.get(reverse("admin:storefront_shopsettings_changelist"))["Location"]
    response = pengurus.post(
        add, {"whatsapp": "0812 2500 1122", "instagram_url": "instagram.com/hirarajut"}
    )
    assert response.status_code == 302
    shop = ShopSettings.load()
    assert shop.whatsapp == "6281225001122"
    assert shop.instagram_url == "https://instagram.com/hirarajut"


def test_an_admin_gives_a_category_its_shopee_id_and_a_bad_one_is_refused(pengurus):
    category = CategoryFactory(name="Dompet")
    url = reverse("admin:storefront_shopeecategory_add")
    response = pengurus.post(
        url, {"category": category.pk, "shopee_category_id": "12ab"}
    )
    assert response.status_code == 200
    assert "ID kategori Shopee berupa angka" in response.content.decode()
    assert not ShopeeCategory.objects.exists()
    pengurus.post(url, {"category": category.pk, "shopee_category_id": "100644"})
    assert ShopeeCategory.objects.get().shopee_category_id == "100644"


def test_a_member_cannot_open_the_shop_settings(client, role_groups):
    member = MemberFactory(role=Role.MEMBER)
    client.force_login(member.user)
    response = client.get(reverse("admin:storefront_shopsettings_changelist"))
    assert response.status_code == 302
    assert "Pengaturan toko" not in client.get(reverse("portal:home")).content.decode()
