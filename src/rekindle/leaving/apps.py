from django.apps import AppConfig


class LeavingConfig(AppConfig):
    name = "rekindle.leaving"
    verbose_name = "Closing an account"
