"""allauth's sign-up form with one short password hint; the full rules appear only with an error.

(Kept apart from spaces/forms.py, which allauth itself imports while building this form.)
"""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.conf import settings
from django.contrib.auth import password_validation

MIN_LENGTH = next(
    (v.get("OPTIONS", {}).get("min_length", 8) for v in settings.AUTH_PASSWORD_VALIDATORS if v["NAME"].endswith("MinimumLengthValidator")),
    8,
)


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password1" in self.fields:
            self.fields["password1"].help_text = f"At least {MIN_LENGTH} characters — a few words you'll remember work well."

    def full_clean(self):
        super().full_clean()
        if self._errors and "password1" in self._errors:
            rules = password_validation.password_validators_help_text_html()
            self.fields["password1"].help_text = rules
            self["password1"].help_text = rules  # the bound field keeps its own copy
