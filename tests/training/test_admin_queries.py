"""The training session's admin page runs the same queries however many came."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.roles import Role
from tests.members.factories import MemberFactory
from tests.training.factories import AttendanceFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def session_with(rows: int):
    session = TrainingSessionFactory()
    session.trainers.set([MemberFactory(role=Role.TRAINER) for _ in range(2)])
    for n in range(rows):
        AttendanceFactory(session=session, status="late" if n % 3 else "present")
    return session


def change_url(session) -> str:
    return reverse("admin:training_trainingsession_change", args=[session.pk])


@pytest.fixture
def admin_client(client):
    client.force_login(MemberFactory(role=Role.ADMIN).user)
    # A first page fills the per-process caches (content types) once.
    assert client.get(change_url(session_with(1))).status_code == 200
    return client


def test_session_change_page_queries_do_not_grow_with_attendance(
    admin_client, django_assert_num_queries
):
    few, many = session_with(3), session_with(30)
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(change_url(few)).status_code == 200
    with django_assert_num_queries(len(queries)):
        response = admin_client.get(change_url(many))
    assert response.status_code == 200
    assert response.content.decode().count('class="field-status"') >= 30
