"""Fill the SINDEC codes of the catalogue rows already seeded (a schema created afterwards gets
them from the seed)."""

from django.db import migrations


def fill(apps, schema_editor):
    from tenants.catalogue.sindec import apply_codes

    apply_codes(apps.get_model("catalogue", "Subject"), apps.get_model("catalogue", "Problem"))


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_sindec_codes")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
