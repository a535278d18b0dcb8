"""Demo people for development: an admin, a trainer and a few members."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.catalog import seed_catalog
from demo.exports_data import seed_exports
from demo.production import seed_production
from demo.sales import seed_sales
from demo.shop import seed_shop
from demo.training import seed_training
from members.models import Member
from members.phone import normalize_whatsapp
from members.roles import Role
from members.services import member_create, member_update_account

# Development only: seed_demo refuses to run with DEBUG off.
DEMO_PASSWORD = "rajut-demo-2026"

DEMO_PEOPLE = [
    # username, role, full name, WhatsApp as typed, village
    ("pengurus", Role.ADMIN, "Bu Siti Rahayu", "0812-2700-1001", "Kalikajar"),
    ("pelatih", Role.TRAINER, "Bu Endang Lestari", "0813-2700-1002", "Kaligondang"),
    ("sri", Role.MEMBER, "Sri Wahyuni", "0857-2700-1003", "Kalikajar"),
    ("wati", Role.MEMBER, "Wati Susanti", "+62 858 2700 1004", "Kalikajar"),
    ("ani", Role.MEMBER, "Ani Rahmawati", "0821-2700-1005", "Kalikajar"),
    ("yuni", Role.MEMBER, "Yuni Astuti", "0822-2700-1006", "Penaruban"),
]


class Command(BaseCommand):
    help = "Create demo logins and data for development (refuses when DEBUG is off)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has users.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs in development (DEBUG on): its passwords are "
                "public. Create real accounts in the admin instead."
            )
        user_model = get_user_model()
        if options["if_empty"] and user_model.objects.exists():
            self.stdout.write("Database already has users; demo data not loaded.")
            return
        with transaction.atomic():
            for username, role, full_name, whatsapp, village in DEMO_PEOPLE:
                self._person(username, role, full_name, whatsapp, village)
            seed_catalog()
            seed_production()
            seed_training()
            seed_sales()
            seed_shop()
            seed_exports()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready. Log in as pengurus, pelatih or sri with the "
                f"password {DEMO_PASSWORD}."
            )
        )

    def _person(self, username, role, full_name, whatsapp, village) -> Member:
        existing = Member.objects.filter(user__username=username).first()
        if existing:
            member_update_account(member=existing, role=role)
            return existing
        return member_create(
            username=username,
            password=DEMO_PASSWORD,
            full_name=full_name,
            role=role,
            whatsapp=normalize_whatsapp(whatsapp),
            village=village,
            address=f"Desa {village}, Purbalingga, Jawa Tengah",
        )
