from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST

from rekindle.news.services import news_mark_seen
from rekindle.spaces.decorators import needs_space


@needs_space
@require_POST
def seen(request, couple):
    """Today was shown: the news on it (up to when it was shown) is no longer new."""
    try:
        until = parse_datetime(request.POST.get("until", ""))
    except ValueError:
        until = None
    if until is not None and until.tzinfo is None:
        until = None
    news_mark_seen(person=request.user, until=until)
    if request.htmx:
        return HttpResponse("")
    return redirect("today")
