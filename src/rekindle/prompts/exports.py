"""Conversation prompts: own questions, drawn questions and answers, as kinds of the export."""

from __future__ import annotations

from rekindle.prompts.content import CUSTOM_PREFIX
from rekindle.prompts.models import CustomPrompt, Draw, PromptAnswer
from rekindle.spaces.exports import Kind


def _own_question_here(draw: Draw, local_id) -> None:
    """A question of the couple's own is named by its id (custom-<id>): here, by its new one.
    One the partner wrote isn't imported, so its draw names no question."""
    rest = draw.prompt_key.removeprefix(CUSTOM_PREFIX)
    if draw.prompt_key.startswith(CUSTOM_PREFIX) and rest.isdigit():
        draw.prompt_key = f"{CUSTOM_PREFIX}{local_id('custom_prompts', int(rest)) or 0}"

KINDS = (
    Kind("custom_prompts", CustomPrompt, "Questions of our own", ("text", "created_at"), words=("text",)),
    # A drawn question pairs two answers; an imported answer gets a draw of its own.
    Kind("prompt_draws", Draw, "Questions drawn", ("deck_slug", "prompt_key", "cycle", "drawn_at"),
         owner=None, when="drawn_at", order=("drawn_at", "id"), on_import=_own_question_here, after=("custom_prompts",)),
    Kind("prompt_answers", PromptAnswer, "Answers to questions", ("text", "created_at", "updated_at"),
         refs={"draw": "prompt_draws"}, space=None, words=("text",)),
)
