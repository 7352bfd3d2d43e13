"""The memory book, the small-wins journal, and each person's private notes.

A memory and a small win are one model (`Memory.kind`), so the journal and the book read
as one story on one timeline. Memories, their lines and their photos follow the shared
rule (`shared_q`): the author always, the partner while both are in the space. Private
notes follow one rule only: their author, everywhere.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone

from rekindle.spaces.models import Space
from rekindle.spaces.selectors import SharedContentQuerySet

TITLE_MAX = 80
TEXT_MAX = 1000
PLACE_MAX = 80
WIN_MAX = 200
LINE_MAX = 500
NOTE_MAX = 4000
PHOTOS_MAX = 10

SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
SEASON_OF_MONTH = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def photo_storage():
    """The storage photos live in: `STORAGES["photos"]` (a folder in the data directory by default)."""
    return storages["photos"]


def _photo_name(instance, filename: str) -> str:
    # Never derived from the upload's name or the memory: a random name in a flat folder.
    return f"photos/{uuid.uuid4().hex}{filename[filename.rfind('.'):] if '.' in filename else ''}"


class MemoryQuerySet(SharedContentQuerySet):
    pass


class Memory(models.Model):
    MEMORY, WIN = "memory", "win"
    KINDS = [(MEMORY, "memory"), (WIN, "small win")]
    DAY, MONTH, SEASON, YEAR = "day", "month", "season", "year"
    PRECISIONS = [(DAY, "day"), (MONTH, "month"), (SEASON, "season"), (YEAR, "year")]

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memories")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memories")
    kind = models.CharField(max_length=6, choices=KINDS, default=MEMORY)
    title = models.CharField(max_length=WIN_MAX)
    text = models.TextField(blank=True)
    place = models.CharField(max_length=PLACE_MAX, blank=True)
    # The day, or the first day of the month, season or year when only that is remembered.
    date = models.DateField()
    precision = models.CharField(max_length=6, choices=PRECISIONS, default=DAY)
    # The first photo, shown on the timeline and Today without another query.
    cover = models.ForeignKey("Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    photo_count = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    submission = models.UUIDField(null=True, blank=True)

    objects = MemoryQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["author", "submission"], name="one_memory_per_submission")]
        indexes = [models.Index(fields=["space", "-date", "-id"]), models.Index(fields=["space", "precision", "date"])]
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_win(self) -> bool:
        return self.kind == self.WIN

    @property
    def when(self) -> str:
        """The date as it is remembered: "14 July 2019", "July 2019", "summer 2019", "2019"."""
        return date_label(self.date, self.precision)

    @property
    def month_heading(self) -> str:
        """The timeline's heading under the year: the month, or the season, or the year itself."""
        if self.precision == self.YEAR:
            return "Sometime that year"
        if self.precision == self.SEASON:
            return SEASON_OF_MONTH.get(self.date.month, f"{self.date:%B}").capitalize()
        return f"{self.date:%B}"

    def years_ago(self, today: dt.date) -> int:
        return today.year - self.date.year


def date_label(date: dt.date, precision: str) -> str:
    if precision == Memory.MONTH:
        return f"{date:%B %Y}"
    if precision == Memory.SEASON:
        season = SEASON_OF_MONTH.get(date.month, "")
        return f"{season} {date.year}" if season else f"{date:%B %Y}"
    if precision == Memory.YEAR:
        return str(date.year)
    return f"{date.day} {date:%B %Y}"


class MemoryLine(models.Model):
    """One person's "what I remember" on a memory (theirs or their partner's): one each."""

    # Null once the memory's author closed their account: the line stays its writer's (rekindle.leaving).
    memory = models.ForeignKey(Memory, null=True, on_delete=models.SET_NULL, related_name="lines")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=LINE_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Lines(SharedContentQuerySet):
        space_lookup = "memory__space"

    objects = Lines.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["memory", "author"], name="one_line_per_person_per_memory")]
        ordering = ["created_at", "id"]


class Photo(models.Model):
    """A photo on a memory, re-encoded without any metadata. Its uploader owns it."""

    # Null once the memory's author closed their account: a photo the partner added stays theirs (rekindle.leaving).
    memory = models.ForeignKey(Memory, null=True, on_delete=models.SET_NULL, related_name="photos")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    image = models.FileField(storage=photo_storage, upload_to=_photo_name, max_length=200)
    thumb = models.FileField(storage=photo_storage, upload_to=_photo_name, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt = models.CharField(max_length=TITLE_MAX, blank=True, help_text="Words for someone who can't see it.")
    created_at = models.DateTimeField(default=timezone.now)

    objects = SharedContentQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["space", "-created_at"])]
        ordering = ["created_at", "id"]


class PrivateQuerySet(models.QuerySet):
    """Private notes: the author, and nobody else, anywhere. The one rule for reading them."""

    def visible_to(self, person):
        if not person.is_authenticated:
            return self.none()
        return self.filter(author=person.pk)


class PrivateNote(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submission = models.UUIDField(null=True, blank=True)

    objects = PrivateQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["author", "submission"], name="one_note_per_submission")]
        ordering = ["-updated_at", "-id"]
