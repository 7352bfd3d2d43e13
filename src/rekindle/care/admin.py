"""Operators edit their counsellor directory. Safety answers and care settings are never registered."""

from django.contrib import admin
from django.db import models

from rekindle.care.models import Counsellor


@admin.register(Counsellor)
class CounsellorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "location", "order"]
    list_editable = ["order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
