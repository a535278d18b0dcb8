import pytest

from members.roles import Role
from tests.e2e.conftest import screenshot
from tests.members.factories import PASSWORD, MemberFactory
from training.models import Attendance, TrainingSession

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(phone, username: str, next_url: str) -> None:
    phone.goto(f"/masuk/?next={next_url}")
    phone.fill("#id_username", username)
    phone.fill("#id_password", PASSWORD)
    phone.click("main form button[type=submit]")
    phone.wait_for_url(f"**{next_url}")


def test_trainer_records_a_session_and_ticks_11_members_present(phone, role_groups):
    trainer = MemberFactory(role=Role.TRAINER, username="pelatih")
    knitters = [MemberFactory(full_name=f"Peserta {n:02d}") for n in range(1, 12)]
    MemberFactory(full_name="Tidak Datang")

    log_in(phone, "pelatih", "/pelatihan/")
    phone.click("a[href='/pelatihan/sesi/baru/']")
    phone.wait_for_url("**/pelatihan/sesi/baru/")
    phone.fill("#id_topic", "Pelatihan dasar merajut")
    phone.fill("#id_location", "Balai Desa Kalikajar")
    phone.fill("#id_start_time", "09:00")
    phone.fill("#id_end_time", "12:00")
    # The trainer is ticked as the session's trainer already.
    assert phone.is_checked(f"input[name=trainers][value='{trainer.pk}']")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.click("main form button[type=submit]")

    # Saving the session leads straight to its attendance list.
    phone.wait_for_url("**/pelatihan/sesi/*/absensi/")
    session = TrainingSession.objects.get()
    assert list(session.trainers.all()) == [trainer]
    for knitter in knitters:
        label = phone.locator(f"label[for='s-{knitter.pk}-present']")
        box = label.bounding_box()
        assert box["height"] >= 44
        label.click()
        assert phone.is_checked(f"#s-{knitter.pk}-present")
    assert (
        phone.locator("#att-summary")
        .inner_text()
        .startswith(phone.locator("label.st-present").first.inner_text())
    )
    assert "11" in phone.locator("#att-summary").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.evaluate("window.scrollTo(0, 0)")
    screenshot(phone, "training-attendance")

    phone.click("button[name=action][value=save]")
    phone.wait_for_url(f"**/pelatihan/sesi/{session.pk}/")
    assert Attendance.objects.filter(session=session, status="present").count() == 11
    assert Attendance.objects.filter(session=session).count() == 11
    assert phone.locator(".att-done li").count() == 11
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "training-session-detail")


def test_trainer_adds_a_newcomer_on_the_spot(phone, role_groups):
    trainer = MemberFactory(role=Role.TRAINER, username="pelatih")
    sri = MemberFactory(full_name="Sri Wahyuni")
    from tests.training.factories import TrainingSessionFactory

    session = TrainingSessionFactory(created_by=trainer.user)
    url = f"/pelatihan/sesi/{session.pk}/absensi/"
    log_in(phone, "pelatih", url)

    phone.click(f"label[for='s-{sri.pk}-late']")
    phone.fill("#id_new-full_name", "Rina Marlina")
    phone.fill("#id_new-whatsapp", "0812 2700 2001")
    phone.click("button[name=action][value=add-member]")
    phone.wait_for_url(f"**{url}#member-*")

    rina = session.attendances.get(member__full_name="Rina Marlina").member
    assert phone.is_checked(f"#s-{rina.pk}-present")
    assert phone.is_checked(f"#s-{sri.pk}-late")
    assert dict(session.attendances.values_list("member__full_name", "status")) == {
        "Sri Wahyuni": "late",
        "Rina Marlina": "present",
    }
    # The filter finds her among the others.
    phone.fill("#att-filter", "rina")
    assert phone.locator(f"#member-{rina.pk}").is_visible()
    assert not phone.locator(f"#member-{sri.pk}").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
