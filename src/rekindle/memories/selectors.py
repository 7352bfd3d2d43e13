"""Viewer-scoped reads of the memory book and of private notes.

Memories, lines and photos start from `visible_to(person)` and stay in the viewer's current
space. Private notes have their own rule, `PrivateNote.objects.visible_to`: the author only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, Value, When

from rekindle.memories.models import Memory, MemoryLine, Photo, PrivateNote
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
    memory = _ours(person, couple).select_related("author").filter(pk=memory_id).first()
    if memory is not None:
        memory.hidden = memory.pk in (person.memories_hidden or ())
    return memory


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


def glance(person: Person, couple: Couple, memory_id: int) -> Memory | None:
    """The little that the "on this day" card shows of a memory: one query."""
    memory = _ours(person, couple).select_related("cover").filter(pk=memory_id).first()
    return _drop_unseen_covers(person, couple, [memory])[0] if memory else None


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


@dataclass(frozen=True)
class OnThisDay:
    memory_id: int
    date: dt.date
    why: str  # "anniversary" or "month"
    years_ago: int


def on_this_day(person: Person, couple: Couple, today: dt.date) -> OnThisDay | None:
    """A memory from this date in an earlier year — or, when there is none (a young book), from
    this day a month ago — that the viewer hasn't hidden. With several, each year brings another.

    No query: it is decided from the space's `memory_days` and the person's `memories_hidden`,
    both already loaded. Only memories the viewer may see count (their own, and their partner's
    while both are in the space). A memory has one date, so it can only come back on one day a
    year (and once, a month after it happened): never two days in a row.
    """
    days = couple.space.memory_days or {}
    if not isinstance(days, dict) or not days:
        return None
    seeing = {person.pk} | ({couple.partner.pk} if couple.partner else set())
    hidden = set(person.memories_hidden or ())

    def usable(key: str, keep) -> list:
        return [entry for entry in days.get(key, ()) if entry[1] in seeing and entry[0] not in hidden and keep(entry[2])]

    earlier = usable(f"{today:%m-%d}", lambda year: year < today.year)
    if earlier:
        memory_id, _, year = earlier[today.year % len(earlier)]
        return OnThisDay(memory_id, today.replace(year=year), "anniversary", today.year - year)
    month_ago = month_before(today)
    if month_ago is not None:
        recent = usable(f"{month_ago:%m-%d}", lambda year: year == month_ago.year)
        if recent:
            memory_id = recent[today.year % len(recent)][0]
            return OnThisDay(memory_id, month_ago, "month", 0)
    return None


# --- private notes -------------------------------------------------------------------------


def notes_for(person: Person, page_number) -> Page:
    return Paginator(PrivateNote.objects.visible_to(person), NOTES_PAGE_SIZE).get_page(page_number)


def note_for(person: Person, note_id: int) -> PrivateNote | None:
    return PrivateNote.objects.visible_to(person).filter(pk=note_id).first()
