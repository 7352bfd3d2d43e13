"""Writes for memories, small wins, photos and private notes. Each checks its rules and is atomic.

Photos are decoded and re-encoded before the transaction opens (it takes a moment of CPU);
their files are written inside it and taken away again if it fails. A deleted photo's files
go once the deletion is committed (`apps.py` connects that for every way a photo is deleted).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from rekindle.memories.models import (
    LINE_MAX,
    NOTE_MAX,
    PHOTOS_MAX,
    PLACE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    WIN_MAX,
    Memory,
    MemoryLine,
    Photo,
    PrivateNote,
)
from rekindle.memories.photos import CleanPhoto, clean_photo
from rekindle.news import kinds as news
from rekindle.news.services import news_forget, news_record
from rekindle.spaces.models import Person, Space
from rekindle.spaces.selectors import Couple

NOT_HERE = "That memory isn't in your book — it may have been deleted."
NOTE_NOT_HERE = "That note isn't here any more — it may have been deleted already."
MEMORY_NEWS = (news.MEMORY_ADD, news.MEMORY_LINE, news.WIN_ADD)


def _clean(value: str | None, *, limit: int, too_long: str, empty: str = "") -> str:
    value = (value or "").strip()
    if empty and not value:
        raise ValidationError(empty, code="empty")
    if len(value) > limit:
        raise ValidationError(too_long.format(count=len(value), limit=limit), code="too_long")
    return value


def _collect(errors: dict, field: str, check):
    try:
        return check()
    except ValidationError as exc:
        errors[field] = exc
        return None


def _our_memory(person: Person, couple: Couple, memory_id: int, *, lock: bool = False) -> Memory:
    memories = Memory.objects.visible_to(person).filter(space=couple.space)
    if lock:
        memories = memories.select_for_update()
    memory = memories.filter(pk=memory_id).first()
    if memory is None:
        raise ValidationError(NOT_HERE, code="not_found")
    return memory


def refresh_memory_days(space: Space) -> None:
    """Keep `Space.memory_days` true: every memory with a known day, as {"MM-DD": [[id, author, year]]}.
    Today's "on this day" card chooses from it without a query. Memories with only a rough date
    ("summer 2019") have no anniversary, so they don't come back."""
    rows = (
        Memory.objects.filter(space=space, precision=Memory.DAY)
        .order_by("date", "id")
        .values_list("pk", "author_id", "date")
    )
    days: dict[str, list] = {}
    for memory_id, author_id, date in rows:
        days.setdefault(f"{date:%m-%d}", []).append([memory_id, author_id, date.year])
    Space.objects.filter(pk=space.pk).update(memory_days=days)
    space.memory_days = days


def _check_when(person: Person, date: dt.date | None, precision: str) -> tuple[dt.date, str]:
    if date is None:
        raise ValidationError("Say when it was — a day, or roughly, like “summer 2019”.", code="empty")
    if precision not in dict(Memory.PRECISIONS):
        raise ValidationError("Say when it was — a day, or roughly, like “summer 2019”.", code="invalid")
    if date > person.today():
        raise ValidationError(
            "That's still to come. A memory is something that has happened — pick a day up to today.", code="future"
        )
    return date, precision


def _write_photos(
    *, person: Person, memory: Memory, cleaned: Sequence[CleanPhoto], alts: Sequence[str], written: list
) -> list[Photo]:
    """Save the files and rows; every file written is noted in `written`, so a failure can take it away."""
    photos = []
    for index, clean in enumerate(cleaned):
        photo = Photo(
            memory=memory,
            space_id=memory.space_id,
            author=person,
            width=clean.width,
            height=clean.height,
            alt=(alts[index] if index < len(alts) else "").strip()[:TITLE_MAX],
        )
        photo.image.save("photo.jpg", ContentFile(clean.image), save=False)
        written.append(photo.image)
        photo.thumb.save("thumb.webp", ContentFile(clean.thumb), save=False)
        written.append(photo.thumb)
        photo.save()
        photos.append(photo)
    return photos


def _remove_files(written: list) -> None:
    for file in written:
        file.storage.delete(file.name)


def _refresh_cover(memory: Memory) -> None:
    photos = list(Photo.objects.filter(memory=memory).order_by("created_at", "id").values_list("pk", flat=True))
    memory.cover_id = photos[0] if photos else None
    memory.photo_count = len(photos)
    memory.save(update_fields=["cover", "photo_count"])


def clean_uploads(files: Sequence) -> tuple[list[CleanPhoto], list[str]]:
    """Each upload checked and re-encoded; the messages of the ones refused."""
    cleaned, problems = [], []
    for upload in files:
        try:
            cleaned.append(clean_photo(upload, getattr(upload, "name", "")))
        except ValidationError as exc:
            problems.extend(exc.messages)
    return cleaned, problems


def _check_photo_room(existing: int, adding: int) -> None:
    if existing + adding > PHOTOS_MAX:
        room = PHOTOS_MAX - existing
        raise ValidationError(
            f"A memory holds up to {PHOTOS_MAX} photos"
            + (f"; there's room for {room} more here." if room > 0 else ", and this one is full."),
            code="too_many_photos",
        )


