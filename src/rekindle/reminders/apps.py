from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "rekindle.reminders"
    verbose_name = "Gentle reminders and the installable app"

    def ready(self):
        from rekindle.reminders import kinds  # noqa: F401  (registers the built-in kinds)
