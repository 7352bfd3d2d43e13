from __future__ import annotations

from django import forms

from rekindle.lib.zones import choices_with


def timezone_field(current: str | None = None) -> forms.ChoiceField:
    """Current zones by region with city names; a person's older stored zone stays offered to them."""
    return forms.ChoiceField(
        label="Your time zone",
        choices=lambda: choices_with(current),
        initial="UTC",
        error_messages={"invalid_choice": "Choose a time zone from the list."},
        help_text="Your day starts and ends here. We guess it from your device; change it if it's wrong.",
        widget=forms.Select(attrs={"data-detect-timezone": "", "autocomplete": "off"}),
    )


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    display_name = forms.CharField(
        label="What should we call you?",
        max_length=60,
        help_text="Your partner will see this name.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    time_zone = timezone_field()

    field_order = ["display_name", "email", "password1", "time_zone"]

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError("Tell us what to call you.")
        return name

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        user.time_zone = self.cleaned_data["time_zone"]
        user.save(update_fields=["display_name", "time_zone"])


class ProfileForm(forms.Form):
    display_name = forms.CharField(label="Your name", max_length=60)
    time_zone = timezone_field()

    def __init__(self, *args, current_zone: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if current_zone:
            self.fields["time_zone"] = timezone_field(current_zone)


class SpaceNameForm(forms.Form):
    name = forms.CharField(
        label="Name your space",
        max_length=80,
        help_text='Something for the two of you, like "Sam & Alex" or "Our Sundays".',
    )


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label="Invite code",
        max_length=20,
        help_text="Ten letters and numbers, like ABCDE-23456. Dashes and spaces don't matter.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
