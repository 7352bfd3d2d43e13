"""Check-in rounds: a check-in pairs with its partner's in the same round, not the same date.

One round per existing (space, local_date) group — the old pairing — so exactly the same
pairs stay revealed and nothing sealed becomes readable.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def rounds_from_dates(apps, schema_editor):
    """A round per (space, local_date): opened at the earliest check-in, completed at the
    latest once two people answered; then every check-in points at its round."""
    CheckIn = apps.get_model("checkins", "CheckIn")
    CheckInRound = apps.get_model("checkins", "CheckInRound")
    db = schema_editor.connection.alias
    groups: dict[tuple[int, object], list] = {}
    rows = CheckIn.objects.using(db).order_by("space_id", "local_date", "created_at", "id")
    for checkin in rows.only("id", "space_id", "local_date", "created_at", "author_id").iterator():
        groups.setdefault((checkin.space_id, checkin.local_date), []).append(checkin)
    for (space_id, date), checkins in groups.items():
        authors = {c.author_id for c in checkins}
        round_ = CheckInRound.objects.using(db).create(
            space_id=space_id,
            date=date,
            opened_at=checkins[0].created_at,
            completed_at=max(c.created_at for c in checkins) if len(authors) >= 2 else None,
        )
        CheckIn.objects.using(db).filter(pk__in=[c.pk for c in checkins]).update(round=round_)
    if schema_editor.connection.vendor == "postgresql":
        # Fire the deferred foreign-key checks now, so the column can become NOT NULL below.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ("checkins", "0001_initial"),
        ("spaces", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CheckInRound",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(help_text="The opener's check-in date.")),
                ("opened_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("completed_at", models.DateTimeField(blank=True, null=True)),
                (
                    "space",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="checkin_rounds", to="spaces.space"
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["space", "completed_at", "opened_at"], name="checkins_ch_space_i_ba23b6_idx")],
            },
        ),
        migrations.AddField(
            model_name="checkin",
            name="round",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="checkins", to="checkins.checkinround"
            ),
        ),
        migrations.RunPython(rounds_from_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="checkin",
            name="round",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="checkins", to="checkins.checkinround"
            ),
        ),
        migrations.AlterField(
            model_name="checkin",
            name="local_date",
            field=models.DateField(help_text="The writer's own check-in date (their day runs until 04:00)."),
        ),
        migrations.AddConstraint(
            model_name="checkin",
            constraint=models.UniqueConstraint(fields=("round", "author"), name="one_checkin_per_person_per_round"),
        ),
    ]
