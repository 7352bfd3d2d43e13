"""What a person wrote in conversation prompts, for their own export."""

from __future__ import annotations

from rekindle.prompts import content
from rekindle.prompts.models import CustomPrompt, PromptAnswer

PARTNERS_QUESTION = "(a question your partner wrote)"


def _question(answer: PromptAnswer, own_texts: dict[str, str]) -> str:
    """The question's words, unless a partner wrote them: their words stay theirs."""
    key = answer.draw.prompt_key
    if key.startswith(content.CUSTOM_PREFIX):
        return own_texts.get(key, PARTNERS_QUESTION)
    found = content.prompt_index().get(key)
    return found[1].text if found else ""


def prompt_answers(person) -> list[dict]:
    own_texts = {prompt.key: prompt.text for prompt in CustomPrompt.objects.filter(author=person)}
    return [
        {
            "drawn_at": answer.draw.drawn_at.isoformat(),
            "deck": answer.draw.deck_slug,
            "question": _question(answer, own_texts),
            "answer": answer.text,
            "written_at": answer.created_at.isoformat(),
        }
        for answer in PromptAnswer.objects.filter(author=person).select_related("draw").order_by("created_at")
    ]


def custom_prompts(person) -> list[dict]:
    return [
        {"written_at": prompt.created_at.isoformat(), "text": prompt.text}
        for prompt in CustomPrompt.objects.filter(author=person).order_by("created_at")
    ]
