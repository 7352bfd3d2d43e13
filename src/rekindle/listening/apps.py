from django.apps import AppConfig


class ListeningConfig(AppConfig):
    name = "rekindle.listening"
    verbose_name = "Listening sessions and pauses"

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import pre_delete

        from rekindle.listening import exports, services
        from rekindle.spaces.exports import register

        register("listening_sessions", exports.sessions_started)
        register("listening_words", exports.words)
        register("pauses", exports.pauses)
        register("parked_topics", exports.parked_topics)
        pre_delete.connect(
            services.person_leaving_for_good, sender=settings.AUTH_USER_MODEL, dispatch_uid="listening-person-delete"
        )
