"""The Today page: a short column of cards (see `today.cards`)."""

from __future__ import annotations

from django.shortcuts import render

from rekindle.spaces.decorators import needs_space
from rekindle.today.cards import TodayPage, cards_for


def render_today(request, couple, *, checkin_form=None, status: int = 200):
    page = TodayPage(request=request, person=request.user, couple=couple, checkin_form=checkin_form)
    cards = cards_for(page)
    context = {
        "couple": couple,
        "day": page.day,
        "cards": cards,
    }
    return render(request, "today/today.html", context, status=status)


@needs_space
def today(request, couple):
    return render_today(request, couple)
