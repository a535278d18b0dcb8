"""A trainer in the village hall: "All present", then save, on a small phone."""

import pytest

from members.roles import Role
from tests.e2e.conftest import screenshot
from tests.members.factories import PASSWORD, MemberFactory
from tests.training.factories import TrainingSessionFactory
from training.models import Attendance

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [(360, 740), (320, 640)]

# Every sticky or fixed box on screen, and how much of the height it covers.
STICKY_HEIGHT = """() => {
  let total = 0;
  for (const el of document.querySelectorAll("body *")) {
    const position = getComputedStyle(el).position;
    if (position !== "sticky" && position !== "fixed") continue;
    const box = el.getBoundingClientRect();
    const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
    if (bottom > top && box.width > 0) total += bottom - top;
  }
  return total;
}"""

# Status buttons poking out of the screen, or whose word does not fit inside.
CLIPPED_BUTTONS = """() => [...document.querySelectorAll(".seg-status label")]
  .filter(label => {
    const box = label.getBoundingClientRect();
    return box.left < 0 || box.right > innerWidth
      || label.scrollWidth > label.clientWidth + 1;
  })
  .map(label => label.htmlFor)"""


@pytest.fixture
def small_phone(browser, live_server, request):
    """A fresh phone page at the size asked for; fails on any console error."""
    width, height, javascript = request.param
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
        base_url=live_server.url,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"browser console errors: {errors}"


def open_attendance(page, session) -> None:
    url = session.get_attendance_url()
    page.goto(f"/masuk/?next={url}")
    page.fill("#id_username", "pelatih")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**{url}")


def check_layout(page) -> None:
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(CLIPPED_BUTTONS) == []
    page.locator(".att-row").first.scroll_into_view_if_needed()
    for label in page.locator(".att-row").first.locator("label").all():
        box = label.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert box["y"] >= 0 and box["y"] + box["height"] <= height
        assert box["height"] >= 44
    # Halfway down the list the save bar is stuck to the bottom.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    sticky = page.evaluate(STICKY_HEIGHT)
    assert 0 < sticky <= 0.15 * height, f"sticky bars {sticky}px of {height}px"
    bar = page.locator(".save-bar").bounding_box()
    assert bar["y"] + bar["height"] <= height + 0.5


def make_the_session():
    trainer = MemberFactory(
        role=Role.TRAINER, username="pelatih", full_name="Bu Endang"
    )
    MemberFactory(role=Role.ADMIN, full_name="Bu Siti Pengurus")
    knitters = [
        MemberFactory(full_name=f"Peserta Pelatihan {n:02d}", password=None)
        for n in range(1, 12)
    ]
    session = TrainingSessionFactory(created_by=trainer.user, topic="Merajut dompet")
    return trainer, knitters, session


@pytest.mark.parametrize(
    "small_phone", [(w, h, True) for w, h in SIZES], indirect=True, ids=["360", "320"]
)
def test_all_present_in_two_taps(small_phone, role_groups):
    page = small_phone
    trainer, knitters, session = make_the_session()
    open_attendance(page, session)
    width = page.viewport_size["width"]

    # Eleven knitters listed; not the trainer, not the admin.
    assert page.locator(".att-row").count() == 11
    assert page.locator(f"input[name=status-{trainer.pk}]").count() == 0
    check_layout(page)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"training-all-present-{width}-before")

    page.locator("#att-all-present").click()  # tap 1
    for knitter in knitters:
        assert page.is_checked(f"#s-{knitter.pk}-present")
    assert "11" in page.locator("#att-summary").inner_text()
    screenshot(page, f"training-all-present-{width}-ticked")
    page.locator("button[name=action][value=save]").click()  # tap 2

    page.wait_for_url(f"**{session.get_absolute_url()}")
    assert dict(session.attendances.values_list("member_id", "status")) == {
        k.pk: "present" for k in knitters
    }
    assert page.locator("#att-unmarked").count() == 1
    assert page.locator("#att-unmarked li").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"training-all-present-{width}-saved")


@pytest.mark.parametrize(
    "small_phone", [(w, h, True) for w, h in SIZES], indirect=True, ids=["360", "320"]
)
def test_all_present_then_the_few_exceptions(small_phone, role_groups):
    page = small_phone
    _trainer, knitters, session = make_the_session()
    late, away, *rest = knitters
    open_attendance(page, session)

    page.locator("#att-all-present").click()
    page.locator(f"label[for='s-{late.pk}-late']").click()
    page.locator(f"label[for='s-{away.pk}-excused']").click()
    page.locator("button[name=action][value=save]").click()

    page.wait_for_url(f"**{session.get_absolute_url()}")
    assert dict(session.attendances.values_list("member_id", "status")) == {
        late.pk: "late",
        away.pk: "excused",
        **{k.pk: "present" for k in rest},
    }


@pytest.mark.parametrize(
    "small_phone", [(320, 640, False)], indirect=True, ids=["320-no-js"]
)
def test_all_present_works_without_javascript(small_phone, role_groups):
    page = small_phone
    _trainer, knitters, session = make_the_session()
    open_attendance(page, session)
    first = knitters[0]

    page.locator(f"label[for='s-{first.pk}-absent']").click()
    page.locator("#att-all-present").click()  # the server ticks the rest
    page.wait_for_selector("#att-all-present-note")
    assert not Attendance.objects.exists()
    assert page.is_checked(f"#s-{first.pk}-absent")
    for knitter in knitters[1:]:
        assert page.is_checked(f"#s-{knitter.pk}-present")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.locator("button[name=action][value=save]").click()

    page.wait_for_url(f"**{session.get_absolute_url()}")
    assert dict(session.attendances.values_list("member_id", "status")) == {
        first.pk: "absent",
        **{k.pk: "present" for k in knitters[1:]},
    }


@pytest.mark.parametrize(
    "small_phone", [(w, h, True) for w, h in SIZES], indirect=True, ids=["360", "320"]
)
def test_the_session_page_names_who_was_left_empty(small_phone, role_groups):
    page = small_phone
    _trainer, knitters, session = make_the_session()
    open_attendance(page, session)
    for knitter in knitters[:9]:
        page.locator(f"label[for='s-{knitter.pk}-present']").click()
    page.locator("button[name=action][value=save]").click()

    page.wait_for_url(f"**{session.get_absolute_url()}")
    names = page.locator("#att-unmarked li").all_inner_texts()
    assert names == [knitters[9].full_name, knitters[10].full_name]
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"training-session-unmarked-{width}")
