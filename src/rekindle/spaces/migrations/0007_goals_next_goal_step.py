from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("spaces", "0006_measures_due"),
    ]

    operations = [
        migrations.AddField(
            model_name="space",
            name="next_goal_step_on",
            field=models.DateField(blank=True, null=True),
        ),
    ]
