from django.contrib import admin
from django.urls import include, path, register_converter

from rekindle.lib.converters import IsoDateConverter
from rekindle.lib.security import operator_has_permission, operator_login

register_converter(IsoDateConverter, "date")

admin.site.site_header = "Rekindle — accounts"
admin.site.site_title = "Rekindle operators"
admin.site.index_title = "Accounts"
# The operator pages sign in through the site's own sign-in (rate limits, two-factor step).
admin.site.login = operator_login
admin.site.has_permission = operator_has_permission

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("operator/", admin.site.urls),
    path("", include("rekindle.spaces.urls")),
    path("", include("rekindle.today.urls")),
    path("", include("rekindle.checkins.urls")),
    path("", include("rekindle.care.urls")),
    path("", include("rekindle.prompts.urls")),
    path("", include("rekindle.programs.urls")),
    path("", include("rekindle.rituals.urls")),
    path("", include("rekindle.together.urls")),
    path("", include("rekindle.dates.urls")),
    path("", include("rekindle.listening.urls")),
    path("", include("rekindle.gentle.urls")),
    path("", include("rekindle.navigation.urls")),
    path("", include("rekindle.news.urls")),
    path("", include("rekindle.memories.urls")),
    path("", include("rekindle.measures.urls")),
    path("", include("rekindle.goals.urls")),
    path("", include("rekindle.wellbeing.urls")),
    path("", include("rekindle.reminders.urls")),
    path("", include("rekindle.portability.urls")),
    path("", include("rekindle.api.urls")),
    path("", include("rekindle.leaving.urls")),
]
