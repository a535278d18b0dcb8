"""The certificate forms and the destinations each covers, as the admin starts with.

Indonesia's agreements: where several cover a destination, all are proposed and
the admin chooses one. Form B, non-preferential, is for anywhere else.
"""

from django.db import migrations

ASEAN = ["BN", "KH", "LA", "MY", "MM", "PH", "SG", "TH", "VN"]
EU = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
    "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES",
    "SE",
]  # fmt: skip
RCEP = [*ASEAN, "CN", "JP", "KR", "AU", "NZ"]

# code, name, kind, preferential, for any other destination, countries
FORMS = [
    ("form-d", "Form D (ATIGA)", "certificate", True, False, ASEAN),
    ("form-e", "Form E (ACFTA)", "certificate", True, False, ["CN"]),
    ("form-ak", "Form AK (AKFTA)", "certificate", True, False, ["KR"]),
    ("ik-cepa", "IK-CEPA", "certificate", True, False, ["KR"]),
    ("ijepa", "Form IJEPA", "certificate", True, False, ["JP"]),
    ("ajcep", "Form AJ (AJCEP)", "certificate", True, False, ["JP"]),
    ("form-ai", "Form AI (AIFTA)", "certificate", True, False, ["IN"]),
    ("aanz", "Form AANZ (AANZFTA)", "certificate", True, False, ["AU", "NZ"]),
    ("ia-cepa", "IA-CEPA", "certificate", True, False, ["AU"]),
    ("rcep", "RCEP", "certificate", True, False, RCEP),
    ("iuae-cepa", "IUAE-CEPA", "certificate", True, False, ["AE"]),
    ("form-ip", "Form IP (IP-PTA)", "certificate", True, False, ["PK"]),
    ("rex", "REX (statement on origin)", "statement", True, False, EU),
    ("form-b", "Form B (non-preferential)", "certificate", False, True, []),
]


def seed(apps, schema_editor):
    SkaForm = apps.get_model("exports", "SkaForm")
    SkaFormCountry = apps.get_model("exports", "SkaFormCountry")
    for position, (code, name, kind, preferential, anywhere, countries) in enumerate(
        FORMS
    ):
        form, _ = SkaForm.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "preferential": preferential,
                "for_any_destination": anywhere,
                "position": position,
            },
        )
        SkaFormCountry.objects.bulk_create(
            [SkaFormCountry(form=form, country=country) for country in countries],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [("exports", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
