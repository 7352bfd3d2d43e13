"""Talk: the decks, a drawn question with sealed answers, favourites, a couple's own questions, the timer.

htmx requests get the partial that changed; every form also works as a plain POST.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from rekindle.prompts import selectors, services
from rekindle.prompts.forms import AnswerForm, CustomPromptForm
from rekindle.spaces.decorators import needs_space

TALK_LENGTH = dt.timedelta(minutes=15)
ANSWER_FIELD_ERRORS = {"empty", "too_long"}  # shown at the field; the rest above the form


def _decks_context(person, couple, custom_form=None) -> dict:
    *decks, ours_deck = selectors.deck_list(couple)  # their own questions come last
    return {
        "decks": decks,
        "ours_deck": ours_deck,
        "ours": selectors.our_prompts(person, couple),
        "custom_form": custom_form or CustomPromptForm(),
    }


def _talk_context(person, couple, custom_form=None) -> dict:
    recent = selectors.recent_draws(person, couple)
    return {
        "couple": couple,
        "recent": recent,
        "tonight": selectors.open_draw(recent),
        "favourites": selectors.favourites(person, couple),
        **_decks_context(person, couple, custom_form),
    }


@needs_space
def talk(request, couple):
    return render(request, "prompts/talk.html", _talk_context(request.user, couple))


def _int_or_none(raw: str | None) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


@needs_space
@require_POST
def draw(request, couple):
    try:
        drawn = services.draw_prompt(
            person=request.user,
            couple=couple,
            deck_slug=request.POST.get("deck", ""),
            seen_draw_id=_int_or_none(request.POST.get("seen")),
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("talk")
    if couple.partner and drawn.drawn_by_id == couple.partner.pk:
        messages.info(request, f"{couple.partner.display_name} has just drawn this one, so you're on the same question.")
    return redirect("talk_question", draw_id=drawn.pk)


def _answer_form(view: selectors.DrawView) -> AnswerForm | None:
    if view.revealed:
        return None
    return AnswerForm(initial={"answer": view.mine.text} if view.mine else None)


@needs_space
def question(request, couple, draw_id: int):
    """A drawn question: your answer (sealed until your partner answers), then both answers."""
    person = request.user
    view = selectors.draw_view(person, couple, draw_id)
    if view is None:
        raise Http404("No such question in your space.")
    if request.method == "GET":
        context = {"couple": couple, "view": view}
        if request.htmx:  # the status line polling for the partner's answer
            return render(request, "prompts/_status.html", context)
        return render(request, "prompts/question.html", {**context, "form": _answer_form(view)})

    form = AnswerForm(request.POST)
    saved = False
    if form.is_valid():
        try:
            services.answer_save(person=person, draw_id=draw_id, text=form.cleaned_data["answer"])
        except ValidationError as exc:
            form.add_error("answer" if exc.code in ANSWER_FIELD_ERRORS else None, exc)
        else:
            saved = True
    view = selectors.draw_view(person, couple, draw_id)
    if saved and not request.htmx:
        messages.success(request, "Your answer is saved.")
        return redirect("talk_question", draw_id=draw_id)
    context = {"couple": couple, "view": view, "form": _answer_form(view) if saved else form, "just_saved": saved}
    if request.htmx:
        return render(request, "prompts/_answer_card.html", context)
    return render(request, "prompts/question.html", context, status=400)


@needs_space
def timer(request, couple, draw_id: int):
    """Fifteen phone-free minutes; without JavaScript it simply says when they are up."""
    view = selectors.draw_view(request.user, couple, draw_id)
    if view is None:
        raise Http404("No such question in your space.")
    context = {
        "couple": couple,
        "view": view,
        "ends_at": timezone.now() + TALK_LENGTH,
        "seconds": int(TALK_LENGTH.total_seconds()),
    }
    return render(request, "prompts/timer.html", context)


@needs_space
@require_POST
def favourite(request, couple, draw_id: int):
    on = request.POST.get("on")
    if on not in {"1", "0"}:
        messages.error(request, "Choose whether to keep it as a favourite.")
        return redirect("talk_question", draw_id=draw_id)
    try:
        services.favourite_set(person=request.user, draw_id=draw_id, on=on == "1")
    except ValidationError:
        raise Http404("No such question in your space.") from None
    if request.htmx:
        view = selectors.draw_view(request.user, couple, draw_id)
        return render(request, "prompts/_favourite.html", {"view": view, "just_changed": True})
    messages.success(request, "Kept in your favourites." if on == "1" else "Taken out of your favourites.")
    if request.POST.get("back") == "talk":
        return redirect(reverse("talk") + "#favourites")
    return redirect("talk_question", draw_id=draw_id)


@needs_space
@require_POST
def ours_add(request, couple):
    """Add a question of the couple's own; it joins their own deck."""
    person = request.user
    form = CustomPromptForm(request.POST)
    saved = False
    if form.is_valid():
        try:
            services.custom_prompt_add(person=person, couple=couple, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error("text", exc)
        else:
            saved = True
            if not request.htmx:
                messages.success(request, "Added to your own questions.")
                return redirect(reverse("talk") + "#ours")
    if request.htmx:
        context = {
            "couple": couple,
            "tonight": selectors.tonight(person, couple),
            "just_saved": saved,
            **_decks_context(person, couple, None if saved else form),
        }
        return render(request, "prompts/_ours.html", context)
    return render(request, "prompts/talk.html", _talk_context(person, couple, form), status=400)
