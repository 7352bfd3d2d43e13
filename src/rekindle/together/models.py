"""The couple's shared bucket list: small adventures to have together, and the memories they become."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Value, When
from django.utils import timezone

from rekindle.spaces.models import Space
from rekindle.spaces.selectors import SharedContentQuerySet, shared_q
from rekindle.together.content import Idea, idea_for

TITLE_MAX = 80
NOTE_MAX = 280
MEMORY_MAX = 280


class BucketItemQuerySet(SharedContentQuerySet):
    def visible_to(self, person):
        """Items by the shared-content rule, each with its memory line as `visible_memory`.

        The memory line belongs to whoever marked the item done, who may not be the one
        who added it. It is shown to its writer and, while the writer is still in the
        item's space, to their partner: when the writer leaves, their words leave too.
        """
        items = super().visible_to(person)
        if not person.is_authenticated:
            return items
        shared = shared_q(person, author="done_by")
        return items.annotate(visible_memory=Case(When(shared, then=F("memory")), default=Value("")))


class BucketItem(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="bucket_items")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bucket_items")
    idea_id = models.CharField(max_length=40, blank=True, help_text="The library idea it came from, if any.")
    title = models.CharField(max_length=TITLE_MAX)
    note = models.CharField(max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    done_on = models.DateField(null=True, blank=True, help_text="The local date it was done.")
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    memory = models.CharField(max_length=MEMORY_MAX, blank=True, help_text="One line about how it went.")
    # The add form's one-time token: a double submit finds the first item instead of adding twice.
    submission = models.UUIDField(null=True, blank=True)

    objects = BucketItemQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["author", "submission"], name="one_bucket_item_per_submission")]
        indexes = [models.Index(fields=["space", "done_on"])]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def idea(self) -> Idea | None:
        return idea_for(self.idea_id) if self.idea_id else None
