"""Self-care (private to its author, always) and "how I feel cared for"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from rekindle.programs.forms import TouchForm
from rekindle.programs.selectors import my_skipped_tags
from rekindle.spaces.selectors import couple_for_request
from rekindle.wellbeing import selectors, services
from rekindle.wellbeing.content import questionnaire
from rekindle.wellbeing.forms import CardForm, CareQuestionsForm, LookBackForm, PlanForm, SelfCareGoalForm


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- self-care --------------------------------------------------------------------------------


def _selfcare_page(request, *, plan_form=None, goal_form=None, back_form=None, stale=False, status=200):
    person = request.user
    plan = selectors.plan_for(person)
    backs = selectors.look_backs(person)
    this_week = selectors.this_week(person, backs)
    context = {
        "plan": plan, "stale": stale,
        "plan_form": plan_form or PlanForm(initial={"recharges": plan.recharges, "needs": plan.needs,
                                                    "version": plan.version}),
        "goal_form": goal_form or SelfCareGoalForm(),
        "back_form": back_form or LookBackForm(initial={"answer": this_week.answer, "note": this_week.note}
                                               if this_week else None),
        "goals": selectors.selfcare_goals(person), "look_backs": backs, "this_week": this_week,
    }
    return render(request, "wellbeing/selfcare.html", context, status=status)


@login_required
def selfcare(request):
    """The private self-care plan; a POST saves what recharges me and what I need."""
    if request.method != "POST":
        return _selfcare_page(request)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            services.selfcare_plan_save(person=request.user, recharges=form.cleaned_data["recharges"],
                                        needs=form.cleaned_data["needs"], version=form.cleaned_data["version"])
        except ValidationError as exc:
            _add_errors(form, exc)
            if getattr(exc, "code", None) == "stale":
                form.data = form.data.copy()
                form.data["version"] = selectors.plan_for(request.user).version
                return _selfcare_page(request, plan_form=form, stale=True, status=400)
        else:
            messages.success(request, "Saved. Only you can see this.")
            return redirect("selfcare")
    return _selfcare_page(request, plan_form=form, status=400)


@login_required
@require_POST
def selfcare_goal_add(request):
    form = SelfCareGoalForm(request.POST)
    if form.is_valid():
        try:
            services.selfcare_goal_add(person=request.user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Added. Small counts.")
            return redirect(reverse("selfcare") + "#my-goals")
    return _selfcare_page(request, goal_form=form, status=400)


@login_required
@require_POST
def selfcare_goal_done(request, selfcare_goal_id: int):
    done = request.POST.get("done", "yes") != "no"
    try:
        services.selfcare_goal_done(person=request.user, goal_id=selfcare_goal_id, done=done)
    except ValidationError as exc:
        messages.info(request, exc.messages[0])
    return redirect(reverse("selfcare") + "#my-goals")


@login_required
@require_POST
def selfcare_goal_remove(request, selfcare_goal_id: int):
    try:
        services.selfcare_goal_remove(person=request.user, goal_id=selfcare_goal_id)
    except ValidationError as exc:
        messages.info(request, exc.messages[0])
    return redirect(reverse("selfcare") + "#my-goals")


@login_required
@require_POST
def selfcare_look_back(request):
    form = LookBackForm(request.POST)
    if form.is_valid():
        try:
            services.selfcare_look_back(person=request.user, answer=form.cleaned_data["answer"],
                                        note=form.cleaned_data["note"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Noted, just for you. Whatever the answer, next week is a fresh one.")
            return redirect(reverse("selfcare") + "#look-back")
    return _selfcare_page(request, back_form=form, status=400)


# --- how I feel cared for ---------------------------------------------------------------------


def _cared_for_page(request, *, card_form=None, touch_form=None, status=200):
    person = request.user
    couple = couple_for_request(request)
    takings = selectors.my_answers(person)
    current = takings[0] if takings else None
    card = selectors.my_card(person)
    context = {
        "couple": couple,
        "questionnaire": questionnaire(),
        "current": current,
        "my_scores": selectors.scores(current),
        "earlier": [(t, selectors.scores(t)) for t in takings[1:]],
        "card_form": card_form or CardForm(initial={"ways": card.ways, "show_examples": card.show_examples,
                                                    "show_touch": card.show_touch, "note": card.note}),
        "preview": selectors.card_of(person, current, card) if current else None,
        "touch_form": touch_form or TouchForm(initial={"skip": sorted(my_skipped_tags(person))}),
        "partner_card": selectors.card_for_partner(person, couple),
    }
    return render(request, "wellbeing/cared_for.html", context, status=status)


@login_required
def cared_for(request):
    return _cared_for_page(request)


@login_required
def cared_for_questions(request):
    form = CareQuestionsForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.care_answers_save(person=request.user, couple=couple_for_request(request),
                                           ratings=form.ratings(), examples=form.examples())
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Saved. Your card below shows your partner what you choose.")
                return redirect(reverse("cared_for") + "#my-card")
        status = 400
    return render(request, "wellbeing/questions.html", {"form": form, "questionnaire": questionnaire()}, status=status)


@login_required
@require_POST
def cared_for_card(request):
    form = CardForm(request.POST)
    if form.is_valid():
        try:
            services.care_card_save(person=request.user, ways=form.cleaned_data["ways"],
                                    show_examples=form.cleaned_data["show_examples"],
                                    show_touch=form.cleaned_data["show_touch"], note=form.cleaned_data["note"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Saved. Your card shows what you chose.")
            return redirect(reverse("cared_for") + "#my-card")
    return _cared_for_page(request, card_form=form, status=400)
