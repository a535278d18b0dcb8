"""A session's photo: the shared stored shape, shown on its pages, and moved rows."""

from datetime import date, time

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from core.photos import process_photo
from core.storage import photo_store
from tests.training.factories import TrainingSessionFactory, jpeg_upload
from training import services
from training.models import Kind, Level, SessionPhoto, TrainingSession

pytestmark = pytest.mark.django_db


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def create_session(trainer, **overrides):
    values = {
        "topic": "Pelatihan dasar",
        "date": date(2026, 3, 7),
        "start_time": time(9, 0),
        "end_time": time(12, 0),
        "location": "Balai Desa Kalikajar",
        "trainers": [trainer],
        "level": Level.BEGINNER,
        "kind": Kind.WORKSHOP,
        "created_by": trainer.user,
    }
    values.update(overrides)
    return services.session_create(**values)


def update_session(session, **overrides):
    values = {
        "session": session,
        "topic": "Pelatihan lanjutan",
        "date": session.date,
        "start_time": session.start_time,
        "end_time": session.end_time,
        "location": session.location,
    }
    values.update(overrides)
    return services.session_update(**values)


def test_session_photo_keeps_only_the_original_and_a_640_px_jpeg(trainer, _media_root):
    # 1200 px: wide enough for a share JPEG, which a session's photo does not keep.
    session = create_session(trainer, photo=jpeg_upload(width=1200, height=800))
    photo = SessionPhoto.objects.get(session=session)
    assert photo.rendition("share") is None
    assert photo.rendition("webp") is None
    assert photo.renditions == [
        {
            "kind": "jpeg",
            "width": 640,
            "height": 427,
            "name": photo.renditions[0]["name"],
        }
    ]
    assert (photo.width, photo.height) == (1200, 800)
    assert len(stored_files(_media_root)) == 2


def test_changing_a_session_without_a_new_photo_keeps_the_photo(trainer):
    session = create_session(trainer, photo=jpeg_upload())
    names = session.photo.file_names()
    update_session(TrainingSession.objects.get(pk=session.pk))
    assert TrainingSession.objects.get(pk=session.pk).photo.file_names() == names
    assert all(default_storage.exists(name) for name in names)


def test_failing_to_save_the_photo_row_keeps_no_new_files(
    trainer, monkeypatch, _media_root
):
    session = create_session(trainer)

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(SessionPhoto, "save", broken_save)
    with pytest.raises(RuntimeError):
        update_session(session, photo=jpeg_upload())
    assert stored_files(_media_root) == []
    assert TrainingSession.objects.get(pk=session.pk).topic == "Pelatihan dasar"


def test_deleting_a_session_removes_its_photo_files_once_committed(
    trainer, django_capture_on_commit_callbacks
):
    session = create_session(trainer, photo=jpeg_upload())
    names = session.photo.file_names()
    with django_capture_on_commit_callbacks(execute=True):
        TrainingSession.objects.get(pk=session.pk).delete()
    assert not SessionPhoto.objects.exists()
    assert not any(default_storage.exists(name) for name in names)


def test_session_page_shows_the_jpeg_linked_to_the_original(client, trainer):
    session = create_session(trainer, photo=jpeg_upload())
    photo = session.photo
    client.force_login(trainer.user)
    page = client.get(session.get_absolute_url()).content.decode()
    small = default_storage.url(photo.rendition("jpeg")["name"])
    assert f'<a href="{photo.original.url}"><img src="{small}"' in page
    # JPEG only: no WebP source with an empty srcset.
    assert 'type="image/webp"' not in page


def test_session_photo_files_on_disk_are_the_original_and_the_jpeg_only(
    trainer, _media_root
):
    session = create_session(trainer, photo=jpeg_upload(width=1600, height=1200))
    photo = SessionPhoto.objects.get(session=session)
    assert [(r["kind"], r["width"]) for r in photo.renditions] == [("jpeg", 640)]
    on_disk = [str(p.relative_to(_media_root)) for p in stored_files(_media_root)]
    assert sorted(on_disk) == sorted(photo.file_names())
    assert len(on_disk) == 2


def test_session_form_shows_the_photo_a_new_one_replaces(client, trainer):
    session = create_session(trainer, photo=jpeg_upload())
    client.force_login(trainer.user)
    page = client.get(reverse("training:session-edit", args=[session.pk]))
    small = default_storage.url(session.photo.rendition("jpeg")["name"])
    assert f'src="{small}"' in page.content.decode()


def test_session_without_a_photo_shows_none(client, trainer):
    session = TrainingSessionFactory(created_by=trainer.user)
    client.force_login(trainer.user)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "session-photo" not in page


# The migration that moves the old photo fields into rows ---------------------

BEFORE = [("training", "0003_skills")]
AFTER = [("training", "0004_session_photo")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_schema(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def old_session(apps, **fields):
    from tests.training.factories import UserFactory

    return apps.get_model("training", "TrainingSession").objects.create(
        topic="Pelatihan dasar",
        date="2025-03-07",
        start_time="09:00",
        end_time="12:00",
        location="Balai Desa",
        created_by_id=UserFactory().pk,
        **fields,
    )


def test_migration_moves_old_photos_into_rows_and_back(old_schema):
    stored = photo_store(
        processed=process_photo(jpeg_upload(width=1000, height=750)),
        folder="training/photos",
        kinds=("jpeg",),
    )
    small = stored.renditions[0]["name"]
    with_photo = old_session(old_schema, photo=stored.original, photo_small=small)
    without = old_session(old_schema)

    apps = migrate(AFTER)
    Photo = apps.get_model("training", "SessionPhoto")
    moved = Photo.objects.get(session_id=with_photo.pk)
    assert moved.original.name == stored.original
    assert (moved.width, moved.height) == (1000, 750)
    assert moved.renditions == [
        {"kind": "jpeg", "width": 640, "height": 480, "name": small}
    ]
    assert not Photo.objects.filter(session_id=without.pk).exists()

    apps = migrate(BEFORE)
    back = apps.get_model("training", "TrainingSession").objects.get(pk=with_photo.pk)
    assert (back.photo.name, back.photo_small.name) == (stored.original, small)
