"""Plans for time together, the line after a date, and the private calendar feed.

Every form works as a plain request; a problem comes back on the same page, next to its
field, with what was typed still there.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_GET, require_POST

from rekindle.dates import calendar, selectors, services
from rekindle.dates.forms import RITUALS, AfterLineForm, FeedSettingsForm, PlanForm
from rekindle.dates.models import Plan
from rekindle.lib.dates import zone
from rekindle.spaces.decorators import needs_space
from rekindle.spaces.selectors import couple_for


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _plan_url(plan_id: int, anchor: str = "") -> str:
    return reverse("together_plan", kwargs={"plan_id": plan_id}) + (f"#{anchor}" if anchor else "")


# --- the plans page --------------------------------------------------------------------------


@needs_space
@require_GET
def plans(request, couple):
    context = {
        "couple": couple,
        "page": selectors.plans_page(request.user, couple),
        "rituals": RITUALS,
        "feed": selectors.feed_of(request.user),
    }
    return render(request, "dates/plans.html", context)


def _initial_from(request, couple) -> tuple[dict, str]:
    """A new plan's form, started from an idea, a bucket-list item, a ritual or this week's meeting."""
    from rekindle.together.content import idea_for

    get = request.GET
    initial = {"duration_minutes": 120, "title": get.get("title", "")[:150], "submission": None}
    source = ""
    if get.get("repeat") in {"weekly", "fortnightly", "monthly"}:
        initial["repeat"] = get["repeat"]
    if get.get("duration", "").isdigit():
        initial["duration_minutes"] = int(get["duration"])
    idea = idea_for(get.get("idea", "")) if get.get("idea") else None
    if idea is not None:
        initial.update(title=idea.title, idea_id=idea.id)
        source = f"From the ideas: {idea.title}"
    if get.get("bucket", "").isdigit():
        from rekindle.together.selectors import item_for

        item = item_for(request.user, couple, int(get["bucket"]))
        if item is not None:
            initial.update(title=item.title, bucket_item_id=item.pk, idea_id=item.idea_id)
            source = f"From your bucket list: {item.title}"
    if get.get("meeting", "").isdigit():
        from rekindle.rituals.selectors import meeting_for

        meeting = meeting_for(couple, int(get["meeting"]))
        if meeting is not None:
            initial["meeting_id"] = meeting.pk
            initial["title"] = initial["title"] or meeting.next_date_plan[:150]
            source = "From this week's meeting"
    return initial, source


def _new_page(request, couple, form, source="", status=200):
    context = {"couple": couple, "form": form, "source": source, "rituals": RITUALS}
    return render(request, "dates/plan_new.html", context, status=status)


@needs_space
def plan_new(request, couple):
    if request.method != "POST":
        import uuid

        initial, source = _initial_from(request, couple)
        initial["submission"] = uuid.uuid4()
        return _new_page(request, couple, PlanForm(initial=initial), source)
    form = PlanForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_propose(
                person=request.user, couple=couple, **form.plan_fields(), idea_id=data["idea_id"] or "",
                bucket_item_id=data["bucket_item_id"], meeting_id=data["meeting_id"], submission=data["submission"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            who = couple.partner.display_name
            messages.success(request, f"Suggested. {who} can say yes, suggest another time, or “not this time”.")
            if plan.meeting_id:
                return redirect("meeting_step", meeting_id=plan.meeting_id, step=7)
            return redirect(_plan_url(plan.pk))
    return _new_page(request, couple, form, status=400)


# --- one plan --------------------------------------------------------------------------------


def _change_form(plan: Plan, person) -> PlanForm:
    start = calendar.local_start(plan).astimezone(zone(person.time_zone))
    return PlanForm(initial={
        "title": plan.title, "place": plan.place, "day": start.date(), "time": start.time().replace(second=0),
        "duration_minutes": plan.duration_minutes, "repeat": plan.repeat, "repeat_until": plan.repeat_until,
        "version": plan.version,
    }, prefix="change")


def _plan_page(request, couple, plan: Plan, *, change_form=None, line_form=None, status=200):
    person = request.user
    now = timezone.now()
    seen = selectors.view_of(plan, person, couple, now)
    lines = selectors.lines_for(person, plan)
    past = selectors.past_times([plan], person, couple, now, lines) if plan.status == Plan.ACCEPTED else []
    to_answer = next((p for p in past if p.mine is None), None)
    coming = []
    if plan.repeat and plan.is_open:
        coming = [(o, selectors.when_label(o.starts_at, person, now))
                  for o in calendar.occurrences([plan], now, now + dt.timedelta(days=120))][:6]
    context = {
        "couple": couple, "plan": plan, "seen": seen, "past": past, "to_answer": to_answer,
        "line_form": line_form or AfterLineForm(initial={"occurred_on": to_answer.occurrence.local_date} if to_answer else None),
        "change_form": change_form or _change_form(plan, person), "coming": coming,
    }
    return render(request, "dates/plan.html", context, status=status)


def _plan_or_404(request, couple, plan_id: int) -> Plan:
    plan = selectors.plan_for(request.user, couple, plan_id)
    if plan is None:
        raise Http404("No such plan")
    return plan


@needs_space
def plan_detail(request, couple, plan_id: int):
    return _plan_page(request, couple, _plan_or_404(request, couple, plan_id))


def _answer(request, couple, plan_id: int, action, success: str, *, versioned: bool = True):
    """accept / decline / cancel / end: a refusal says why on the plan's page."""
    version = request.POST.get("version", "")
    options = {"version": int(version) if version.isdigit() else None} if versioned else {}
    try:
        action(person=request.user, couple=couple, plan_id=plan_id, **options)
    except ValidationError as exc:
        if exc.code == "not_found":
            raise Http404("No such plan") from None
        messages.info(request, exc.messages[0])
    else:
        messages.success(request, success)
    return redirect(_plan_url(plan_id))


