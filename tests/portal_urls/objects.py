"""An object of the database for each address that names one, and its address."""

from dataclasses import dataclass, field
from functools import cached_property

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from catalog.models import DescriptionTemplate, StockMovement
from exports.models import DocumentKind, ShipmentDocument, SkaForm
from members.roles import Role
from production.models import ProductionTarget
from storefront.models import ShopeeCategory, ShopSettings
from storefront.orders.services import order_request_create
from tests.catalog.factories import add_photo
from tests.exports.factories import add_documents, add_line, make_shipment
from tests.exports.factories_realisation import imported_rows
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in, set_rate
from tests.sales.factories import record_expense, record_sale
from tests.storefront.shop import published
from tests.training.factories import (
    AttendanceFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TrainingSessionFactory,
)

# The objects the addresses name ----------------------------------------------------

ANONYMOUS, OTHER_MEMBER, TRAINER = "anonymous", "other member", "trainer"


@dataclass
class Target:
    """An object an address names: the address's values and text that gives it away."""

    values: dict
    text: str
    # Who besides an admin may see it; the others must get nothing.
    open_to: frozenset = field(default_factory=frozenset)


class World:
    """Two members, a trainer and an admin, and their records, made when first asked."""

    @cached_property
    def member_a(self):
        return MemberFactory(role=Role.MEMBER, full_name="Sumirah Rahasiawati")

    @cached_property
    def member_b(self):
        return MemberFactory(role=Role.MEMBER, full_name="Tukinem Lain")

    @cached_property
    def trainer(self):
        return MemberFactory(role=Role.TRAINER, full_name="Bu Pelatih Suci")

    @cached_property
    def admin(self):
        return MemberFactory(role=Role.ADMIN, full_name="Bu Pengurus Ani")

    @cached_property
    def product(self):
        # Published: the shop's order form takes only what is on sale.
        product = published(photo=False, stock=5, name="Tas Rajut Rahasia Kenanga")
        set_rate(product, 12345)
        return product

    @cached_property
    def variant(self):
        return self.product.variants.all()[0]

    @cached_property
    def photo(self):
        return add_photo(self.product, alt_text="Tas rajut rahasia")

    @cached_property
    def hand_in(self):
        return make_hand_in(
            member=self.member_a,
            product=self.product,
            quantity=3,
            note="Benangnya rahasia Sumirah",
        )

    @cached_property
    def session(self):
        session = TrainingSessionFactory(
            topic="Latihan Rahasia Tusuk Melati", created_by=self.trainer.user
        )
        AttendanceFactory(session=session, member=self.member_a)
        return session

    @cached_property
    def sale(self):
        return record_sale(
            user=self.admin.user,
            day=timezone.localdate(),
            channel="whatsapp",
            lines=[(self.product, 1)],
            post=False,
            customer_name="Pembeli Rahasia Wulan",
        )

    @cached_property
    def expense(self):
        return record_expense(
            user=self.admin.user,
            day=timezone.localdate(),
            category="yarn",
            amount=987654,
            post=False,
            note="Benang rahasia dari Bandung",
        )

    @cached_property
    def shipment(self):
        return make_shipment(by=self.admin.user, invoice_number="INV/RAHASIA/0042")

    @cached_property
    def line(self):
        return add_line(self.shipment, by=self.admin.user)

    @cached_property
    def document(self):
        add_documents(self.shipment, by=self.admin.user, kinds=[DocumentKind.INVOICE])
        return ShipmentDocument.objects.get(shipment=self.shipment)

    @cached_property
    def order(self):
        return order_request_create(
            variant=self.variant,
            name="Pemesan Rahasia Lestari",
            whatsapp="6281299988877",
            quantity=1,
        )


def _shipment(w: World) -> Target:
    return Target({"pk": w.shipment.pk}, w.shipment.invoice_number)


def _line(w: World) -> Target:
    return Target({"pk": w.line.pk}, w.shipment.invoice_number)


def _product(w: World) -> Target:
    return Target({"pk": w.product.pk}, w.product.sku)


