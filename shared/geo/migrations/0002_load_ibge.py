"""Loads the IBGE federative units and municipalities shipped in shared/geo/data/, and enables
unaccent for accent-insensitive city search."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


def load(apps, schema_editor):
    from shared.geo import loading

    FederativeUnit = apps.get_model("geo", "FederativeUnit")
    Municipality = apps.get_model("geo", "Municipality")
    FederativeUnit.objects.bulk_create(
        [FederativeUnit(**row) for row in loading.federative_units()], ignore_conflicts=True
    )
    Municipality.objects.bulk_create(
        [Municipality(**row) for row in loading.municipalities()], batch_size=1000, ignore_conflicts=True
    )


def unload(apps, schema_editor):
    apps.get_model("geo", "Municipality").objects.all().delete()
    apps.get_model("geo", "FederativeUnit").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(load, unload),
    ]
