"""The timeline is append-only: PostgreSQL itself refuses UPDATE and DELETE on it (and TRUNCATE)."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION complaints_event_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the complaint timeline is append-only (% refused)', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER complaints_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON complaints_complaintevent
    FOR EACH ROW EXECUTE FUNCTION complaints_event_is_append_only();

CREATE TRIGGER complaints_event_no_truncate
    BEFORE TRUNCATE ON complaints_complaintevent
    FOR EACH STATEMENT EXECUTE FUNCTION complaints_event_is_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS complaints_event_no_truncate ON complaints_complaintevent;
DROP TRIGGER IF EXISTS complaints_event_no_update_or_delete ON complaints_complaintevent;
DROP FUNCTION IF EXISTS complaints_event_is_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
