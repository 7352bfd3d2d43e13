"""Today, the daily check-in, reflections and appreciations.

htmx requests get the partial that changed; every form also works as a plain POST.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.middleware.csrf import get_token
from django.urls import reverse
from django.views.decorators.http import require_POST

from rekindle.checkins import markup, selectors, services
from rekindle.checkins.forms import (
    AppreciationForm,
    CheckInForm,
    ReflectionForm,
    ReplyForm,
)
from rekindle.checkins.models import ITEMS, CheckIn
from rekindle.spaces.decorators import needs_space


def _checkin_form(day: selectors.CheckInDay) -> CheckInForm | None:
    if day.revealed:
        return None
    if day.mine is None:
        return CheckInForm()
    mine = day.mine
    return CheckInForm(initial={"rose": mine.rose, "bud": mine.bud, "thorn": mine.thorn, "revision": mine.revision})


@needs_space
def partner_status(request, couple):
    """The small status line on Today; htmx polls it until the partner has answered."""
    day = selectors.checkin_today(request.user, couple)
    return render(request, "checkins/_partner_status.html", {"couple": couple, "day": day})


@needs_space
@require_POST
def checkin_submit(request, couple):
    person = request.user
    form = CheckInForm(request.POST)
    if form.is_valid():
        answers = {item: form.cleaned_data[item] for item in ITEMS}
        try:
            services.checkin_submit(
                person=person, couple=couple, answers=answers, revision=form.cleaned_data["revision"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field_name, errors in exc.error_dict.items():
                    form.add_error(field_name, errors)
            else:
                form.add_error(None, exc)
        else:
            if request.htmx:
                day = selectors.checkin_today(person, couple)
                return render(
                    request,
                    "checkins/_checkin_card.html",
                    {
                        "couple": couple,
                        "day": day,
                        "form": _checkin_form(day),
                        "just_saved": True,
                        "days_practised": selectors.days_practised(person, person.today()),
                        "month": day.date,
                    },
                )
            messages.success(request, "Check-in saved.")
            return redirect("today")
    # Show the words the person typed next to the message, so nothing is lost.
    if request.htmx:
        day = selectors.checkin_today(person, couple)
        context = {"couple": couple, "day": day, "form": form, "typed": form.data}
        return render(request, "checkins/_checkin_card.html", context)
    from rekindle.today.views import render_today

    return render_today(request, couple, checkin_form=form, status=400)


@needs_space
def history(request, couple):
    days, page = selectors.checkin_history(request.user, request.GET.get("page"), couple=couple)
    return render(request, "checkins/history.html", {"couple": couple, "days": days, "page": page})


@needs_space
def day_detail(request, couple, day: dt.date):
    context = {"couple": couple, "day": selectors.checkin_day(request.user, couple, day)}
    return render(request, "checkins/day.html", context)


def _item_response(request, couple, day: selectors.CheckInDay, checkin: CheckIn, item: str, *, status=200):
    """The changed item as an htmx partial, or the whole day page for a plain form post."""
    if request.htmx:
        return HttpResponse(markup.item(day.item(checkin, item), couple, markup.csrf_input(get_token(request))))
    if status != 200:
        return render(request, "checkins/day.html", {"couple": couple, "day": day}, status=status)
    return redirect(reverse("checkin_day", kwargs={"day": day.date}) + f"#{day.item(checkin, item).anchor}")


@needs_space
@require_POST
def reflect(request, couple, checkin_id: int, item: str):
    form = ReflectionForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.reflection_save(
                person=request.user, checkin_id=checkin_id, item=item, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            error = exc.messages[0]
    else:
        error = form.errors["text"][0]
    day = selectors.checkin_day_of(request.user, couple, checkin_id)
    if day is None or day.theirs is None or day.theirs.pk != checkin_id or item not in ITEMS:
        messages.error(request, error or "That check-in isn't open for reflections.")
        return redirect("checkin_history")
    if error:
        day.unsaved[(checkin_id, item)] = (request.POST.get("text", ""), error)
    return _item_response(request, couple, day, day.theirs, item, status=400 if error else 200)


@needs_space
@require_POST
def respond(request, couple, reflection_id: int):
    try:
        reflection = services.reflection_respond(
            person=request.user, reflection_id=reflection_id, response=request.POST.get("response", "")
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("checkin_history")
    day = selectors.checkin_day(request.user, couple, reflection.checkin.local_date)
    return _item_response(request, couple, day, day.mine, reflection.item)


@needs_space
def appreciations(request, couple):
    """The feed of both partners' appreciations; a POST shares a new one (also from Today)."""
    person = request.user
    form = AppreciationForm(request.POST or None)
    from_today = request.POST.get("back") == "today"
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            services.appreciation_create(
                person=person, couple=couple, text=form.cleaned_data["text"], submission=form.cleaned_data["submission"]
            )
        except ValidationError as exc:
            form.add_error("text", exc)
        else:
            saved = True
            if not request.htmx:
                messages.success(request, f"Shared with {couple.partner.display_name}." if couple.partner else "Saved.")
                return redirect("today" if from_today else "appreciations")
            form = AppreciationForm()
    if request.htmx and request.method == "POST":
        if from_today:
            context = {
                "couple": couple,
                "appreciation_form": form,
                "latest_appreciation": selectors.latest_appreciation_from_partner(person, couple),
                "just_saved": saved,
            }
            return render(request, "checkins/_today_appreciation.html", context)
        feed = selectors.appreciation_feed(person, 1)
        context = {"couple": couple, "form": form, "feed": feed, "just_saved": saved}
        return render(request, "checkins/_appreciation_panel.html", context)
    feed = selectors.appreciation_feed(person, request.GET.get("page"))
    status = 400 if request.method == "POST" else 200
    return render(request, "checkins/appreciations.html", {"couple": couple, "form": form, "feed": feed}, status=status)


@needs_space
@require_POST
def appreciation_reply(request, couple, appreciation_id: int):
    form = ReplyForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.appreciation_reply(person=request.user, appreciation_id=appreciation_id, text=form.cleaned_data["text"])
        except ValidationError as exc:
            error = exc.messages[0]
    else:
        error = form.errors["text"][0]
    if request.htmx:
        appreciation = selectors.appreciation_for(request.user, appreciation_id)
        if appreciation is None:
            messages.error(request, error or "That appreciation isn't here any more.")
            return redirect("appreciations")
        typed = request.POST.get("text", "") if error else ""
        context = {"couple": couple, "a": appreciation, "reply_error": error, "reply_typed": typed}
        return render(request, "checkins/_appreciation.html", context)
    if error:
        messages.error(request, error)
    return redirect(reverse("appreciations") + f"#appreciation-{appreciation_id}")
