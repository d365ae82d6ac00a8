"""Relate the seeded subjects to the problems consumidor.gov.br records under them, and merge
the duplicate subjects (tenants/catalogue/merge.py): complaints re-pointed to the subject kept
and their case-index rows rewritten. A schema created afterwards is seeded without them."""

from django.db import migrations


def forwards(apps, schema_editor):
    from shared.caseindex.models import CaseIndexEntry
    from shared.procons.models import Procon
    from tenants.catalogue.hierarchy import link_seeded_problems
    from tenants.catalogue.merge import merge_listed

    subject_model = apps.get_model("catalogue", "Subject")
    problem_model = apps.get_model("catalogue", "Problem")
    complaint_model = apps.get_model("complaints", "Complaint")
    link_seeded_problems(subject_model, problem_model)
    procon_id = (
        Procon.objects.filter(schema_name=schema_editor.connection.schema_name)
        .values_list("pk", flat=True)
        .first()
    )
    for _label, kept, moved in merge_listed(subject_model):
        ids = moved.get("complaints.Complaint", [])
        if not ids or procon_id is None:
            continue
        for number, problem_id in complaint_model.objects.filter(pk__in=ids).values_list(
            "number", "problem_id"
        ):
            codes = problem_model.objects.get(pk=problem_id).sindec_codes if problem_id else {}
            CaseIndexEntry.objects.filter(
                procon_id=procon_id, kind="complaint", number=number
            ).update(
                subject=kept.name,
                subject_area=kept.area.name,
                subject_code=kept.sindec_code,
                problem_code=codes.get(kept.sindec_code, "") if kept.sindec_code else "",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_subject_problems"),
        ("complaints", "0013_channel_demographics_steps"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
