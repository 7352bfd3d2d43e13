"""`{% icon "sun" %}`: a vendored Lucide icon (static/rekindle/icons/), inlined so it takes the
text colour. Decorative: hidden from assistive technology, so the words next to it carry the
meaning. Files are read once per process; nothing is fetched at run time."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from pathlib import Path

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import mark_safe

register = template.Library()

ICONS = Path(__file__).resolve().parents[2] / "static" / "rekindle" / "icons"
_NAME = re.compile(r"[a-z0-9-]+")


@lru_cache(maxsize=64)
def _svg(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise template.TemplateSyntaxError(f"Not an icon name: {name!r}")
    text = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r'\sclass="[^"]*"', "", text)
    text = re.sub(r'\s(width|height)="24"', "", text)
    text = " ".join(text.split())
    return text.replace("<svg", '<svg class="icon" aria-hidden="true" focusable="false"', 1)


@register.simple_tag
def icon(name: str) -> str:
    return mark_safe(_svg(name))  # our own vendored files, never user input


@lru_cache(maxsize=8)
def _tabs(script_prefix: str) -> tuple[tuple[str, str, str], ...]:
    """(key, link, the link's icon and label) for each destination, under one script prefix."""
    from rekindle.navigation.destinations import DESTINATIONS

    return tuple(
        (d.key, reverse(d.url_name), f'{_svg(d.icon)}<span class="tab-label">{escape(d.label)}</span>')
        for d in DESTINATIONS
    )


@register.simple_tag(takes_context=True)
def tab_bar(context) -> str:
    """The five tabs with the current one marked, and the unread mark after Today. Every signed-in
    page draws them, so the links and icons are built once per process, not per page."""
    current = context.get("nav_current", "")
    mark = context.template.engine.get_template("news/_unread_mark.html").render(context)
    items = []
    for key, href, inner in _tabs(get_script_prefix()):
        marked = ' aria-current="page"' if key == current else ""
        items.append(f'<li><a href="{href}" class="tab"{marked}>{inner}</a>{mark if key == "today" else ""}</li>')
    return mark_safe("".join(items))  # fixed markup; the mark is a rendered template


@register.simple_tag(takes_context=True)
def render_card(context, card) -> str:
    """Render a Today card (`today.cards.RenderedCard`) with the page's context plus its own."""
    template_ = context.template.engine.get_template(card.template)
    with context.push(card.context):
        return template_.render(context)


@register.inclusion_tag("navigation/_hub_links.html")
def hub_links(which: str) -> dict:
    """`{% hub_links "talk" %}`: the list of links a hub page offers (navigation.hubs)."""
    from rekindle.navigation import hubs

    return {"links": {"talk": hubs.TALK_MORE, "together": hubs.TOGETHER, "us": hubs.US, "me": hubs.ME}[which]}


@register.simple_tag
def pagination(page) -> str:
    """Newer / "Page 2 of 9" / Older under a paged list, when there is more than one page.
    In Python: the template it replaced cost as much as a History day's answers."""
    if not page.has_other_pages():
        return ""
    newer = f'<a href="?page={page.number - 1}">Newer</a>' if page.has_previous() else "<span></span>"
    older = f'<a href="?page={page.number + 1}">Older</a>' if page.has_next() else "<span></span>"
    return mark_safe(
        f'<nav class="pagination" aria-label="Pages">{newer}'
        f'<span class="quiet">Page {page.number} of {page.paginator.num_pages}</span>{older}</nav>'
    )
