from django.apps import AppConfig


class DatesConfig(AppConfig):
    name = "rekindle.dates"
    label = "dates"
    verbose_name = "Dates and rituals, and each person's calendar feed"

    def ready(self):
        from rekindle.dates import reminders  # noqa: F401 (registers "a planned date, an hour before")
        from rekindle.dates import exports
        from rekindle.spaces.exports import register

        for kind in exports.KINDS:
            register(kind)
