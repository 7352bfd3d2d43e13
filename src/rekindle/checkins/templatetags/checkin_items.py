"""Markup built in Python for what a page shows many of: the read-only roses, buds and thorns of a
day (`{% compact_items %}`) and the appreciations feed (`{% appreciation_items %}`).

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


def _appreciation(a, *, me_id: int, csrf_input: str, reply_error: str | None = None, reply_typed: str = "") -> str:
    """One appreciation with its replies, and the reply form for the one it was written to."""
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    who = "You" if a.author_id == me_id else escape(a.author.display_name)
    replies = "".join(
        '<p class="reflection"><strong>'
        + ("Your reply" if reply.author_id == me_id else f"{escape(reply.author.display_name)} replied")
        + f":</strong> {escape(reply.text)}</p>"
        for reply in a.visible_replies
    )
    form = ""
    if a.author_id != me_id:
        post_url = escape(reverse("appreciation_reply", kwargs={"appreciation_id": a.pk}))
        error, invalid = "", ""
        if reply_error:
            error = f'<p class="errorlist" id="reply-{a.pk}-error" role="alert">{escape(reply_error)}</p>'
            invalid = f' aria-invalid="true" aria-describedby="reply-{a.pk}-error" data-focus-after-swap'
        form = (
            f'<details class="reply"{" open" if reply_error else ""}>'
            f'<summary>{"Change your reply" if a.visible_replies else "Reply"}</summary>'
            f'<form class="inline-form" method="post" action="{post_url}" hx-post="{post_url}"'
            f' hx-target="#appreciation-{a.pk}" hx-swap="outerHTML" novalidate>{csrf_input}'
            f'<div><label for="reply-{a.pk}">Your reply</label>{error}'
            f'<input type="text" id="reply-{a.pk}" name="text" maxlength="280" placeholder="That meant a lot…"'
            f' autocomplete="off" value="{escape(reply_typed or "")}"{invalid}></div>'
            '<button type="submit" class="small">Send reply</button></form></details>'
        )
    return (
        f'<li id="appreciation-{a.pk}"><p class="item-text">{escape(a.text)}</p>'
        f'<p class="byline">{who}, {date_format(localtime(a.created_at), "j F Y")}</p>{replies}{form}</li>'
    )


def _csrf_input(context) -> str:
    token = context.get("csrf_token")
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(token))}">' if token else ""


@register.simple_tag(takes_context=True)
def appreciation_items(context, appreciations) -> str:
    """`{% appreciation_items feed %}`: the feed's appreciations, built here rather than by
    including a template per item (most of the page's cost). Every person's words are escaped."""
    me_id, csrf_input = context["user"].pk, _csrf_input(context)
    return mark_safe("".join(_appreciation(a, me_id=me_id, csrf_input=csrf_input) for a in appreciations))


@register.simple_tag(takes_context=True)
def appreciation_item(context, appreciation) -> str:
    """One appreciation, as the feed shows it, with a reply's error and typed words sent back."""
    return mark_safe(
        _appreciation(
            appreciation,
            me_id=context["user"].pk,
            csrf_input=_csrf_input(context),
            reply_error=context.get("reply_error"),
            reply_typed=context.get("reply_typed") or "",
        )
    )