@needs_space
@require_POST
def plan_accept(request, couple, plan_id: int):
    return _answer(request, couple, plan_id, services.plan_accept, "Lovely — it's planned, and in both your calendars.")


@needs_space
@require_POST
def plan_decline(request, couple, plan_id: int):
    return _answer(request, couple, plan_id, services.plan_decline,
                   "Not this time — that's fine. You can always suggest another time.")


@needs_space
@require_POST
def plan_cancel(request, couple, plan_id: int):
    return _answer(request, couple, plan_id, services.plan_cancel, "Called off. It leaves both calendars at their next refresh.")


@needs_space
@require_POST
def plan_end(request, couple, plan_id: int):
    return _answer(request, couple, plan_id, services.plan_end, "Ended. Nothing more after today; what you had stays.",
                   versioned=False)


@needs_space
@require_POST
def plan_change(request, couple, plan_id: int):
    plan = _plan_or_404(request, couple, plan_id)
    form = PlanForm(request.POST, prefix="change")
    if form.is_valid():
        try:
            changed = services.plan_change(person=request.user, couple=couple, plan_id=plan_id,
                                           version=form.cleaned_data["version"], **form.plan_fields())
        except ValidationError as exc:
            if getattr(exc, "code", None) in {"closed", "solo"}:
                messages.info(request, exc.messages[0])  # nothing left to change: say so on the plan's page
                return redirect(_plan_url(plan_id))
            _add_errors(form, exc)
            if getattr(exc, "code", None) == "stale":
                plan = _plan_or_404(request, couple, plan_id)
                form.data = form.data.copy()
                form.data["change-version"] = plan.version  # saving again keeps these words over theirs
        else:
            if changed.status == Plan.PROPOSED and changed.awaiting_id != request.user.pk:
                messages.success(request, f"Suggested. It's {couple.partner.display_name}'s turn to answer.")
            else:
                messages.success(request, "Saved for both of you.")
            return redirect(_plan_url(plan_id))
    return _plan_page(request, couple, plan, change_form=form, status=400)


