from __future__ import annotations

from django import forms

from rekindle.api.models import NAME_MAX, ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        help_text="What will use it, like “Phone shortcut” or “Kitchen dashboard”.",
        max_length=NAME_MAX,
        error_messages={
            "required": "Give it a name you'll recognise, like “Phone shortcut”.",
            "max_length": f"Please keep the name under {NAME_MAX} characters.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    scope = forms.ChoiceField(
        label="What it may do",
        choices=[
            (ApiToken.READ, "Read only — see your check-ins, appreciations, questions, plans and export"),
            (ApiToken.READ_WRITE, "Read and write — also check in, appreciate and answer"),
        ],
        initial=ApiToken.READ,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether it may only read, or also write."},
    )
