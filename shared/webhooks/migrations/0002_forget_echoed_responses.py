"""Failures used to keep (and show the company) up to 500 bytes of whatever answered and the
text of the connection error: replace them with the fixed reasons the client records now."""

from django.db import migrations

REASONS = """
CASE
    WHEN {error} = '' OR {error} = 'endpoint disabled' THEN {error}
    WHEN {code} BETWEEN 300 AND 399 THEN 'redirect not followed'
    WHEN {code} IS NOT NULL THEN 'non-2xx response'
    ELSE 'connection failed'
END
"""


class Migration(migrations.Migration):
    dependencies = [("webhooks", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "UPDATE webhooks_webhookdelivery SET last_error = "
            + REASONS.format(error="last_error", code="last_status_code"),
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            "UPDATE webhooks_webhookdeliveryattempt SET error = "
            + REASONS.format(error="error", code="status_code"),
            migrations.RunSQL.noop,
        ),
    ]
