from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "rekindle.checkins"
    verbose_name = "Check-ins and appreciations"

    def ready(self):
        from rekindle.checkins import exports
        from rekindle.spaces.exports import register

        for kind in exports.KINDS:
            register(kind)
