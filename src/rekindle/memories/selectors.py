"""Viewer-scoped reads of the memory book and of private notes.

Memories, lines and photos start from `visible_to(person)` and stay in the viewer's current
space. Private notes have their own rule, `PrivateNote.objects.visible_to`: the author only.
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Page, Paginator
from django.db.models import Case, Exists, OuterRef, Q, Value, When

from rekindle.memories.models import Memory, MemoryHide, MemoryLine, Photo, PrivateNote
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple, shared_q

TIMELINE_PAGE_SIZE = 24
GRID_PAGE_SIZE = 60
NOTES_PAGE_SIZE = 30


def _ours(person: Person, couple: Couple):
    return Memory.objects.visible_to(person).filter(space=couple.space)


def _drop_unseen_covers(person: Person, couple: Couple, memories) -> list[Memory]:
    """A cover added by someone who has since left the space isn't theirs to show any more."""
    seeing = {person.pk} | ({couple.partner.pk} if couple.partner else set())
    memories = list(memories)
    for memory in memories:
        if memory.cover_id and memory.cover.author_id not in seeing:
            memory.cover = None
    return memories


def timeline(person: Person, couple: Couple, page_number) -> Page:
    """A page of memories and small wins, newest first: one story, by year and month."""
    memories = _ours(person, couple).select_related("author", "cover").order_by("-date", "-id")
    page = Paginator(memories, TIMELINE_PAGE_SIZE).get_page(page_number)
    page.object_list = _drop_unseen_covers(person, couple, page.object_list)
    return page


def memory_for(person: Person, couple: Couple, memory_id: int) -> Memory | None:
    hidden = MemoryHide.objects.filter(person=person.pk, memory=OuterRef("pk"))
    return _ours(person, couple).select_related("author").annotate(hidden=Exists(hidden)).filter(pk=memory_id).first()


def photos_of(person: Person, memory: Memory) -> list[Photo]:
    return list(Photo.objects.visible_to(person).filter(memory=memory))


def lines_of(person: Person, memory: Memory) -> list[MemoryLine]:
    return list(MemoryLine.objects.visible_to(person).filter(memory=memory).select_related("author"))


def photo_grid(person: Person, couple: Couple, page_number) -> Page:
    """Every photo the viewer may see in their space, newest memory first, with whether its memory is
    still theirs to open (a photo you added to a memory that left with your former partner stays yours)."""
    photos = (
        Photo.objects.visible_to(person)
        .filter(space=couple.space)
        .select_related("memory")
        .annotate(memory_open=Case(When(shared_q(person, author="memory__author", space="memory__space"), then=Value(True)), default=Value(False)))
        .order_by("-memory__date", "-memory_id", "id")
    )
    return Paginator(photos, GRID_PAGE_SIZE).get_page(page_number)


def photo_for(person: Person, photo_id: int) -> Photo | None:
    """A photo the viewer may see: their own, or their partner's while both share its space."""
    return Photo.objects.visible_to(person).filter(pk=photo_id).first()


# --- on this day ---------------------------------------------------------------------------


def month_before(day: dt.date) -> dt.date | None:
    """The same day a month earlier, or None when that month has no such day (no 31 February)."""
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    try:
        return day.replace(year=year, month=month)
    except ValueError:
        return None


def on_this_day(person: Person, couple: Couple, today: dt.date) -> tuple[Memory, str] | None:
    """A memory from this date in an earlier year — or, when there is none (a young book), from
    this day a month ago — that the viewer hasn't hidden. With several, each year brings another.

    Costs no query when the space's `memory_days` says no memory has today's (or a month ago's)
    date, and one query otherwise. A memory has one date, so it can only come back on one day a
    year (and once, a month after): never two days in a row.
    """
    days = set(couple.space.memory_days or ())
    month_ago = month_before(today)
    if f"{today:%m-%d}" not in days and (month_ago is None or f"{month_ago:%m-%d}" not in days):
        return None
    anniversary = Q(date__month=today.month, date__day=today.day, date__year__lt=today.year)
    match = anniversary | Q(date=month_ago) if month_ago else anniversary
    hidden = MemoryHide.objects.filter(person=person.pk, memory=OuterRef("pk"))
    candidates = _drop_unseen_covers(
        person,
        couple,
        _ours(person, couple)
        .filter(match, precision=Memory.DAY)
        .exclude(Exists(hidden))
        .select_related("cover")
        .order_by("date", "id")[:100],
    )
    earlier = [m for m in candidates if m.date.year < today.year and (m.date.month, m.date.day) == (today.month, today.day)]
    if earlier:
        return earlier[today.year % len(earlier)], "anniversary"
    if candidates:
        return candidates[today.year % len(candidates)], "month"
    return None


# --- private notes -------------------------------------------------------------------------


def notes_for(person: Person, page_number) -> Page:
    return Paginator(PrivateNote.objects.visible_to(person), NOTES_PAGE_SIZE).get_page(page_number)


def note_for(person: Person, note_id: int) -> PrivateNote | None:
    return PrivateNote.objects.visible_to(person).filter(pk=note_id).first()
