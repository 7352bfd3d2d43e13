"""The hub page of each destination (Talk's hub is prompts.views.talk)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from rekindle.navigation import hubs
from rekindle.spaces.decorators import needs_space
from rekindle.spaces.selectors import couple_for_request


@needs_space
def together(request, couple):
    from rekindle.dates.selectors import next_plan_line

    context = {"couple": couple, "links": hubs.TOGETHER, "next_plan": next_plan_line(request.user, couple)}
    return render(request, "navigation/together.html", context)


@needs_space
def us(request, couple):
    return render(request, "navigation/us.html", {"couple": couple, "links": hubs.US})


@login_required
def me(request):
    couple = couple_for_request(request)
    return render(request, "navigation/me.html", {"couple": couple, "links": hubs.ME})