def memory_add(
    *,
    person: Person,
    couple: Couple,
    title: str,
    text: str = "",
    place: str = "",
    date: dt.date | None,
    precision: str = Memory.DAY,
    photos: Sequence = (),
    alts: Sequence[str] = (),
    submission: uuid.UUID | None = None,
) -> Memory:
    """Add a memory to the couple's book, with up to ten photos."""
    errors: dict = {}
    title = _collect(
        errors,
        "title",
        lambda: _clean(
            title,
            limit=TITLE_MAX,
            empty="Give it a short title, like “The first night in the new flat”.",
            too_long="That's {count} characters; please keep the title to {limit}. The lines below have room for more.",
        ),
    )
    text = _collect(errors, "text", lambda: _clean(text, limit=TEXT_MAX, too_long="Please keep it to {limit} characters (it's {count} now)."))
    place = _collect(errors, "place", lambda: _clean(place, limit=PLACE_MAX, too_long="Please keep the place to {limit} characters."))
    when = _collect(errors, "date", lambda: _check_when(person, date, precision))
    cleaned: list[CleanPhoto] = []
    if photos:
        try:
            _check_photo_room(0, len(photos))
            cleaned, problems = clean_uploads(photos)
            if problems:
                errors["photos"] = ValidationError(problems)
        except ValidationError as exc:
            errors["photos"] = exc
    if errors:
        raise ValidationError(errors)
    if submission is not None:
        earlier = Memory.objects.filter(author=person, submission=submission).first()
        if earlier is not None:
            return earlier  # the same form sent twice
    written: list = []
    try:
        with transaction.atomic():
            memory = _memory_create(
                person=person, couple=couple, title=title, text=text, place=place, when=when, submission=submission
            )
            if cleaned:
                _write_photos(person=person, memory=memory, cleaned=cleaned, alts=alts, written=written)
                _refresh_cover(memory)
            refresh_memory_days(couple.space)
            news_record(actor=person, space=couple.space, kind=news.MEMORY_ADD, object_id=memory.pk, couple=couple, fresh=True)
    except BaseException:
        _remove_files(written)
        raise
    return memory


def _memory_create(*, person, couple, title, text, place, when, submission) -> Memory:
    return Memory.objects.create(
        space=couple.space,
        author=person,
        kind=Memory.MEMORY,
        title=title,
        text=text,
        place=place,
        date=when[0],
        precision=when[1],
        submission=submission,
    )


@transaction.atomic
def win_add(*, person: Person, couple: Couple, text: str, submission: uuid.UUID | None = None) -> Memory:
    """One line in the small-wins journal, dated today and shared at once."""
    text = _clean(
        text,
        limit=WIN_MAX,
        empty="Write the small win in a line — “we laughed about the burnt toast”.",
        too_long="Please keep it to one line — {limit} characters at most (it's {count} now).",
    )
    if submission is not None:
        earlier = Memory.objects.filter(author=person, submission=submission).first()
        if earlier is not None:
            return earlier
    win = Memory.objects.create(
        space=couple.space, author=person, kind=Memory.WIN, title=text, date=person.today(), submission=submission
    )
    refresh_memory_days(couple.space)
    news_record(actor=person, space=couple.space, kind=news.WIN_ADD, object_id=win.pk, couple=couple, fresh=True)
    return win


@transaction.atomic
def memory_edit(
    *,
    person: Person,
    couple: Couple,
    memory_id: int,
    title: str,
    text: str = "",
    place: str = "",
    date: dt.date | None,
    precision: str = Memory.DAY,
) -> Memory:
    """The one who started a memory can change its title, lines, place and date."""
    memory = _our_memory(person, couple, memory_id, lock=True)
    if memory.author_id != person.pk:
        raise ValidationError("Only the one who started this memory can change it. You can add your own line.", code="not_yours")
    limit = WIN_MAX if memory.is_win else TITLE_MAX
    errors: dict = {}
    title = _collect(
        errors,
        "title",
        lambda: _clean(title, limit=limit, empty="It needs a title.", too_long="Please keep the title to {limit} characters."),
    )
    text = _collect(errors, "text", lambda: _clean(text, limit=TEXT_MAX, too_long="Please keep it to {limit} characters (it's {count} now)."))
    place = _collect(errors, "place", lambda: _clean(place, limit=PLACE_MAX, too_long="Please keep the place to {limit} characters."))
    when = _collect(errors, "date", lambda: _check_when(person, date, precision))
    if errors:
        raise ValidationError(errors)
    memory.title, memory.text, memory.place = title, text, place
    memory.date, memory.precision = when
    memory.save(update_fields=["title", "text", "place", "date", "precision"])
    refresh_memory_days(couple.space)
    return memory


