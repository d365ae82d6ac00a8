from django.db import migrations

from tenants.penalties.seed import seed_rules


def seed(apps, schema_editor):
    seed_rules(
        apps.get_model("penalties", "LegalProvision"),
        apps.get_model("penalties", "UfirValue"),
        apps.get_model("penalties", "CircumstanceRule"),
    )


class Migration(migrations.Migration):
    dependencies = [("penalties", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
