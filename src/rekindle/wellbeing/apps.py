from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "rekindle.wellbeing"
    verbose_name = "Self-care and how I feel cared for"

    def ready(self):
        from rekindle.lib.content import register_checker
        from rekindle.spaces.exports import register
        from rekindle.wellbeing import content, exports

        register_checker("care_questions", content.check)
        for kind in exports.KINDS:
            register(kind)
