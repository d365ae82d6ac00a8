"""The process timeline is append-only: PostgreSQL itself refuses UPDATE, DELETE and TRUNCATE."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION sanctions_event_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the sanction process timeline is append-only (% refused)', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER sanctions_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON sanctions_sanctionevent
    FOR EACH ROW EXECUTE FUNCTION sanctions_event_is_append_only();

CREATE TRIGGER sanctions_event_no_truncate
    BEFORE TRUNCATE ON sanctions_sanctionevent
    FOR EACH STATEMENT EXECUTE FUNCTION sanctions_event_is_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS sanctions_event_no_truncate ON sanctions_sanctionevent;
DROP TRIGGER IF EXISTS sanctions_event_no_update_or_delete ON sanctions_sanctionevent;
DROP FUNCTION IF EXISTS sanctions_event_is_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("sanctions", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
