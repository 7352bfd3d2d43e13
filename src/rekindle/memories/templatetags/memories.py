"""`{% add_to_memories title=… text=… date=… %}`: the offer other practices make, pre-filled."""

from __future__ import annotations

import datetime as dt

from django import template
from django.http import QueryDict
from django.urls import reverse

register = template.Library()


@register.simple_tag
def memory_new_url(title: str = "", text: str = "", date: dt.date | str | None = None) -> str:
    query = QueryDict(mutable=True)
    for name, value in (("title", title), ("text", text)):
        if value:
            query[name] = str(value)
    if date:
        query["date"] = date.isoformat() if isinstance(date, dt.date) else str(date)
    return reverse("memory_new") + (f"?{query.urlencode()}" if query else "")


@register.inclusion_tag("memories/_add_to_memories.html")
def add_to_memories(title: str = "", text: str = "", date=None, label: str = "") -> dict:
    return {"url": memory_new_url(title, text, date), "title": title, "label": label}
