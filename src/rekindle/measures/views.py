"""The progress page, the monthly and weekly measures, sharing choices and the printable report."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from rekindle.measures import instruments, selectors, services
from rekindle.measures.forms import MonthlyForm, ReportForm, SharingForm, WeeklyForm
from rekindle.measures.models import Measure
from rekindle.spaces.decorators import needs_space


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@needs_space
def progress(request, couple):
    range_key = request.GET.get("range", selectors.DEFAULT_RANGE)
    if range_key not in selectors.RANGES:
        range_key = selectors.DEFAULT_RANGE
    sharing = selectors.sharing_for(request.user)
    context = {
        "couple": couple,
        "progress": selectors.progress_for(request.user, couple, range_key),
        "ranges": selectors.RANGES,
        "range_key": range_key,
        "sharing_form": SharingForm(initial={k: sharing.shares(k) for k in instruments.KINDS}),
        "wording": instruments.wording(),
        "csi4_enabled": instruments.csi4_enabled(),
    }
    return render(request, "measures/progress.html", context)


def _this_period(person, kind: str) -> Measure | None:
    period = services.period_for(kind, person.today())
    return Measure.objects.filter(author=person, kind=kind, period=period).first()


@needs_space
def progress_monthly(request, couple):
    person = request.user
    if request.method == "POST":
        form = MonthlyForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    if form.csi4_enabled:
                        services.measure_record(person=person, couple=couple, kind=instruments.CSI4,
                                                answers=form.csi4_answers())
                    services.measure_record(person=person, couple=couple, kind=instruments.IOS,
                                            answers=[form.cleaned_data["ios"]])
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Saved, just for you unless you choose to share it.")
                return redirect("progress")
        status = 400
    else:
        month = services.month_of(person.today())
        initial = {}
        for measure in Measure.objects.filter(author=person, period=month, kind__in=instruments.MONTHLY):
            if measure.kind == instruments.CSI4:
                initial.update({f"csi4_{n}": v for n, v in enumerate(measure.answers, start=1)})
            else:
                initial["ios"] = measure.answers[0]
        form = MonthlyForm(initial=initial)
        status = 200
    context = {"couple": couple, "form": form, "wording": instruments.wording(), "month": person.today()}
    return render(request, "measures/monthly.html", context, status=status)


@needs_space
def progress_weekly(request, couple):
    person = request.user
    if request.method == "POST":
        form = WeeklyForm(request.POST)
        if form.is_valid():
            try:
                services.measure_record(person=person, couple=couple, kind=instruments.CONNECTION,
                                        answers=[form.cleaned_data["connection"]])
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Saved. Thank you for taking a moment.")
                return redirect(_next(request, "progress"))
        status = 400
    else:
        current = _this_period(person, instruments.CONNECTION)
        form = WeeklyForm(initial={"connection": current.score} if current else None)
        status = 200
    context = {"couple": couple, "form": form, "wording": instruments.wording(),
               "week": services.week_of(person.today())}
    return render(request, "measures/weekly.html", context, status=status)


@needs_space
@require_POST
def progress_later(request, couple):
    which = request.POST.get("which", "")
    try:
        services.measure_set_aside(person=request.user, which=which)
    except ValidationError:
        messages.info(request, "Nothing changed.")
    else:
        messages.info(request, "No problem. It'll be here when you want it." if which == "month"
                      else "No problem. See you next week.")
    return redirect(_next(request, "today"))


@needs_space
@require_POST
def progress_sharing(request, couple):
    form = SharingForm(request.POST)
    form.is_valid()  # unticked boxes are simply False
    services.sharing_set(person=request.user, couple=couple,
                         choices={k: bool(form.cleaned_data.get(k)) for k in form.fields})
    shared = [instruments.SHORT_NAMES[k] for k in form.fields if form.cleaned_data.get(k)]
    if couple.partner is None:
        messages.success(request, "Saved. Your partner will see what you share once they join.")
    elif shared:
        messages.success(request, f"Saved. {couple.partner.display_name} can see: {', '.join(shared)}.")
    else:
        messages.success(request, "Saved. Your answers are just for you.")
    return redirect("progress")


@needs_space
def progress_report(request, couple):
    person = request.user
    today = person.today()
    default_start = selectors.months_back(today, 6)
    form = ReportForm(request.GET or None, initial={"start": default_start, "end": today.replace(day=1)})
    status = 200
    if request.GET and form.is_valid():
        start, end = form.period()
    else:
        if request.GET:
            status = 400
        start, end = default_start, today
    end = min(end, today)
    report = selectors.report_for(person, couple, start, end)
    context = {"couple": couple, "form": form, "report": report, "wording": instruments.wording(),
               "csi4_enabled": instruments.csi4_enabled(), "printed_on": today,
               "period_end": end if end >= start else start}
    return render(request, "measures/report.html", context, status=status)
