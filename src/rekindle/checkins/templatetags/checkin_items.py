"""`{% compact_items items couple reflect_links %}`: the read-only roses, buds and thorns of a day.

The history page shows up to sixty of these; built here rather than by including
`checkins/_item.html` once per item, they cost a fraction as much to render. Every word a
person wrote goes through `html.escape` (what Django's `escape` does, without its lazy-text
wrapper, which was most of the cost). The interactive item (reflect, "that's it") stays in
`_item.html`.
"""

from __future__ import annotations

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

register = template.Library()


def _reflection(it, partner: str) -> str:
    """The reflection under an item, `partner` already escaped."""
    reflection, text = it.reflection, escape(it.reflection.text)
    if it.is_mine:
        said = ""
        if reflection.response == "yes":
            said = """<p class="pill pill-ok">You said: that's it</p>"""
        elif reflection.response:
            said = '<p class="pill">You said: not quite</p>'
        return f'<div class="reflection"><p><strong>{partner} heard:</strong> {text}</p>{said}</div>'
    if reflection.response == "yes":
        status = f"{partner} says: that's it."
    elif reflection.response == "not_quite":
        status = f"{partner} says: not quite. Want to try again?"
    else:
        status = "Waiting to hear if that's it."
    return f'<div class="reflection"><p><strong>You heard:</strong> {text}</p><p class="quiet">{status}</p></div>'


@register.simple_tag
def compact_items(items, couple, reflect_links=False) -> str:
    partner = escape(couple.partner.display_name) if couple.partner else ""
    day_urls: dict = {}  # one reverse per day, not per item
    rows = []
    for it in items:
        anchor = it.anchor
        reflection = _reflection(it, partner) if it.reflection else ""
        link = ""
        if reflect_links and it.can_reflect and not it.reflection:
            if it.day not in day_urls:
                day_urls[it.day] = reverse("checkin_day", kwargs={"day": it.day})
            link = f'<a href="{day_urls[it.day]}#{anchor}">Reflect this {it.item}</a>'
        rows.append(
            f'<li id="{anchor}"><span class="item-label">{it.item}</span>'
            f'<p class="item-text">{escape(it.text)}</p>{reflection}{link}</li>'
        )
    return mark_safe("".join(rows))  # built above: fixed markup, and every person's words escaped
