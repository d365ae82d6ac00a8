"""Timeline entries keep the kind of actor and the name alone; the words around the name are
translated when shown (shared.timeline). The column keeps its name: only the field is renamed,
and rows written before keep their whole label there (no UPDATE: the table is append-only)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("sanctions", "0002_timeline_append_only")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField("sanctionevent", "actor_label", "actor_name"),
                migrations.AlterField(
                    "sanctionevent",
                    "actor_name",
                    models.CharField(db_column="actor_label", max_length=150),
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="sanctionevent",
            name="actor_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("system", "System"),
                    ("consumer", "Consumer"),
                    ("company", "Company"),
                    ("company_code", "Company, with the access code"),
                    ("staff", "Procon staff"),
                ],
                db_default="",
                default="",
                max_length=16,
            ),
        ),
    ]