def _hand_in(w: World) -> Target:
    return Target({"pk": w.hand_in.pk}, w.hand_in.note)


def _session(w: World) -> Target:
    return Target({"pk": w.session.pk}, w.session.topic, frozenset({TRAINER}))


def _sale(w: World) -> Target:
    return Target({"pk": w.sale.pk}, w.sale.customer_name)


def _expense(w: World) -> Target:
    return Target({"pk": w.expense.pk}, w.expense.note)


def _order(w: World) -> Target:
    return Target({"pk": w.order.pk}, w.order.name)


# Every address that names an object: what object it names, for whom it is.
# A new page that takes an id needs an entry here, or the checks below fail.
ID_TARGETS = {
    "catalog:product-detail": _product,
    "catalog:product-photos": lambda w: Target({"pk": w.product.pk}, w.product.name),
    "catalog:product-status": _product,
    "catalog:stock-count": _product,
    "catalog:stock-card": lambda w: Target({"pk": w.variant.pk}, w.product.sku),
    "catalog:photo-action": lambda w: Target(
        {"pk": w.photo.pk, "action": "delete"}, "Tas rajut rahasia"
    ),
    # Members hand in pieces of any product; the page names only the product.
    "production:submit": lambda w: Target(
        {"product_pk": w.product.pk},
        w.product.name,
        frozenset({OTHER_MEMBER, TRAINER}),
    ),
    "production:hand-in-detail": lambda w: Target(
        {"pk": w.hand_in.pk}, w.hand_in.note, frozenset({TRAINER})
    ),
    "production:review-accept": _hand_in,
    "production:review-reject": _hand_in,
    "training:session-detail": _session,
    "training:session-edit": _session,
    "training:session-attendance": _session,
    "training:assessment-create": lambda w: Target(
        {"pk": w.member_a.pk}, w.member_a.full_name, frozenset({TRAINER})
    ),
    "portal:member-progress": lambda w: Target(
        {"pk": w.member_a.pk}, w.member_a.full_name, frozenset({TRAINER})
    ),
    "sales:sale-detail": _sale,
    "sales:sale-post": _sale,
    "/keuangan/penjualan/<int:pk>/posting/": _sale,
    "sales:sale-reverse": _sale,
    "sales:payment-create": _sale,
    "sales:sale-delete": _sale,
    "sales:expense-detail": _expense,
    "sales:expense-post": _expense,
    "/keuangan/pengeluaran/<int:pk>/posting/": _expense,
    "sales:expense-reverse": _expense,
    "exports:shipment-detail": _shipment,
    "exports:shipment-update": _shipment,
    "exports:line-create": _shipment,
    "exports:line-update": _line,
    "exports:line-delete": _line,
    "exports:document-upload": lambda w: Target(
        {"pk": w.shipment.pk, "kind": DocumentKind.INVOICE},
        w.shipment.invoice_number,
    ),
    "exports:document-download": lambda w: Target(
        # The paper's own text, as add_documents writes it.
        {"pk": w.document.pk},
        f"({DocumentKind.INVOICE}) Tj",
    ),
    "exports:ska-form": _shipment,
    "exports:ska-ready": _shipment,
    "exports:ska-draft": _shipment,
    "exports:ska-submit": _shipment,
    "exports:ska-verify": _shipment,
    "exports:ska-issue": _shipment,
    "exports:ska-reject": _shipment,
    "exports:ska-reopen": _shipment,
    "shop-admin:order-detail": _order,
    "shop-admin:order-convert": _order,
    "shop-admin:order-close": _order,
    # The shop's own order form: for every visitor, the variant is on sale.
    "shop:order": lambda w: Target(
        {"variant_id": w.variant.pk},
        w.product.name,
        frozenset({ANONYMOUS, OTHER_MEMBER, TRAINER}),
    ),
}

