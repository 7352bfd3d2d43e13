"""Writes for the shared bucket list. Each one checks its rules and is atomic."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from rekindle.news import kinds as news
from rekindle.news.services import news_forget, news_record
from rekindle.spaces.models import Person, Space
from rekindle.spaces.selectors import Couple
from rekindle.together.content import idea_for
from rekindle.together.models import MEMORY_MAX, NOTE_MAX, TITLE_MAX, BucketItem

NOT_ON_LIST = "That isn't on your bucket list — it may have been taken off already."


def _clean(value: str | None, *, limit: int, too_long: str, empty: str = "") -> str:
    value = (value or "").strip()
    if empty and not value:
        raise ValidationError(empty, code="empty")
    if len(value) > limit:
        raise ValidationError(too_long.format(count=len(value), limit=limit), code="too_long")
    return value


def _lock_list(couple: Couple) -> None:
    """Take the space's row lock, so both partners' writes to the list happen one at a time."""
    Space.objects.select_for_update(no_key=True).filter(pk=couple.space.pk).first()


def _our_items(person: Person, couple: Couple):
    return BucketItem.objects.visible_to(person).filter(space=couple.space)


@transaction.atomic
def bucket_item_add(
    *, person: Person, couple: Couple, title: str, note: str = "", submission: uuid.UUID | None = None
) -> BucketItem:
    """Add your own idea to the couple's list."""
    errors = {}
    try:
        title = _clean(
            title,
            limit=TITLE_MAX,
            empty="Give it a short name, like “Try the new noodle bar”.",
            too_long="That's {count} characters; please keep the name to {limit}. The note has room for more.",
        )
    except ValidationError as exc:
        errors["title"] = exc
    try:
        note = _clean(note, limit=NOTE_MAX, too_long="Please keep the note to {limit} characters (it's {count} now).")
    except ValidationError as exc:
        errors["note"] = exc
    if errors:
        raise ValidationError(errors)
    _lock_list(couple)
    if submission is not None:
        earlier = BucketItem.objects.filter(author=person, submission=submission).first()
        if earlier is not None:
            return earlier  # the same form sent twice
    item = BucketItem.objects.create(space=couple.space, author=person, title=title, note=note, submission=submission)
    news_record(actor=person, space=couple.space, kind=news.BUCKET_ADD, object_id=item.pk, couple=couple, fresh=True)
    return item


@transaction.atomic
def bucket_idea_add(*, person: Person, couple: Couple, idea_id: str) -> tuple[BucketItem, bool]:
    """Put a library idea on the list; if it's already there and not yet done, that one is returned.

    Returns the item and whether it was added just now.
    """
    idea = idea_for(idea_id)
    if idea is None:
        raise ValidationError("We couldn't find that idea in the library.", code="unknown_idea")
    _lock_list(couple)
    listed = _our_items(person, couple).filter(idea_id=idea.id, done_on__isnull=True).select_related("author").first()
    if listed is not None:
        return listed, False
    item = BucketItem.objects.create(space=couple.space, author=person, idea_id=idea.id, title=idea.title)
    news_record(actor=person, space=couple.space, kind=news.BUCKET_ADD, object_id=item.pk, couple=couple, fresh=True)
    return item, True


@transaction.atomic
def bucket_item_mark_done(
    *, person: Person, couple: Couple, item_id: int, done_on: dt.date | None, memory: str = ""
) -> BucketItem:
    """Either partner marks an item done, on a day up to their own today, with a line about how it went."""
    item = _our_items(person, couple).select_for_update().filter(pk=item_id).first()
    if item is None:
        raise ValidationError(NOT_ON_LIST, code="not_found")
    errors = {}
    if done_on is None:
        errors["done_on"] = ValidationError("Pick the day you did it.", code="empty")
    elif done_on > person.today():
        errors["done_on"] = ValidationError(
            "That day hasn't come yet. Pick today or a day before — you can mark it done once you've been.",
            code="future",
        )
    try:
        memory = _clean(memory, limit=MEMORY_MAX, too_long="Please keep it to one line — {limit} characters at most.")
    except ValidationError as exc:
        errors["memory"] = exc
    if errors:
        raise ValidationError(errors)
    if item.done_on is not None:
        if item.done_on == done_on and item.memory == memory and item.done_by_id == person.pk:
            return item  # the same form sent twice
        raise ValidationError("This one is already marked as done — you'll find it under “Done together”.", code="already_done")
    item.done_on, item.done_by, item.memory = done_on, person, memory
    item.save(update_fields=["done_on", "done_by", "memory"])
    news_record(actor=person, space=couple.space, kind=news.BUCKET_DONE, object_id=item.pk, couple=couple, fresh=True)
    return item


@transaction.atomic
def bucket_item_remove(*, person: Person, couple: Couple, item_id: int) -> BucketItem:
    """Take an item you added off the list. Returns the removed item."""
    item = _our_items(person, couple).filter(pk=item_id).first()
    if item is None:
        raise ValidationError(NOT_ON_LIST, code="not_found")
    if item.author_id != person.pk:
        raise ValidationError("Only the one who added it can take it off the list.", code="not_yours")
    news_forget(space=couple.space, of_kinds=(news.BUCKET_ADD, news.BUCKET_DONE), object_id=item.pk)
    item.delete()
    return item
