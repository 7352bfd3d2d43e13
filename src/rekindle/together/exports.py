"""What a person wrote on the bucket list, for their own export."""

from __future__ import annotations

from django.db.models import Q

from rekindle.together.models import BucketItem

PARTNERS_ITEM = "(an item your partner added)"


def bucket_list(person) -> list[dict]:
    """Items the person added, and the memory lines they wrote, in one query.

    A memory line written on the partner's item comes without the partner's words: only
    the library idea's title when it came from there.
    """
    rows = []
    for item in BucketItem.objects.filter(Q(author=person) | Q(done_by=person)).order_by("created_at", "id"):
        mine = item.author_id == person.pk
        if not mine and not item.memory:
            continue
        rows.append(
            {
                "title": item.title if mine else (item.idea.title if item.idea else PARTNERS_ITEM),
                "note": item.note if mine else "",
                "idea_id": item.idea_id,
                "added_at": item.created_at.isoformat() if mine else None,
                "done_on": item.done_on.isoformat() if item.done_on else None,
                "memory": item.memory if item.done_by_id == person.pk else "",
            }
        )
    return rows
