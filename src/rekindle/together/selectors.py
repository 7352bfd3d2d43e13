"""Viewer-scoped reads of the bucket list.

Everything starts from `BucketItem.objects.visible_to(person)` and stays in the viewer's
current space: what someone wrote with a former partner isn't mixed into a new list.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from rekindle.lib.prepared import Pages, prepared
from rekindle.spaces.models import Person
from rekindle.spaces.selectors import Couple
from rekindle.together.models import BucketItem

DONE_PAGE_SIZE = 20


def _ours(person: Person, couple: Couple):
    return BucketItem.objects.visible_to(person).filter(space=couple.space)


@prepared
def _open(viewer, couple):
    return _ours(viewer, couple).filter(done_on__isnull=True)


@prepared
def _done(viewer, couple, start, stop):
    return _ours(viewer, couple).filter(done_on__isnull=False).order_by("-done_on", "-id")[start:stop]


def open_items(person: Person, couple: Couple) -> list[BucketItem]:
    """What the two of you still want to do, newest first."""
    return couple.fill_people(_open.rows(person), "author", "done_by")


def done_items(person: Person, couple: Couple, page_number) -> Page:
    """A page of what you've done together, most recent first: your memories."""
    page = Paginator(Pages(_done, person), DONE_PAGE_SIZE).get_page(page_number)
    page.object_list = couple.fill_people(list(page.object_list), "author", "done_by")
    return page


def item_for(person: Person, couple: Couple, item_id: int) -> BucketItem | None:
    item = _ours(person, couple).filter(pk=item_id).first()
    return couple.fill_people([item], "author", "done_by")[0] if item is not None else None


def listed_idea_ids(person: Person, couple: Couple) -> set[str]:
    """Library ideas already on the list and not yet done."""
    listed = _ours(person, couple).filter(done_on__isnull=True).exclude(idea_id="")
    return set(listed.values_list("idea_id", flat=True))