@transaction.atomic
def memory_delete(*, person: Person, couple: Couple, memory_id: int) -> Memory:
    """Delete a memory you started, with its photos (their files too) and everyone's lines on it."""
    memory = _our_memory(person, couple, memory_id, lock=True)
    if memory.author_id != person.pk:
        raise ValidationError("Only the one who started this memory can delete it.", code="not_yours")
    news_forget(space=couple.space, of_kinds=MEMORY_NEWS, object_id=memory.pk)
    # Lines and photos outlive their memory only when its author closes their account (their
    # parent link is SET_NULL); deleting one memory takes them with it. Files go on commit (apps.py).
    memory.photos.all().delete()
    memory.lines.all().delete()
    memory.delete()
    refresh_memory_days(couple.space)
    return memory


@transaction.atomic
def memory_line_save(*, person: Person, couple: Couple, memory_id: int, text: str) -> MemoryLine | None:
    """Your own "what I remember" on a memory; an empty line takes yours away. Returns it, or None."""
    memory = _our_memory(person, couple, memory_id)
    text = _clean(text, limit=LINE_MAX, too_long="Please keep your line to {limit} characters (it's {count} now).")
    line = MemoryLine.objects.filter(memory=memory, author=person).first()
    if not text:
        if line is not None:
            line.delete()
        return None
    if line is None:
        line = MemoryLine.objects.create(memory=memory, author=person, text=text)
        if memory.author_id != person.pk:
            news_record(actor=person, space=couple.space, kind=news.MEMORY_LINE, object_id=memory.pk, couple=couple)
    elif line.text != text:
        line.text, line.updated_at = text, timezone.now()
        line.save(update_fields=["text", "updated_at"])
    return line


def photos_add(*, person: Person, couple: Couple, memory_id: int, files: Sequence, alts: Sequence[str] = ()) -> list[Photo]:
    """Either partner adds photos to a memory, up to ten on it in all."""
    _our_memory(person, couple, memory_id)  # refuse early, before any decoding
    if not files:
        raise ValidationError("Choose one or more photos first.", code="empty")
    cleaned, problems = clean_uploads(files)
    if problems:
        raise ValidationError(problems, code="bad_photo")
    written: list = []
    try:
        with transaction.atomic():
            memory = _our_memory(person, couple, memory_id, lock=True)
            _check_photo_room(Photo.objects.filter(memory=memory).count(), len(cleaned))
            added = _write_photos(person=person, memory=memory, cleaned=cleaned, alts=alts, written=written)
            _refresh_cover(memory)
    except BaseException:
        _remove_files(written)
        raise
    return added


@transaction.atomic
def photo_remove(*, person: Person, couple: Couple, photo_id: int) -> Photo:
    """Take away a photo you added. Its files go once this is saved."""
    photo = Photo.objects.visible_to(person).filter(pk=photo_id).select_related("memory").first()
    if photo is None:
        raise ValidationError("That photo isn't here any more.", code="not_found")
    if photo.author_id != person.pk:
        raise ValidationError("Only the one who added a photo can take it away.", code="not_yours")
    memory = Memory.objects.select_for_update().filter(pk=photo.memory_id).first()
    photo.delete()
    if memory is not None:
        _refresh_cover(memory)
    return photo


@transaction.atomic
def memory_hide(*, person: Person, couple: Couple, memory_id: int, hidden: bool) -> bool:
    """Stop (or start again) bringing this memory back to you on Today. Only for you."""
    memory = _our_memory(person, couple, memory_id)
    fresh = Person.objects.select_for_update(no_key=True).only("pk", "memories_hidden").get(pk=person.pk)
    ids = [i for i in fresh.memories_hidden or () if i != memory.pk] + ([memory.pk] if hidden else [])
    Person.objects.filter(pk=person.pk).update(memories_hidden=ids)
    person.memories_hidden = ids
    return hidden


# --- private notes -------------------------------------------------------------------------


def _note_text(text: str) -> str:
    return _clean(
        text,
        limit=NOTE_MAX,
        empty="Write something first — it's only for you.",
        too_long="That's {count} characters; a note can hold {limit}. Split it into two?",
    )


@transaction.atomic
def private_note_add(*, person: Person, text: str, submission: uuid.UUID | None = None) -> PrivateNote:
    """A note for yourself. Nobody else ever reads it: not your partner, not the news, not their export."""
    text = _note_text(text)
    if submission is not None:
        earlier = PrivateNote.objects.filter(author=person, submission=submission).first()
        if earlier is not None:
            return earlier
    return PrivateNote.objects.create(author=person, text=text, submission=submission)


@transaction.atomic
def private_note_edit(*, person: Person, note_id: int, text: str) -> PrivateNote:
    note = PrivateNote.objects.visible_to(person).select_for_update().filter(pk=note_id).first()
    if note is None:
        raise ValidationError(NOTE_NOT_HERE, code="not_found")
    note.text, note.updated_at = _note_text(text), timezone.now()
    note.save(update_fields=["text", "updated_at"])
    return note


@transaction.atomic
def private_note_delete(*, person: Person, note_id: int) -> PrivateNote:
    note = PrivateNote.objects.visible_to(person).filter(pk=note_id).first()
    if note is None:
        raise ValidationError(NOTE_NOT_HERE, code="not_found")
    note.delete()
    return note
