from django.apps import AppConfig


class PromptsConfig(AppConfig):
    name = "rekindle.prompts"
    verbose_name = "Conversation prompts"

    def ready(self):
        from rekindle.lib.content import register_checker
        from rekindle.prompts import content, exports
        from rekindle.spaces.exports import register

        register_checker("decks", content.check)
        for kind in exports.KINDS:
            register(kind)
