"""Support, the private safety check and its result. Only ever about the person asking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from rekindle.care import resources, selectors, services, signposting
from rekindle.care.forms import CountryForm, SafetyCheckForm
from rekindle.care.questions import safety_check


def _country(request, prefs) -> tuple[resources.Country, str]:
    """The country whose help to show, and why: a country picked for this view, the saved choice, the time zone's."""
    viewing = request.GET.get("country", "")
    if viewing in resources.all_countries():
        return resources.for_country(viewing), "viewing"
    chosen = prefs.country if prefs else ""
    time_zone = request.user.time_zone if request.user.is_authenticated else ""
    code, why = resources.country_for_person(chosen=chosen, time_zone=time_zone)
    return resources.for_country(code), why


def _country_context(request, prefs) -> dict:
    country, why = _country(request, prefs)
    return {"country": country, "country_why": why, "country_choices": resources.country_choices()}


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@never_cache
def support(request):
    """Open to everyone, signed in or not: help should never sit behind a login."""
    prefs = selectors.preferences_for(request.user) if request.user.is_authenticated else None
    context = {
        **_country_context(request, prefs),
        "counsellors": selectors.counsellors(),
        "prefs": prefs,
        "help_reason": signposting.REASONS.get(prefs.help_reason, "") if prefs else "",
    }
    return render(request, "care/support.html", context)


@never_cache
@login_required
def safety_check_page(request):
    form = SafetyCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.safety_check_submit(person=request.user, answers=form.answers())
        return redirect("safety_result")
    status = 400 if request.method == "POST" else 200
    return render(request, "care/safety_check.html", {"form": form, "intro": safety_check()["intro"]}, status=status)


@never_cache
@login_required
def safety_result(request):
    check = selectors.safety_check_for(request.user)
    if check is None:
        return redirect("safety_check")
    prefs = selectors.preferences_for(request.user)
    context = {"check": check, "prefs": prefs, **_country_context(request, prefs)}
    return render(request, "care/safety_result.html", context)


@login_required
@require_POST
def safety_delete(request):
    services.safety_check_delete(person=request.user)
    messages.success(request, "Your answers are deleted. You can take the check again whenever you like.")
    return redirect("support")


@login_required
@require_POST
def safety_later(request):
    services.safety_offer_close(person=request.user)
    return redirect("today")


@login_required
@require_POST
def joint_exercises(request):
    hide = request.POST.get("hide") == "yes"
    services.joint_conflict_hide(person=request.user, hide=hide)
    messages.success(
        request,
        "Done. Exercises about working through disagreements won't be offered in your space."
        if hide
        else "Done. Exercises about working through disagreements can be offered again.",
    )
    return redirect(_safe_next(request, reverse("safety_result")))


@login_required
@require_POST
def country(request):
    form = CountryForm(request.POST)
    if form.is_valid():
        code = services.country_set(person=request.user, code=form.cleaned_data["country"])
        name = resources.for_country(code).name if code != resources.FALLBACK else "wherever you are"
        messages.success(request, f"Done. You'll see help for {name} from now on.")
    return redirect(_safe_next(request, reverse("support")) + "#resources-title")


@login_required
@require_POST
def ask_for_help(request):
    signposting.suggest_professional_help(person=request.user, reason="asked")
    return redirect(reverse("support") + "#professional-help")


@login_required
@require_POST
def dismiss_suggestion(request):
    signposting.dismiss_suggestion(person=request.user)
    return redirect(_safe_next(request, reverse("today")))
