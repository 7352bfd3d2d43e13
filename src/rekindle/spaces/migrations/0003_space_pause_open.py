# Space.pause_open, set for the pauses already open.

from django.db import migrations, models


def mark_open_pauses(apps, schema_editor):
    Pause = apps.get_model("listening", "Pause")
    Space = apps.get_model("spaces", "Space")
    Space.objects.filter(pk__in=Pause.objects.filter(ended_at__isnull=True).values("space")).update(pause_open=True)


class Migration(migrations.Migration):

    dependencies = [
        ('spaces', '0002_person_news'),
        ('listening', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='space',
            name='pause_open',
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_open_pauses, migrations.RunPython.noop),
    ]
