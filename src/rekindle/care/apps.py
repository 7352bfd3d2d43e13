from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "rekindle.care"
    verbose_name = "Care and safety"

    def ready(self):
        from rekindle.care import questions, resources
        from rekindle.lib.content import register_checker

        register_checker("help_resources", resources.check)
        register_checker("safety_check", questions.check)
