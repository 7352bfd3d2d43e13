from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "rekindle.measures"
    verbose_name = "Measures and progress"

    def ready(self):
        from rekindle.measures import reminders  # noqa: F401 (registers "the monthly check-up")
        from rekindle.lib import references
        from rekindle.lib.content import register_checker
        from rekindle.measures import exports, instruments
        from rekindle.spaces.exports import register

        register_checker("measures", instruments.check)
        register_checker("references", references.check)
        for kind in exports.KINDS:
            register(kind)
