"""Conversation prompts: a couple's own questions, draws from the decks, sealed answers, favourites."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rekindle.prompts.content import CUSTOM_PREFIX, TEXT_MAX
from rekindle.spaces.models import Space
from rekindle.spaces.selectors import SealedContentQuerySet, SharedContentQuerySet, SpaceQuerySet

ANSWER_MAX = 1000
KEY_MAX = 48


class CustomPrompt(models.Model):
    """A question a couple wrote for themselves; together they make the deck called "ours"."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="custom_prompts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="custom_prompts")
    text = models.CharField(max_length=TEXT_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SharedContentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    @property
    def key(self) -> str:
        return f"{CUSTOM_PREFIX}{self.pk}"


class Draw(models.Model):
    """One question drawn for a space. Within a cycle a deck never gives the same question twice."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="draws")
    deck_slug = models.CharField(max_length=KEY_MAX)
    prompt_key = models.CharField(max_length=KEY_MAX, help_text="The deck prompt's id, or custom-<pk>.")
    cycle = models.PositiveIntegerField(default=1)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    drawn_at = models.DateTimeField(default=timezone.now)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["space", "deck_slug", "cycle", "prompt_key"], name="no_repeat_within_a_cycle"
            )
        ]
        ordering = ["-id"]


class PromptAnswerQuerySet(SealedContentQuerySet):
    """Your own answers, and your partner's once you have answered the same draw."""

    space_lookup = "draw__space"
    pair_fields = ("draw",)


class PromptAnswer(models.Model):
    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prompt_answers")
    text = models.CharField(max_length=ANSWER_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PromptAnswerQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["draw", "author"], name="one_answer_per_draw_per_person")]
        ordering = ["created_at"]


class Favourite(models.Model):
    """A question the couple wants to keep; shared by both of them."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="favourite_prompts")
    prompt_key = models.CharField(max_length=KEY_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["space", "prompt_key"], name="one_favourite_per_prompt")]
        ordering = ["-created_at", "-id"]