@needs_space
@require_POST
def plan_skip(request, couple, plan_id: int):
    try:
        on_date = dt.date.fromisoformat(request.POST.get("on_date", ""))
    except ValueError:
        on_date = None
    try:
        services.plan_skip(person=request.user, couple=couple, plan_id=plan_id, on_date=on_date)
    except ValidationError as exc:
        if exc.code == "not_found":
            raise Http404("No such plan") from None
        messages.info(request, exc.messages[0])
    else:
        messages.success(request, "Skipped, just that once. The next ones stay.")
    return redirect(_plan_url(plan_id))


@needs_space
@require_POST
def plan_line(request, couple, plan_id: int):
    plan = _plan_or_404(request, couple, plan_id)
    form = AfterLineForm(request.POST)
    not_now = "not_now" in request.POST
    if form.is_valid():
        try:
            services.after_line_save(person=request.user, couple=couple, plan_id=plan_id,
                                     occurred_on=form.cleaned_data["occurred_on"], text=form.cleaned_data["text"],
                                     not_now=not_now)
        except ValidationError as exc:
            if exc.code == "not_found":
                raise Http404("No such plan") from None
            _add_errors(form, exc)
        else:
            if not not_now:
                messages.success(request, "Saved — your line, for both of you to keep.")
            back = request.POST.get("back", "")
            if back == "today":
                return redirect("today")
            return redirect(_plan_url(plan_id, "after"))
    return _plan_page(request, couple, plan, line_form=form, status=400)


# --- the calendar feed -----------------------------------------------------------------------


def feed_links(request, token: str) -> dict:
    path = reverse("together_feed", kwargs={"token": token})
    https = (settings.PUBLIC_URL + path) if settings.PUBLIC_URL else request.build_absolute_uri(path)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def _calendar_page(request, couple, form=None, status=200):
    feed = selectors.feed_of(request.user)
    if form is None:
        initial = {"alarm_minutes": feed.alarm_minutes if feed else 60, "show_detail": feed.show_detail if feed else False}
        form = FeedSettingsForm(initial=initial)
    context = {"couple": couple, "feed": feed, "form": form,
               "links": feed_links(request, feed.token) if feed and feed.token else None}
    return render(request, "dates/calendar.html", context, status=status)


@needs_space
def calendar_settings(request, couple):
    if request.method != "POST":
        return _calendar_page(request, couple)
    form = FeedSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.feed_settings(person=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Saved. Your calendar shows it at its next refresh.")
            return redirect("together_calendar")
    return _calendar_page(request, couple, form, status=400)


@needs_space
@require_POST
def calendar_new(request, couple):
    had = selectors.feed_of(request.user)
    services.feed_create(person=request.user)
    messages.success(request, "Your new calendar address is ready. The old one no longer works." if had and had.token
                     else "Your private calendar address is ready. Add it to your calendar below.")
    return redirect("together_calendar")


@login_required
@require_POST
def calendar_revoke(request):
    services.feed_revoke(person=request.user)
    messages.success(request, "Stopped. Calendars using that address get nothing from now on.")
    return redirect("together_calendar")


@require_GET
def feed(request, token: str):
    """The calendar itself: a long random token is the only key, so a wrong or revoked one is simply 404."""
    found = selectors.feed_for_token(token)
    if found is None:
        raise Http404("No such calendar")
    person = found.person
    plans = selectors.feed_plans(person, couple_for(person))
    # Called-off plans leave the feed but still count as a change: the newest change of any plan.
    stamp = max(filter(None, [found.updated_at, selectors.last_change(person, couple_for(person))]))
    events = [calendar.event_for(p, detail=found.show_detail, alarm_minutes=found.alarm_minutes, stamp=p.updated_at)
              for p in plans]
    body = calendar.calendar_of(events, name="Rekindle").to_ical()
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stamp.timestamp())
    response["Content-Disposition"] = 'inline; filename="rekindle.ics"'
    # The ETag (a hash of the very bytes) decides "not modified"; Last-Modified is a hint only.
    return get_conditional_response(request, etag=etag, response=response)
