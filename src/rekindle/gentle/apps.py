from django.apps import AppConfig


class GentleConfig(AppConfig):
    name = "rekindle.gentle"
    verbose_name = "Gentle start-up helper"

    def ready(self):
        from rekindle.gentle import rules
        from rekindle.lib.content import register_checker

        register_checker("gentle_rules", rules.check)
