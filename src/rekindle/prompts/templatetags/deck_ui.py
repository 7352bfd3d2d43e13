"""`{% load deck_ui %}`: a deck's progress line and its draw button, built in Python.

Talk shows both for every deck; two template includes per deck were a third of the page's
cost. Deck titles come from the content files and are escaped here.
"""

from __future__ import annotations

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from rekindle.checkins.markup import csrf_input

register = template.Library()


def _progress(deck) -> str:
    if deck.used_up:
        said = f"All {deck.total} talked about. The next draw starts a fresh round."
    else:
        said = (f"Round {deck.cycle}: " if deck.cycle > 1 else "") + f"{deck.drawn} of {deck.total} talked about"
    return f'<p class="quiet">{said}</p>'


def _draw_form(deck, seen: int, csrf: str) -> str:
    return (
        f'<form method="post" action="{reverse("talk_draw")}">{csrf}'
        f'<input type="hidden" name="deck" value="{escape(deck.slug)}">'
        f'<input type="hidden" name="seen" value="{seen}">'
        f'<button type="submit" class="small">Draw a question<span class="visually-hidden"> from {escape(deck.title)}</span></button></form>'
    )


@register.simple_tag(takes_context=True)
def deck_progress_and_draw(context, deck, tonight=None) -> str:
    """`{% deck_progress_and_draw deck tonight %}`: how far you are through the deck, and a button
    to draw from it (`seen`: the open draw the page showed, so a double tap draws once)."""
    seen = tonight.draw.pk if tonight else 0
    return mark_safe(_progress(deck) + _draw_form(deck, seen, csrf_input(context.get("csrf_token"))))


@register.simple_tag(takes_context=True)
def deck_items(context, decks, tonight=None) -> str:
    """`{% deck_items decks tonight %}`: Talk's list of decks, each with why it helps."""
    csrf, seen = csrf_input(context.get("csrf_token")), tonight.draw.pk if tonight else 0
    rows = []
    for deck in decks:
        title = escape(deck.title)
        rows.append(
            f"<li><h3>{title}</h3><p>{escape(deck.description)}</p>{_progress(deck)}"
            f'<details class="reply"><summary>Why this helps<span class="visually-hidden">: {title}</span></summary>'
            f'<p class="quiet">{escape(deck.why)}</p></details>{_draw_form(deck, seen, csrf)}</li>'
        )
    return mark_safe("".join(rows))  # fixed markup; the content's words escaped above
