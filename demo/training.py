"""Demo training sessions, attendance and assessments (called by seed_demo)."""

from datetime import date, time, timedelta

from django.utils import timezone

from members.models import Member
from members.phone import normalize_whatsapp
from members.roles import Role
from members.services import member_create
from training.models import Kind, Level, Skill, TrainingSession
from training.services import assessment_record, attendance_record, session_create

SKILLS = [
    "Tusuk dasar",
    "Tas",
    "Dompet",
    "Sepatu rajut",
    "Gantungan kunci",
    "Finishing/kerapian",
]

# Newcomers who joined after the basic training day: username, name, WhatsApp.
NEWCOMERS = [
    ("rina", "Rina Marlina", "0812-2700-2001"),
    ("tuti", "Tuti Handayani", "0812-2700-2002"),
    ("lastri", "Lastri Wulandari", ""),
    ("nurul", "Nurul Hidayah", "0812-2700-2004"),
    ("dewi", "Dewi Kusumawati", ""),
    ("umi", "Umi Kulsum", "0812-2700-2006"),
    ("eka", "Eka Puspitasari", ""),
]

# topic, days ago, start hour, end hour, kind, level, location, notes
SESSIONS = [
    (
        "Pelatihan dasar merajut",
        56,
        9,
        13,
        Kind.WORKSHOP,
        Level.BEGINNER,
        "Balai Desa Kalikajar",
        "Tusuk rantai, tusuk tunggal dan membaca pola sederhana. 11 peserta.",
    ),
    (
        "Latihan tas selempang",
        35,
        13,
        16,
        Kind.PRACTICE,
        Level.INTERMEDIATE,
        "Rumah Bu Siti, Kalikajar",
        "Membuat badan tas dan tali dari pola Tas Rajut Selempang Mawar.",
    ),
    (
        "Pemeriksaan kualitas setoran",
        20,
        9,
        11,
        Kind.QUALITY_REVIEW,
        Level.INTERMEDIATE,
        "Balai Desa Kalikajar",
        "Bersama memeriksa kerapian jahitan akhir dan ukuran sesuai pola.",
    ),
    (
        "Latihan dompet koin",
        6,
        13,
        15,
        Kind.PRACTICE,
        Level.BEGINNER,
        "Balai Desa Kalikajar",
        "",
    ),
]


# The demo people of seed_demo have been in the co-op for years; only the
# newcomers below joined recently (the progress page marks them "New").
LONGTIME = {
    "pengurus": date(2011, 4, 1),
    "pelatih": date(2013, 8, 1),
    "sri": date(2011, 4, 1),
    "wati": date(2014, 2, 1),
    "ani": date(2018, 6, 1),
    "yuni": date(2021, 9, 1),
}


def _newcomers(joined) -> list[Member]:
    members = []
    for username, full_name, whatsapp in NEWCOMERS:
        member = Member.objects.filter(user__username=username).first()
        if member is None:
            member = member_create(
                username=username,
                password=None,
                full_name=full_name,
                role=Role.MEMBER,
                whatsapp=normalize_whatsapp(whatsapp) if whatsapp else "",
                village="Kalikajar",
                join_date=joined,
            )
        members.append(member)
    return members


def seed_training() -> None:
    for position, name in enumerate(SKILLS):
        Skill.objects.get_or_create(name=name, defaults={"position": position})
    trainer = Member.objects.filter(user__username="pelatih").first()
    if trainer is None or TrainingSession.objects.exists():
        return
    today = timezone.localdate()
    for username, joined in LONGTIME.items():
        Member.objects.filter(user__username=username).update(join_date=joined)
    regulars = list(
        Member.objects.filter(user__username__in=["sri", "wati", "ani", "yuni"])
    )
    newcomers = _newcomers(joined=today - timedelta(days=SESSIONS[0][1]))
    sessions = []
    for topic, days_ago, start, end, kind, level, location, notes in SESSIONS:
        sessions.append(
            session_create(
                topic=topic,
                date=today - timedelta(days=days_ago),
                start_time=time(start),
                end_time=time(end),
                location=location,
                kind=kind,
                level=level,
                notes=notes,
                trainers=[trainer],
                created_by=trainer.user,
            )
        )
    everyone = regulars + newcomers
    present, late, excused, absent = "present", "late", "excused", "absent"
    plans = [
        # Basic training day: 11 participants, all came (two a little late).
        [present] * 9 + [late] * 2,
        [present, present, late, excused, present, present, absent, present, excused]
        + [present, absent],
        [present, present, present, present, excused, present, present, absent]
        + [present, present, late],
        [present, excused, present, present, present, late, absent, present]
        + [present, absent, present],
    ]
    for session, plan in zip(sessions, plans, strict=True):
        attendance_record(
            session=session,
            statuses={m.pk: status for m, status in zip(everyone, plan, strict=False)},
            recorded_by=trainer.user,
        )
    skills = {skill.name: skill for skill in Skill.objects.all()}
    grades = [
        # member index, skill, level, days ago
        (4, "Tusuk dasar", 1, 56),
        (4, "Tusuk dasar", 3, 20),
        (4, "Tas", 2, 20),
        (5, "Tusuk dasar", 2, 56),
        (5, "Tusuk dasar", 3, 6),
        (6, "Tusuk dasar", 2, 35),
        (0, "Tas", 4, 35),
        (0, "Finishing/kerapian", 3, 20),
        (0, "Finishing/kerapian", 4, 6),
        (1, "Dompet", 3, 6),
    ]
    for index, skill, level, days_ago in grades:
        assessment_record(
            member=everyone[index % len(everyone)],
            skill=skills[skill],
            level=level,
            assessor=trainer.user,
            date=today - timedelta(days=days_ago),
            note="",
        )
