from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "rekindle.goals"
    verbose_name = "Values and goals"

    def ready(self):
        from rekindle.goals import content, exports
        from rekindle.lib.content import register_checker
        from rekindle.spaces.exports import register

        register_checker("values", content.check)
        for kind in exports.KINDS:
            register(kind)
