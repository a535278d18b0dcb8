"""Each role's main portal pages on small phones: they fit, a finger can hit
every target, and axe-core finds nothing serious (see portal_checks.py).

One browser context per role and phone size; the role's pages are visited in
turn and a failure lists every page and element that broke a rule.
"""

import io
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import DescriptionTemplate, ListingChannel
from members.roles import Role
from production.models import ProductionTarget
from production.services import hand_in_accept, hand_in_reject
from sales.models import ExpenseCategory, SalesChannel
from sales.services import payment_record
from storefront.orders.services import order_request_create
from tests.catalog.factories import add_photo, add_variant, jpeg_bytes
from tests.e2e.conftest import log_in
from tests.e2e.portal_checks import SIZES, page_problems, report
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate
from tests.sales.factories import record_expense, record_sale
from tests.storefront.shop import published, shop_settings
from tests.training.factories import (
    AttendanceFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TrainingSessionFactory,
)
from training.models import AttendanceStatus

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Portal:
    """The rows the pages are about, by primary key."""

    product: int
    variant: int
    knitter: int
    session: int
    posted_sale: int
    draft_sale: int
    expense: int
    waiting_hand_in: int
    accepted_hand_in: int
    order: int


def build_portal() -> Portal:
    """A co-op a few weeks into the month: every page has rows to show."""
    today = timezone.localdate()
    shop_settings()
    admin = MemberFactory(role=Role.ADMIN, username="pengurus", full_name="Bu Siti")
    trainer = MemberFactory(role=Role.TRAINER, username="pelatih")
    sri = MemberFactory(username="sri", full_name="Sri Wahyuni")
    ani = MemberFactory(username="ani", full_name="Ani Rahmawati")

    bag = published(name="Tas Rajut Selempang", variation1_name="Warna", stock=4)
    bag.variants.update(option1="Merah marun")
    add_photo(bag, alt_text="Tas rajut selempang, tampak samping", colour=(40, 90, 160))
    add_variant(bag, option1="Biru dongker", stock=2)
    purse = published(name="Dompet Koin Bunga", price=35_000, stock=3)
    for product in (bag, purse):
        set_rate(product, 15_000)
    bag.makers.add(sri)
    for channel in ListingChannel.values:
        DescriptionTemplate.objects.create(
            channel=channel,
            title="{nama} – Rajutan Tangan",
            body="{nama}\nHarga: {harga}\nBahan: {bahan}\nUkuran: {ukuran}\n{tagar}",
        )

    photo = {"photo": io.BytesIO(jpeg_bytes(800, 600))}
    accepted = make_hand_in(member=sri, product=bag, quantity=3, days_ago=5, **photo)
    hand_in_accept(hand_in=accepted, grade="A", reviewed_by=admin.user)
    rejected = make_hand_in(member=sri, product=purse, quantity=1, days_ago=4)
    hand_in_reject(
        hand_in=rejected, reason="Jahitan kurang rapi", reviewed_by=admin.user
    )
    waiting = make_hand_in(
        member=sri,
        product=bag,
        quantity=2,
        note="Warna merah",
        photo=io.BytesIO(jpeg_bytes(800, 600)),
    )
    make_hand_in(member=ani, product=purse, quantity=4)

    posted = record_sale(
        user=admin.user,
        day=today,
        channel=SalesChannel.WHATSAPP,
        lines=[(bag, 1), (purse, 1, 30_000)],
        customer_name="Bu Ratna",
        customer_whatsapp="6281234500001",
        due_date=today + timedelta(days=7),
    )
    payment_record(sale=posted, amount=50_000, date=today, recorded_by=admin.user)
    draft = record_sale(
        user=admin.user,
        day=today,
        channel=SalesChannel.SHOPEE,
        lines=[(bag, 1)],
        post=False,
        marketplace_fee=7_500,
    )
    record_sale(
        user=admin.user,
        day=today - timedelta(days=35),
        channel="offline",
        lines=[(purse, 1)],
    )
    expense = record_expense(
        user=admin.user,
        day=today,
        category=ExpenseCategory.YARN,
        amount=120_000,
        note="Benang katun susu 6 gulung",
    )
    record_expense(
        user=admin.user,
        day=today,
        category=ExpenseCategory.SHIPPING,
        amount=18_000,
        post=False,
    )

    session = TrainingSessionFactory(
        topic="Latihan tas selempang", date=today - timedelta(days=2)
    )
    session.trainers.add(trainer)
    AttendanceFactory(session=session, member=sri)
    AttendanceFactory(session=session, member=ani, status=AttendanceStatus.LATE)
    skill = SkillFactory(name="Rantai dan tusuk tunggal")
    SkillAssessmentFactory(member=sri, skill=skill, level=3, date=today - timedelta(30))
    SkillAssessmentFactory(member=sri, skill=skill, level=4)
    SkillFactory(name="Merapikan jahitan")

    month = date(today.year, today.month, 1)
    ProductionTarget.objects.create(month=month, product=bag, quantity=10)
    ProductionTarget.objects.create(month=month, product=purse, member=sri, quantity=5)

    order = order_request_create(
        variant=bag.variants.order_by("pk")[0],
        name="Siti Aminah",
        whatsapp="6281234567890",
        quantity=2,
        note="Untuk kado ulang tahun.",
    )
    return Portal(
        product=bag.pk,
        variant=bag.variants.order_by("pk")[0].pk,
        knitter=sri.pk,
        session=session.pk,
        posted_sale=posted.pk,
        draft_sale=draft.pk,
        expense=expense.pk,
        waiting_hand_in=waiting.pk,
        accepted_hand_in=accepted.pk,
        order=order.pk,
    )


