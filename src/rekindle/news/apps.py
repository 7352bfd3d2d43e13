from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "rekindle.news"
    verbose_name = "News from each other"

    def ready(self):
        from rekindle.lib.content import register_checker
        from rekindle.news import kinds

        register_checker("news", kinds.check)
