from django.apps import AppConfig


class NavigationConfig(AppConfig):
    name = "rekindle.navigation"
    verbose_name = "Navigation"
