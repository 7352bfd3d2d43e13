"""Conversation prompts: own questions, drawn questions and answers, as kinds of the export."""

from __future__ import annotations

from rekindle.prompts.models import CustomPrompt, Draw, PromptAnswer
from rekindle.spaces.exports import Kind

KINDS = (
    Kind("custom_prompts", CustomPrompt, "Questions I wrote", ("text", "created_at"), words=("text",)),
    # A drawn question pairs two answers; an imported answer gets a draw of its own.
    Kind("prompt_draws", Draw, "Questions drawn", ("deck_slug", "prompt_key", "cycle", "drawn_at"),
         owner=None, when="drawn_at", order=("drawn_at", "id")),
    Kind("prompt_answers", PromptAnswer, "Answers to questions", ("text", "created_at", "updated_at"),
         refs={"draw": "prompt_draws"}, space=None, words=("text",)),
)
