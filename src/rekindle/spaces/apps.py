from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "rekindle.spaces"
    verbose_name = "People and spaces"

    def ready(self):
        from rekindle.spaces import signups  # noqa: F401  (connects the sign-up signal)
