from django.apps import AppConfig


class TogetherConfig(AppConfig):
    name = "rekindle.together"
    verbose_name = "Time together and the shared bucket list"

    def ready(self):
        from rekindle.lib.content import register_checker
        from rekindle.spaces.exports import register
        from rekindle.together import content, exports

        register_checker("ideas", content.check)
        for kind in exports.KINDS:
            register(kind)
