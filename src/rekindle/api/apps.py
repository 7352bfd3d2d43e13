from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rekindle.api"
    verbose_name = "The JSON API and personal access tokens"
