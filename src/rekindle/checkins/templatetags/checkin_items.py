"""`{% load checkin_items %}`: check-in and appreciation markup built in Python (`checkins.markup`)."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from rekindle.checkins import markup

register = template.Library()

# Each tag returns markup.py's output: fixed markup, with every person's words escaped there.


@register.simple_tag(takes_context=True)
def checkin_both(context, day, couple, compact=False, heading_level=3) -> str:
    """`{% checkin_both day couple %}`: a day's two answers (read-only with `compact`)."""
    csrf = "" if compact else markup.csrf_input(context.get("csrf_token"))
    return mark_safe(markup.both(day, couple, csrf, compact=compact, heading_level=heading_level))


@register.simple_tag(takes_context=True)
def checkin_items(context, items, couple) -> str:
    """`{% checkin_items day.mine_items couple %}`: items that can be reflected and answered."""
    return mark_safe(markup.items(items, couple, markup.csrf_input(context.get("csrf_token"))))


@register.simple_tag
def history_days(days, couple) -> str:
    return mark_safe(markup.history_days(days, couple))


@register.simple_tag(takes_context=True)
def appreciation_items(context, appreciations) -> str:
    """`{% appreciation_items feed %}`: the feed's appreciations."""
    csrf = markup.csrf_input(context.get("csrf_token"))
    return mark_safe(markup.appreciations(appreciations, me_id=context["user"].pk, csrf=csrf, couple=context.get("couple")))


@register.simple_tag(takes_context=True)
def appreciation_item(context, appreciation) -> str:
    """One appreciation, as the feed shows it, with a reply's error and typed words sent back."""
    return mark_safe(
        markup.appreciation(
            appreciation,
            me_id=context["user"].pk,
            csrf=markup.csrf_input(context.get("csrf_token")),
            couple=context.get("couple"),
            reply_error=context.get("reply_error"),
            reply_typed=context.get("reply_typed") or "",
        )
    )
