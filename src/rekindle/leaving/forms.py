from __future__ import annotations

from django import forms

from rekindle.leaving.services import CONFIRM_WORD


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to go on. Nothing has been deleted."},
    )
    confirmation = forms.CharField(
        label=f"Type {CONFIRM_WORD} to confirm",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": f"Type {CONFIRM_WORD} to confirm. Nothing has been deleted."},
    )
