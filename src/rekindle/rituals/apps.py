from django.apps import AppConfig


class RitualsConfig(AppConfig):
    name = "rekindle.rituals"
    verbose_name = "Rituals: meetings, commitments, experiments, reviews"

    def ready(self):
        from rekindle.lib.content import register_checker
        from rekindle.rituals import exports, meeting_guide
        from rekindle.spaces.exports import register

        register_checker("state_of_the_union", meeting_guide.check)
        for kind in exports.KINDS:
            register(kind)
