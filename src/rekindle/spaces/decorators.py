"""View decorators shared by every practice."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from rekindle.spaces.selectors import couple_for_request


def needs_space(view):
    """Practices live in a space: pass the viewer's `Couple`, or send them to make or join one."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        couple = couple_for_request(request)
        if couple is None:
            if request.method == "POST":
                messages.info(request, "Start a space or join your partner's first — then this is all yours.")
            return redirect("space")
        return view(request, couple, *args, **kwargs)

    return login_required(wrapper)
