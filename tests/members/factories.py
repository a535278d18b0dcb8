import factory

from members.models import Member
from members.roles import Role
from members.services import member_create

# Nothing like a name the factories make (the similarity rule would refuse it).
PASSWORD = "7712-benang-0909"


class MemberFactory(factory.Factory):
    """Members made through the same service the admin uses."""

    class Meta:
        model = Member

    username = factory.Sequence(lambda n: f"anggota{n}")
    password = PASSWORD
    full_name = factory.Faker("name", locale="id_ID")
    role = Role.MEMBER
    whatsapp = factory.Sequence(lambda n: f"6281234{n:05d}")
    village = "Kalikajar"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return member_create(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Members are created with member_create.")
