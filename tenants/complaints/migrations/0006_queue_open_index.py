"""The attendants' queue reads the open cases in deadline order from a partial index instead of
sorting every open case (with 100,000 complaints: 94-159 ms to 0.8 ms for the first page)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("complaints", "0005_number_sequences")]

    operations = [
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(("status", "closed"), _negated=True),
                fields=["cip_due_on", "created_at", "id"],
                name="complaint_queue_open_idx",
            ),
        ),
    ]
