from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "rekindle.spaces"
    verbose_name = "People and spaces"

    def ready(self):
        from allauth.account.signals import password_changed

        from rekindle.lib.security import end_other_sessions_on_password_change
        from rekindle.spaces import signups  # noqa: F401  (connects the sign-up signal)

        password_changed.connect(end_other_sessions_on_password_change, dispatch_uid="rekindle-end-other-sessions")
