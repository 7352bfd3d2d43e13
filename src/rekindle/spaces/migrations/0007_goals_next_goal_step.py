from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("spaces", "0002_person_news"),
    ]

    operations = [
        migrations.AddField(
            model_name="space",
            name="next_goal_step_on",
            field=models.DateField(blank=True, null=True),
        ),
    ]