def url(name, *args):
    return lambda portal: reverse(name, args=[getattr(portal, arg) for arg in args])


# The main pages of each role, visited in turn in one browser context.
PAGES = {
    "member": {
        "home": url("portal:home"),
        "my history": url("portal:my-history"),
        "my hand-in": url("production:hand-in-detail", "waiting_hand_in"),
        "profile": url("members:profile"),
        "password change": url("members:password-change"),
        "password changed": url("members:password-change-done"),
        "hand-in chooser": url("production:submit-choose"),
        "hand-in form": url("production:submit", "product"),
    },
    "trainer": {
        "home": url("portal:home"),
        "production targets": url("production:targets"),
        "sessions": url("training:session-list"),
        "session": url("training:session-detail", "session"),
        "attendance": url("training:session-attendance", "session"),
        "assessment form": url("training:assessment-create", "knitter"),
        "progress list": url("training:progress-list"),
        "member progress": url("portal:member-progress", "knitter"),
        "training reports": url("training:reports"),
    },
    "admin": {
        "home": url("portal:home"),
        "sales": url("sales:sale-list"),
        "posted sale": url("sales:sale-detail", "posted_sale"),
        "draft sale": url("sales:sale-detail", "draft_sale"),
        "expenses": url("sales:expense-list"),
        "new expense": url("sales:expense-create"),
        "expense": url("sales:expense-detail", "expense"),
        "wages": url("sales:wages"),
        "products": url("catalog:product-list"),
        "product": url("catalog:product-detail", "product"),
        "product photos": url("catalog:product-photos", "product"),
        "stock card": url("catalog:stock-card", "variant"),
        "stock count": url("catalog:stock-count", "product"),
        "quality review": url("production:review"),
        "waiting hand-in": url("production:hand-in-detail", "waiting_hand_in"),
        "accepted hand-in": url("production:hand-in-detail", "accepted_hand_in"),
        "production targets": url("production:targets"),
        "shop orders": url("shop-admin:order-list"),
        "shop order": url("shop-admin:order-detail", "order"),
        "feed check": url("shop-admin:feed-check"),
        "new sale": url("sales:sale-create"),
        "summary report": url("sales:reports"),
        "channels report": url("sales:report-channels"),
        "products report": url("sales:report-products"),
        "makers report": url("sales:report-makers"),
        "receivables report": url("sales:report-receivables"),
    },
}
USERS = {"member": "sri", "trainer": "pelatih", "admin": "pengurus"}


@pytest.mark.parametrize("size", SIZES, ids=str)
@pytest.mark.parametrize("role", list(PAGES))
def test_main_pages_fit_a_small_phone_and_pass_axe(phone, role_groups, role, size):
    portal = build_portal()
    phone.set_viewport_size(size.viewport)
    log_in(phone, USERS[role])
    problems = {}
    for name, path_of in PAGES[role].items():
        path = path_of(portal)
        problems[f"{name} ({path}, {size})"] = page_problems(phone, path, size.width)
    if any(problems.values()):
        pytest.fail("\n" + report(problems), pytrace=False)


CHECKED_PAGE = """<!doctype html><html lang="id"><head><title>Uji</title></head><body>
<main>
  <h1>Uji</h1>
  <button style="height: 30px">Simpan</button>
  <p>Lihat <a href="/a/" style="font-size: 12px">halaman upah</a> dulu.</p>
  <nav><a href="/b/">← Kembali</a></nav>
  <p>Anggota sejak 2020 · <a href="/w/"
     style="display: inline-block; min-height: 24px; line-height: 24px">WhatsApp</a></p>
  <div style="position: relative; height: 60px">
    <a href="/c/" id="card" style="position: static">Kartu</a>
    <style>#card::after { content: ""; position: absolute; inset: 0; }</style>
  </div>
  <input id="nameless">
  <div style="width: 500px">lebar</div>
</main></body></html>"""


def test_the_checks_name_each_element_that_breaks_a_rule(browser):
    from tests.e2e.portal_checks import axe_problems, layout_problems

    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.set_content(CHECKED_PAGE)
        layout = layout_problems(page, 360)
        axe = axe_problems(page)
    finally:
        context.close()
    assert layout[0] == "scrolls sideways: scrollWidth 508 > 360"
    small = [line for line in layout if line.startswith("button/standalone")]
    assert any("<button" in line and "(30 px)" in line for line in small), layout
    assert any("← Kembali" in line for line in small), layout
    tiny = [line for line in layout if line.startswith("tap target < 24 px")]
    assert any("halaman upah" in line for line in tiny), layout
    # A link in a sentence needs 24 px only, also an inline-block one.
    assert not any("WhatsApp" in line for line in layout), layout
    # The card's link covers its 60 px card: big enough.
    assert not any("Kartu" in line for line in layout), layout
    assert any(line.startswith("axe label (critical)") for line in axe), axe
