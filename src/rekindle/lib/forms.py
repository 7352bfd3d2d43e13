"""Form pieces shared by several practices."""

from __future__ import annotations

import uuid

from django import forms


class SubmittedOnce(forms.Form):
    """A form that carries a fresh id, so a double tap or a resent POST saves one row, not two.

    The services take the id as `submission` and ignore a second save with the same one.
    """

    submission = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submission", uuid.uuid4())
        super().__init__(*args, **kwargs)