# The admin site's pages name a row of a model: one maker per registered model.
ADMIN_OBJECTS = {
    "axes.accessattempt": lambda w: apps.get_model(
        "axes", "AccessAttempt"
    ).objects.create(username="rahasia", ip_address="10.0.0.9", failures_since_start=1),
    "axes.accesslog": lambda w: apps.get_model("axes", "AccessLog").objects.create(
        username="rahasia", ip_address="10.0.0.9"
    ),
    "axes.accessfailurelog": lambda w: apps.get_model(
        "axes", "AccessFailureLog"
    ).objects.create(username="rahasia", ip_address="10.0.0.9"),
    "members.member": lambda w: w.member_a,
    "auth.user": lambda w: w.member_a.user,
    "auth.group": lambda w: Group.objects.get(name=Role.ADMIN),
    "catalog.category": lambda w: w.product.category,
    "catalog.product": lambda w: w.product,
    "catalog.descriptiontemplate": lambda w: DescriptionTemplate.objects.create(
        channel="whatsapp", body="Templat rahasia {harga}"
    ),
    "catalog.stockmovement": lambda w: StockMovement.objects.filter(
        variant=w.variant
    ).first(),
    "production.piecerate": lambda w: w.product.piece_rates.first(),
    "production.handin": lambda w: w.hand_in,
    "production.productiontarget": lambda w: ProductionTarget.objects.create(
        month=timezone.localdate().replace(day=1),
        product=w.product,
        member=w.member_a,
        quantity=7,
    ),
    "training.trainingsession": lambda w: w.session,
    "training.attendance": lambda w: w.session.attendances.first(),
    "training.skill": lambda w: SkillFactory(name="Tusuk rahasia"),
    "training.skillassessment": lambda w: SkillAssessmentFactory(
        member=w.member_a,
        skill=SkillFactory(name="Tusuk rahasia"),
        assessor=w.trainer.user,
    ),
    "sales.sale": lambda w: w.sale,
    "sales.expense": lambda w: w.expense,
    "storefront.shopsettings": lambda w: ShopSettings.load(),
    "storefront.shopeecategory": lambda w: ShopeeCategory.objects.create(
        category=w.product.category, shopee_category_id="100999"
    ),
    "storefront.orderrequest": lambda w: w.order,
    "exports.shipment": lambda w: w.shipment,
    "exports.skaapplication": lambda w: w.shipment.ska,
    "exports.buyer": lambda w: w.shipment.buyer,
    "exports.skaform": lambda w: SkaForm.objects.first(),
    "exports.realisationimport": lambda w: imported_rows([]),
}

# Values for the parameters that do not name an object.
OTHER_VALUES = {
    "action": "up",
    "kind": DocumentKind.INVOICE,
    "table": "sesi",
    "app_label": "sales",
    "url": "tidak-ada/",
    "slug": "tidak-ada",
    "signed": "tidak-ada",
    "path": "tidak-ada.jpg",
}


def admin_model(route) -> str | None:
    """The model an admin page of a row is about: "sales.sale" of admin/sales/sale/."""
    if route.namespace != "admin":
        return None
    parts = route.pattern.split("/")
    if len(parts) > 3 and parts[1].isidentifier() and parts[2].isidentifier():
        return f"{parts[1]}.{parts[2]}"
    return None


def target_for(route, world: World) -> Target | None:
    """The object ``route`` names, made now; None for an address without an id."""
    if not route.takes_id:
        return None
    if route.label in ID_TARGETS:
        return ID_TARGETS[route.label](world)
    if route.name == "admin:view_on_site":
        product = world.product
        content_type = ContentType.objects.get_for_model(product)
        return Target(
            {"content_type_id": content_type.pk, "object_id": product.pk},
            product.sku,
        )
    model = admin_model(route)
    if model in ADMIN_OBJECTS:
        row = ADMIN_OBJECTS[model](world)
        assert row is not None, f"the maker for {model} made nothing"
        key = "id" if "<id>" in route.pattern else "object_id"
        return Target({key: row.pk}, str(row))
    pytest.fail(f"add a factory for {route.label} to ID_TARGETS in {__name__}")


def url_for(route, world: World) -> tuple[str, Target | None]:
    target = target_for(route, world)
    values = {**OTHER_VALUES, **(target.values if target else {})}
    values = {name: values.get(name, 1) for name in route.params}
    return route.url(values), target
