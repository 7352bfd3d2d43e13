from django.apps import AppConfig


class PromptsConfig(AppConfig):
    name = "rekindle.prompts"
    verbose_name = "Conversation prompts"

    def ready(self):
        from rekindle.lib.content import register_checker
        from rekindle.prompts import content, exports
        from rekindle.spaces.exports import register

        register_checker("decks", content.check)
        register("prompt_answers", exports.prompt_answers)
        register("custom_prompts", exports.custom_prompts)
