"""Complaint numbers come from one PostgreSQL sequence per year instead of a locked counter row.

The counter row was locked from the numbering to the end of the filing's transaction, so that
every filing of a Procon waited for the one before it to commit. `nextval` locks nothing that
lasts: numbers stay unique and are never given twice (a filing that fails after taking its
number leaves a gap). Each year's sequence starts after the counter's last number, or, for a
year first seen later, after the highest number already filed that year.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION complaint_next_number(for_year integer) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    seq text := 'complaint_number_' || for_year;
    first_free bigint;
BEGIN
    IF to_regclass(seq) IS NULL THEN
        SELECT coalesce(max(substring(number FROM '([0-9]+)$')::bigint), 0) + 1 INTO first_free
        FROM complaints_complaint WHERE number LIKE '%-' || for_year || '-%';
        BEGIN
            EXECUTE format('CREATE SEQUENCE %I AS bigint START WITH %s', seq, first_free);
        EXCEPTION WHEN duplicate_table OR unique_violation THEN
            -- Another filing created it at the same time (and committed): use that one.
            NULL;
        END;
    END IF;
    RETURN nextval(seq);
END
$$;

DO $$
DECLARE
    counter record;
BEGIN
    FOR counter IN SELECT year, last FROM complaints_complaintcounter LOOP
        EXECUTE format(
            'CREATE SEQUENCE %I AS bigint START WITH %s', 'complaint_number_' || counter.year,
            counter.last + 1
        );
    END LOOP;
END
$$;
"""

BACKWARD = """
DO $$
DECLARE
    seq record;
    last_value bigint;
BEGIN
    FOR seq IN SELECT c.relname FROM pg_class c
        WHERE c.relkind = 'S' AND c.relnamespace = current_schema()::regnamespace
        AND c.relname ~ '^complaint_number_[0-9]+$'
    LOOP
        EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %I',
                       seq.relname) INTO last_value;
        INSERT INTO complaints_complaintcounter (year, last)
        VALUES (substring(seq.relname FROM '([0-9]+)$')::integer, last_value);
        EXECUTE format('DROP SEQUENCE %I', seq.relname);
    END LOOP;
END
$$;
DROP FUNCTION IF EXISTS complaint_next_number(integer);
"""


class Migration(migrations.Migration):
    dependencies = [("complaints", "0004_consumer_municipality")]

    operations = [
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.DeleteModel(name="ComplaintCounter"),
    ]
