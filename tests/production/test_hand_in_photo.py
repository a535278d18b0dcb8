"""A hand-in's photo: one stored shape, its files go with it, and the old rows move."""

import io

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from core.photos import process_photo
from core.storage import photo_store
from members.roles import Role
from production.models import HandIn, HandInPhoto
from tests.catalog.factories import ProductFactory, jpeg_bytes
from tests.members.factories import MemberFactory
from tests.production.factories import make_hand_in

pytestmark = pytest.mark.django_db


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def test_hand_in_photo_is_stored_in_the_shared_shape():
    hand_in = make_hand_in(photo=io.BytesIO(jpeg_bytes(800, 600)))
    photo = HandIn.objects.get(pk=hand_in.pk).photo
    assert photo.original.name.startswith("production/hand-ins/")
    assert (photo.width, photo.height) == (800, 600)
    assert {r["kind"] for r in photo.renditions} == {"webp", "jpeg"}
    assert all(default_storage.exists(name) for name in photo.file_names())
    with translation.override("en"):
        assert photo.alt_text == "Hand-in photo"


def test_hand_in_without_a_photo_has_no_photo_row():
    hand_in = make_hand_in()
    assert not HandInPhoto.objects.filter(hand_in=hand_in).exists()
    assert getattr(HandIn.objects.get(pk=hand_in.pk), "photo", None) is None


def test_failing_to_save_the_photo_row_keeps_neither_hand_in_nor_files(
    monkeypatch, _media_root
):
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(HandInPhoto, "save", broken_save)
    with pytest.raises(RuntimeError):
        make_hand_in(photo=io.BytesIO(jpeg_bytes(320, 240)))
    assert not HandIn.objects.exists()
    assert stored_files(_media_root) == []


def test_deleting_a_hand_in_removes_its_photo_files_once_committed(
    django_capture_on_commit_callbacks, _media_root
):
    hand_in = make_hand_in(photo=io.BytesIO(jpeg_bytes(320, 240)))
    names = hand_in.photo.file_names()
    with django_capture_on_commit_callbacks(execute=True):
        hand_in.delete()
    assert not HandInPhoto.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_admin_shows_the_hand_in_photo_in_the_list_and_on_its_page(client):
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    with_photo = make_hand_in(photo=io.BytesIO(jpeg_bytes(320, 240)))
    make_hand_in()
    small = default_storage.url(with_photo.photo.rendition("jpeg")["name"])
    listing = client.get(reverse("admin:production_handin_changelist"))
    assert listing.content.decode().count(f'<img src="{small}"') == 1
    page = client.get(reverse("admin:production_handin_change", args=[with_photo.pk]))
    assert f'<img src="{small}"' in page.content.decode()


# The migration that moves the old photo fields into rows ---------------------

BEFORE = [("production", "0003_rename_handin")]
AFTER = [("production", "0004_hand_in_photo")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_schema(transactional_db, role_groups):
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def old_hand_in(apps, **fields):
    """A hand-in row as the old schema kept it, without the services."""
    member = MemberFactory()
    product = ProductFactory(stock=0)
    return apps.get_model("production", "HandIn").objects.create(
        member_id=member.pk,
        product_id=product.pk,
        variant_id=product.variants.get().pk,
        quantity=2,
        made_on="2024-05-01",
        submitted_by_id=member.user_id,
        **fields,
    )


def test_migration_moves_old_photos_into_rows_and_back(old_schema):
    stored = photo_store(
        processed=process_photo(io.BytesIO(jpeg_bytes(900, 600))),
        folder="production/hand-ins",
    )
    with_photo = old_hand_in(
        old_schema, photo_original=stored.original, photo_renditions=stored.renditions
    )
    missing_file = old_hand_in(
        old_schema,
        photo_original="production/hand-ins/gone.jpg",
        photo_renditions=[
            {"kind": "webp", "width": 320, "height": 240, "name": "a.webp"},
            {"kind": "webp", "width": 1280, "height": 960, "name": "b.webp"},
        ],
    )
    without = old_hand_in(old_schema)

    apps = migrate(AFTER)
    Photo = apps.get_model("production", "HandInPhoto")
    moved = Photo.objects.get(hand_in_id=with_photo.pk)
    assert moved.original.name == stored.original
    assert (moved.width, moved.height) == (900, 600)
    assert moved.renditions == stored.renditions
    assert moved.uploaded_at == with_photo.submitted_at
    # The file is gone: the size of the largest rendition is the best guess.
    guessed = Photo.objects.get(hand_in_id=missing_file.pk)
    assert (guessed.width, guessed.height) == (1280, 960)
    assert not Photo.objects.filter(hand_in_id=without.pk).exists()

    apps = migrate(BEFORE)
    back = apps.get_model("production", "HandIn").objects.get(pk=with_photo.pk)
    assert back.photo_original.name == stored.original
    assert back.photo_renditions == stored.renditions
