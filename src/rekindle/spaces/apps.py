from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "rekindle.spaces"
    verbose_name = "People and spaces"
