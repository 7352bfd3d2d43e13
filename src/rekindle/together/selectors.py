"""Viewer-scoped reads of the bucket list.

Everything starts from `BucketItem.objects.visible_to(person)` and stays in the viewer's
current space: what someone wrote with a former partner isn't mixed into a new list.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple
from rekindle.together.models import BucketItem

DONE_PAGE_SIZE = 20


def _ours(person: Person, couple: Couple):
    return BucketItem.objects.visible_to(person).filter(space=couple.space)


def _with_people(couple: Couple, items: list[BucketItem]) -> list[BucketItem]:
    """Author and who marked it done from the couple, not by joining the people table twice.
    An item here is always by one of the two; one marked done by a former partner (rare)
    loads that person when shown."""
    for item in items:
        for field, person_id in (("author", item.author_id), ("done_by", item.done_by_id)):
            person = couple.member(person_id) if person_id is not None else None
            if person is not None:
                setattr(item, field, person)
    return items


def open_items(person: Person, couple: Couple) -> list[BucketItem]:
    """What the two of you still want to do, newest first."""
    return _with_people(couple, list(_ours(person, couple).filter(done_on__isnull=True)))


def done_items(person: Person, couple: Couple, page_number) -> Page:
    """A page of what you've done together, most recent first: your memories."""
    done = _ours(person, couple).filter(done_on__isnull=False).order_by("-done_on", "-id")
    page = Paginator(done, DONE_PAGE_SIZE).get_page(page_number)
    page.object_list = _with_people(couple, list(page.object_list))
    return page


def item_for(person: Person, couple: Couple, item_id: int) -> BucketItem | None:
    item = _ours(person, couple).filter(pk=item_id).first()
    return _with_people(couple, [item])[0] if item is not None else None


def listed_idea_ids(person: Person, couple: Couple) -> set[str]:
    """Library ideas already on the list and not yet done."""
    listed = _ours(person, couple).filter(done_on__isnull=True).exclude(idea_id="")
    return set(listed.values_list("idea_id", flat=True))
