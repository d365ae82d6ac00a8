"""The attendants' queue page shows the new complaints (waiting for triage) first, then the others
by the deadline running now; this partial index holds the open cases in that order, so the first
page, the count and a deep page's ids stay index reads (complaint_queue_open_idx stays, for the
queue API's keyset pages in company-deadline order)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("complaints", "0006_queue_open_index")]

    operations = [
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                models.ExpressionWrapper(
                    models.Q(("status", "registered"), _negated=True),
                    output_field=models.BooleanField(),
                ),
                models.Case(
                    models.When(status="cip_sent", then="cip_due_on"),
                    models.When(status="answered", then="rating_due_on"),
                    models.When(status="agreement", then="agreement_due_on"),
                    output_field=models.DateField(),
                ),
                models.F("created_at"),
                models.F("id"),
                condition=models.Q(("status", "closed"), _negated=True),
                include=("status", "cip_due_on", "rating_due_on", "agreement_due_on"),
                name="complaint_queue_triage_idx",
            ),
        ),
    ]
