from __future__ import annotations

from django import forms

MAX_ARCHIVE_BYTES = 500 * 1024 * 1024  # a year of words is a few MB; the photos make up the rest


class ExportForm(forms.Form):
    include_shared = forms.BooleanField(
        required=False,
        label="Include what we share",
        help_text="Add your partner's words that you can see here, marked as theirs. "
        "What they keep private, or haven't revealed yet, is never included.",
    )


class ImportForm(forms.Form):
    archive = forms.FileField(
        label="Your export file (a ZIP)",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
        error_messages={"required": "Choose the ZIP file you downloaded first."},
    )

    def clean_archive(self):
        archive = self.cleaned_data["archive"]
        if archive.size > MAX_ARCHIVE_BYTES:
            raise forms.ValidationError(
                f"That file is larger than {MAX_ARCHIVE_BYTES // 1024 // 1024} MB, more than any export. "
                "Is it the right one?"
            )
        return archive
