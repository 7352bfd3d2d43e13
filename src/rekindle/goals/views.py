"""Values side by side, shared values, and goals with their steps. Plain forms, redirect after POST."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from rekindle.goals import selectors, services
from rekindle.goals.content import values_list
from rekindle.goals.forms import GoalForm, LetGoForm, StepForm, ValuesForm
from rekindle.goals.models import Goal
from rekindle.spaces.decorators import needs_space


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _back_to(request, url: str, message: str):
    messages.info(request, message)
    return redirect(url)


# --- values -----------------------------------------------------------------------------------


@needs_space
def values(request, couple):
    view = selectors.values_view(request.user, couple)
    mine = [v for v in view.mine]
    initial = {"values": [v.key for v in mine if v.key]}
    own = [v.name for v in mine if not v.key]
    initial.update({f"own_{n}": name for n, name in enumerate(own[:2], start=1)})
    form = ValuesForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.values_pick(person=request.user, couple=couple, keys=form.cleaned_data["values"],
                                     own=form.own_values())
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Saved your values." + ("" if couple.is_solo else
                                 " See them next to your partner's below."))
                return redirect(reverse("values") + "#side-by-side")
        status = 400
    context = {
        "couple": couple, "form": form, "view": view, "values_list": values_list(),
        "in_common": view.in_common, "shared_names": view.shared_names,
    }
    return render(request, "goals/values.html", context, status=status)


@needs_space
@require_POST
def values_share(request, couple):
    try:
        shared = services.shared_value_propose(person=request.user, couple=couple,
                                               key=request.POST.get("key", ""), name=request.POST.get("name", ""))
    except ValidationError as exc:
        return _back_to(request, reverse("values") + "#shared-values", exc.messages[0])
    if shared.confirmed:
        messages.success(request, f"“{shared.name}” is one of your shared values now.")
    else:
        messages.success(request, f"You suggested “{shared.name}”. It becomes shared once your partner confirms it.")
    return redirect(reverse("values") + "#shared-values")


@needs_space
@require_POST
def values_confirm(request, couple, shared_value_id: int):
    try:
        shared = services.shared_value_confirm(person=request.user, couple=couple, shared_value_id=shared_value_id)
    except ValidationError as exc:
        return _back_to(request, reverse("values") + "#shared-values", exc.messages[0])
    messages.success(request, f"“{shared.name}” is one of your shared values now.")
    return redirect(reverse("values") + "#shared-values")


@needs_space
@require_POST
def values_unshare(request, couple, shared_value_id: int):
    try:
        shared = services.shared_value_remove(person=request.user, couple=couple, shared_value_id=shared_value_id)
    except ValidationError as exc:
        return _back_to(request, reverse("values") + "#shared-values", exc.messages[0])
    messages.success(request, f"“{shared.name}” is off your shared list.")
    return redirect(reverse("values") + "#shared-values")


# --- goals ------------------------------------------------------------------------------------


@needs_space
def goals(request, couple):
    context = {
        "couple": couple,
        "open_goals": selectors.open_goals(request.user, couple),
        "closed": selectors.closed_goals(request.user, couple, request.GET.get("page")),
        "view": selectors.values_view(request.user, couple),
    }
    return render(request, "goals/goals.html", context)


def _initial_target(request) -> dict:
    """`?target=YYYY-MM-DD` (the quarterly review offers next quarter's end) pre-fills the date."""
    try:
        target = dt.date.fromisoformat(request.GET.get("target", ""))
    except ValueError:
        return {}
    return {"target_on": target} if target >= request.user.today() else {}


@needs_space
def goals_new(request, couple):
    person = request.user
    form = GoalForm(request.POST or None, today=person.today(), solo=couple.is_solo,
                    initial={"shared": "yes", **_initial_target(request)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                goal = services.goal_create(
                    person=person, couple=couple, shared=form.cleaned_data.get("shared", False),
                    title=form.cleaned_data["title"], value_name=form.cleaned_data["value_name"],
                    target_on=form.cleaned_data["target_on"], note=form.cleaned_data["note"], steps=form.steps(),
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, f"“{goal.title}” is set. Small steps, one at a time.")
                return redirect("goals_detail", goal_id=goal.pk)
        status = 400
    view = selectors.values_view(person, couple)
    context = {"couple": couple, "form": form, "suggestions": selectors.value_suggestions(view)}
    return render(request, "goals/goal_form.html", context, status=status)


def _detail(request, couple, goal: Goal, *, step_form=None, let_go_form=None, status=200):
    person = request.user
    steps = selectors.steps_of(person, goal)
    done = [s for s in steps if s.done_on]
    context = {
        "couple": couple, "goal": goal, "steps": steps, "done_count": len(done),
        "mine_to_change": goal.shared or goal.author_id == person.pk,
        "step_form": step_form or StepForm(today=person.today()),
        "let_go_form": let_go_form or LetGoForm(),
        "cheered": (not goal.shared and goal.author_id != person.pk and selectors.cheered_today(person, goal)),
        "cheers": selectors.cheers_count(person, goal) if not goal.shared else 0,
    }
    return render(request, "goals/goal_detail.html", context, status=status)


def _goal_or_404(request, couple, goal_id: int) -> Goal:
    goal = selectors.goal_for(request.user, couple, goal_id)
    if goal is None:
        raise Http404("No such goal")
    return goal


@needs_space
def goals_detail(request, couple, goal_id: int):
    return _detail(request, couple, _goal_or_404(request, couple, goal_id))


@needs_space
def goals_edit(request, couple, goal_id: int):
    person = request.user
    goal = _goal_or_404(request, couple, goal_id)
    if not goal.shared and goal.author_id != person.pk:
        return _back_to(request, reverse("goals_detail", kwargs={"goal_id": goal.pk}),
                        "This is your partner's own goal: they change it, you can cheer them on.")
    initial = {"title": goal.title, "value_name": goal.value_name, "target_on": goal.target_on, "note": goal.note,
               "version": goal.version}
    form = GoalForm(request.POST or None, initial=initial, today=person.today(), editing=True)
    status, stale = 200, False
    if request.method == "POST":
        if form.is_valid():
            try:
                services.goal_update(person=person, couple=couple, goal_id=goal.pk,
                                     version=form.cleaned_data["version"], title=form.cleaned_data["title"],
                                     value_name=form.cleaned_data["value_name"],
                                     target_on=form.cleaned_data["target_on"], note=form.cleaned_data["note"])
            except ValidationError as exc:
                _add_errors(form, exc)
                if getattr(exc, "code", None) == "stale":
                    stale = True
                    goal = _goal_or_404(request, couple, goal_id)
                    form.data = form.data.copy()
                    form.data["version"] = goal.version  # saving again keeps these words over theirs
            else:
                messages.success(request, "Saved.")
                return redirect("goals_detail", goal_id=goal.pk)
        status = 400
    view = selectors.values_view(person, couple)
    context = {"couple": couple, "form": form, "goal": goal, "stale": stale,
               "suggestions": selectors.value_suggestions(view)}
    return render(request, "goals/goal_form.html", context, status=status)


STATUS_WORDS = {
    Goal.PAUSED: "Paused. It will wait for you.",
    Goal.ACTIVE: "Picked up again.",
    Goal.DONE: "Finished — well done, both of you.",
    Goal.LET_GO: "Let go. Knowing what no longer fits is part of it too.",
}


@needs_space
@require_POST
def goals_status(request, couple, goal_id: int):
    goal = _goal_or_404(request, couple, goal_id)
    status = request.POST.get("status", "")
    try:
        goal = services.goal_set_status(person=request.user, couple=couple, goal_id=goal.pk, status=status,
                                        why=request.POST.get("why", ""))
    except ValidationError as exc:
        if status == Goal.LET_GO and hasattr(exc, "error_dict"):
            form = LetGoForm(request.POST)
            form.is_valid()
            _add_errors(form, exc)
            return _detail(request, couple, goal, let_go_form=form, status=400)
        return _back_to(request, reverse("goals_detail", kwargs={"goal_id": goal.pk}), exc.messages[0])
    if goal.status == Goal.DONE and not goal.shared and goal.author_id == request.user.pk:
        messages.success(request, "Finished — well done.")
    else:
        messages.success(request, STATUS_WORDS.get(goal.status, "Saved."))
    return redirect("goals_detail", goal_id=goal.pk)


@needs_space
@require_POST
def goals_step_add(request, couple, goal_id: int):
    goal = _goal_or_404(request, couple, goal_id)
    form = StepForm(request.POST, today=request.user.today())
    if form.is_valid():
        try:
            services.step_add(person=request.user, couple=couple, goal_id=goal.pk, title=form.cleaned_data["title"],
                              due_on=form.cleaned_data["due_on"])
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                return _back_to(request, reverse("goals_detail", kwargs={"goal_id": goal.pk}), exc.messages[0])
            _add_errors(form, exc)
        else:
            messages.success(request, "Step added.")
            return redirect(reverse("goals_detail", kwargs={"goal_id": goal.pk}) + "#steps")
    return _detail(request, couple, goal, step_form=form, status=400)


def _step_back(request, goal_id: int | None) -> str:
    nxt = request.POST.get("next", "")
    if nxt in {reverse("today"), reverse("goals")}:
        return nxt
    return reverse("goals_detail", kwargs={"goal_id": goal_id}) + "#steps" if goal_id else reverse("goals")


@needs_space
@require_POST
def goals_step_tick(request, couple, step_id: int):
    done = request.POST.get("done", "yes") != "no"
    try:
        step = services.step_tick(person=request.user, couple=couple, step_id=step_id, done=done)
    except ValidationError as exc:
        return _back_to(request, _step_back(request, None), exc.messages[0])
    messages.success(request, f"Ticked off: “{step.title}”." if done else f"“{step.title}” is open again.")
    return redirect(_step_back(request, step.goal_id))


@needs_space
def goals_step_edit(request, couple, step_id: int):
    person = request.user
    step = selectors.step_for(person, couple, step_id)
    if step is None:
        raise Http404("No such step")
    back = reverse("goals_detail", kwargs={"goal_id": step.goal_id}) + "#steps"
    form = StepForm(request.POST or None, today=person.today(), initial={"title": step.title, "due_on": step.due_on},
                    earliest=step.due_on)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.step_update(person=person, couple=couple, step_id=step.pk,
                                     title=form.cleaned_data["title"], due_on=form.cleaned_data["due_on"])
            except ValidationError as exc:
                if not hasattr(exc, "error_dict"):
                    return _back_to(request, back, exc.messages[0])
                _add_errors(form, exc)
            else:
                messages.success(request, "Step saved.")
                return redirect(back)
        status = 400
    return render(request, "goals/step_form.html", {"couple": couple, "step": step, "form": form, "back": back},
                  status=status)


@needs_space
@require_POST
def goals_step_remove(request, couple, step_id: int):
    try:
        step = services.step_remove(person=request.user, couple=couple, step_id=step_id)
    except ValidationError as exc:
        return _back_to(request, reverse("goals"), exc.messages[0])
    messages.success(request, f"“{step.title}” is off the list of steps.")
    return redirect(_step_back(request, step.goal_id))


@needs_space
@require_POST
def goals_cheer(request, couple, goal_id: int):
    goal = _goal_or_404(request, couple, goal_id)
    try:
        services.goal_cheer(person=request.user, couple=couple, goal_id=goal.pk)
    except ValidationError as exc:
        return _back_to(request, reverse("goals_detail", kwargs={"goal_id": goal.pk}), exc.messages[0])
    messages.success(request, f"{goal.author.display_name} will see you're cheering them on.")
    return redirect("goals_detail", goal_id=goal.pk)
