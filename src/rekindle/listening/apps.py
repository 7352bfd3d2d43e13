from django.apps import AppConfig


class ListeningConfig(AppConfig):
    name = "rekindle.listening"
    verbose_name = "Listening sessions and pauses"

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import pre_delete

        from rekindle.listening import exports, services
        from rekindle.spaces.exports import register

        for kind in exports.KINDS:
            register(kind)
        pre_delete.connect(
            services.person_leaving_for_good, sender=settings.AUTH_USER_MODEL, dispatch_uid="listening-person-delete"
        )
