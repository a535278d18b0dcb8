import io
from datetime import time

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from PIL import Image

from tests.members.factories import MemberFactory
from training.models import (
    Attendance,
    AttendanceStatus,
    Skill,
    SkillAssessment,
    TrainingSession,
)


class UserFactory(factory.django.DjangoModelFactory):
    """A bare login, for who created or recorded something."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"pencatat{n}")


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    topic = factory.Sequence(lambda n: f"Latihan rajut {n}")
    date = factory.LazyFunction(timezone.localdate)
    start_time = time(9, 0)
    end_time = time(12, 0)
    location = "Balai Desa Kalikajar"
    created_by = factory.SubFactory(UserFactory)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(TrainingSessionFactory)
    member = factory.SubFactory(MemberFactory)
    status = AttendanceStatus.PRESENT


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Keterampilan {n}")


class SkillAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillAssessment

    member = factory.SubFactory(MemberFactory)
    skill = factory.SubFactory(SkillFactory)
    level = 3
    assessor = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(timezone.localdate)


def jpeg_upload(name="sesi.jpg", width=900, height=600) -> io.BytesIO:
    image = Image.new("RGB", (width, height), (122, 46, 79))
    exif = image.getexif()
    exif[0x8825] = {2: (7.0, 22.0, 0.0)}  # a GPS position that must not survive
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, exif=exif)
    buffer.seek(0)
    buffer.name = name
    return buffer
