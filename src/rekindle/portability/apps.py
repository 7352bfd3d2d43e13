from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "rekindle.portability"
    verbose_name = "Export and import of a person's own data"
