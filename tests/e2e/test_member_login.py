import pytest
from django.core.management import call_command

from demo.management.commands.seed_demo import DEMO_PASSWORD
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_data(settings, role_groups):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False


def test_member_logs_in_switches_to_english_and_logs_out(phone, demo_data):
    # The phone asks for English (locale en-US); the portal still starts Indonesian.
    # She comes in through the shop's footer link.
    phone.goto("/")
    phone.get_by_role("link", name="Portal anggota").click()
    phone.wait_for_url("**/masuk/**")
    assert phone.title() == "Masuk · Hira Rajut"
    phone.get_by_label("Nama pengguna").fill("sri")
    phone.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    phone.get_by_role("button", name="Masuk").click()

    phone.wait_for_url("**/portal/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Halo, Sri Wahyuni"
    assert phone.get_by_text("Anda masuk sebagai Anggota.").is_visible()
    assert phone.get_by_role("link", name="Profil saya").is_visible()
    assert phone.get_by_role("link", name="Kelola anggota").count() == 0
    # Nothing overflows the narrow screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "member-home-id")

    phone.get_by_role("button", name="English").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", level=1).inner_text() == "Hello, Sri Wahyuni"
    assert phone.get_by_role("link", name="My profile").is_visible()
    screenshot(phone, "member-home-en")

    phone.get_by_role("button", name="Log out").click()
    phone.wait_for_url("**/masuk/")
    assert phone.title() == "Log in · Hira Rajut"
    phone.goto("/portal/")
    assert "/masuk/" in phone.url


def test_wrong_password_says_so_in_indonesian(phone, demo_data):
    phone.goto("/masuk/")
    phone.get_by_label("Nama pengguna").fill("sri")
    phone.get_by_label("Kata sandi").fill("bukan-sandinya")
    phone.get_by_role("button", name="Masuk").click()
    phone.wait_for_load_state()
    assert (
        phone.get_by_role("alert")
        .inner_text()
        .startswith("Nama pengguna atau kata sandi salah.")
    )
    assert phone.get_by_label("Nama pengguna").input_value() == "sri"
