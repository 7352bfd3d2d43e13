from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "rekindle.programs"
    verbose_name = "Programs"

    def ready(self):
        from rekindle.lib.content import register_checker
        from rekindle.programs import content, exports
        from rekindle.spaces.exports import register

        register_checker("programs", content.check)
        for kind in exports.KINDS:
            register(kind)
