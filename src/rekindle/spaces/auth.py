"""Sign-in backends that load what every page needs with the signed-in person, in one query.

Django's and allauth's backends each load the person on every request; these do the same
query, joined with the person's care settings (which Today and the layout read), so a page
does not ask for them separately. `rekindle.care.selectors.preferences_for` uses them.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from rekindle.lib.prepared import prepared


@prepared
def _person_with_settings(person_id: int):
    return get_user_model()._default_manager.select_related("care_preferences").filter(pk=person_id)


class _LoadsPersonWithSettings:
    def get_user(self, user_id):
        try:
            person_id = int(user_id)
        except (TypeError, ValueError):
            return None
        person = _person_with_settings.first(person_id)
        return person if person is not None and self.user_can_authenticate(person) else None


class PersonBackend(_LoadsPersonWithSettings, ModelBackend):
    pass


class AllauthPersonBackend(_LoadsPersonWithSettings, AuthenticationBackend):
    pass
