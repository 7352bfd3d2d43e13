"""Program pages: the list, one program, a run's progress, a step, the closing reflection, touch preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from rekindle.programs import selectors, services
from rekindle.programs.content import all_programs, get_program
from rekindle.programs.forms import ClosingForm, MarkForm, TouchForm
from rekindle.spaces.decorators import needs_space


def _first(exc: ValidationError) -> str:
    return exc.messages[0]


@needs_space
def index(request, couple):
    running = selectors.running_enrolment(couple)
    context = {
        "couple": couple,
        # The one already running has its own card above; "Other programs" are the others.
        "programs": [p for p in all_programs().values() if running is None or p.slug != running.program_slug],
        "running": running,
        "running_program": get_program(running.program_slug) if running else None,
        "past": selectors.past_enrolments(couple),
    }
    return render(request, "programs/index.html", context)


@needs_space
def detail(request, couple, slug: str):
    program = get_program(slug)
    if program is None:
        raise Http404("No such program")
    running = selectors.running_enrolment(couple)
    return render(request, "programs/detail.html", {"couple": couple, "program": program, "running": running})


@needs_space
@require_POST
def start(request, couple, slug: str):
    try:
        enrolment = services.program_start(person=request.user, couple=couple, slug=slug)
    except ValidationError as exc:
        messages.error(request, _first(exc))
        return redirect("programs")
    return redirect("program_step", enrolment_id=enrolment.pk, number=1)


def _enrolment_or_404(couple, enrolment_id):
    enrolment = selectors.enrolment_for(couple, enrolment_id)
    if enrolment is None:
        raise Http404("No such program run")
    return enrolment


@needs_space
def progress(request, couple, enrolment_id: int):
    enrolment = _enrolment_or_404(couple, enrolment_id)
    program = get_program(enrolment.program_slug)
    steps = selectors.progress(request.user, couple, enrolment)
    current = max((s.number for s in steps if s.status != "locked"), default=1)
    context = {
        "couple": couple,
        "enrolment": enrolment,
        "program": program,
        "steps": steps,
        "current": current,
        "phase": program.step(current).phase,
        # Days either of you marked, and of those, the ones both of you did: what actually happened.
        "marked_count": sum(1 for s in steps if s.status in ("done", "partly")),
        "both_count": sum(1 for s in steps if s.status == "done") if couple.partner else 0,
    }
    return render(request, "programs/progress.html", context)


def _step_context(request, couple, enrolment, number, **extra):
    program = get_program(enrolment.program_slug)
    if not 1 <= number <= program.length:
        raise Http404("No such step")
    view = selectors.step_view(request.user, couple, enrolment, number)
    return {"couple": couple, "view": view, "program": program, "enrolment": enrolment, **extra}


@needs_space
def step(request, couple, enrolment_id: int, number: int):
    enrolment = _enrolment_or_404(couple, enrolment_id)
    return render(request, "programs/step.html", _step_context(request, couple, enrolment, number))


@needs_space
@require_POST
def mark(request, couple, enrolment_id: int, number: int):
    enrolment = _enrolment_or_404(couple, enrolment_id)
    form = MarkForm(request.POST)
    error, typed = "", request.POST.get("note", "")
    if form.is_valid():
        try:
            services.activity_mark(
                person=request.user, couple=couple, enrolment_id=enrolment.pk, number=number,
                kind=form.cleaned_data["kind"], note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            error = _first(exc)
    else:
        error = (form.errors.get("note") or form.errors.get("kind") or ["Please try again."])[0]
    return _step_response(request, couple, enrolment, number, error=error, typed=typed, kind=request.POST.get("kind", ""))


@needs_space
@require_POST
def unmark(request, couple, enrolment_id: int, number: int):
    enrolment = _enrolment_or_404(couple, enrolment_id)
    error = ""
    try:
        services.activity_unmark(
            person=request.user, couple=couple, enrolment_id=enrolment.pk, number=number, kind=request.POST.get("kind", "")
        )
    except ValidationError as exc:
        error = _first(exc)
    return _step_response(request, couple, enrolment, number, error=error, kind=request.POST.get("kind", ""))


def _step_response(request, couple, enrolment, number, *, error="", typed="", kind=""):
    context = _step_context(request, couple, enrolment, number, error=error, error_kind=kind, typed=typed)
    if request.htmx:
        return render(request, "programs/_activities.html", context)
    if error:
        return render(request, "programs/step.html", context, status=400)
    return redirect("program_step", enrolment_id=enrolment.pk, number=number)


def _lifecycle(action):
    @needs_space
    @require_POST
    def view(request, couple, enrolment_id: int):
        try:
            action(person=request.user, couple=couple, enrolment_id=enrolment_id)
        except ValidationError as exc:
            messages.error(request, _first(exc))
        return redirect("programs")

    view.__name__ = action.__name__
    return view


pause = _lifecycle(services.program_pause)
resume = _lifecycle(services.program_resume)
stop = _lifecycle(services.program_stop)


@needs_space
def closing(request, couple, enrolment_id: int):
    enrolment = _enrolment_or_404(couple, enrolment_id)
    program = get_program(enrolment.program_slug)
    view = selectors.closing_view(request.user, couple, enrolment)
    initial = {f"answer_{i}": a for i, a in enumerate(view.mine.answers)} if view.mine else None
    form = ClosingForm(program.closing_reflection, request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.closing_reflection_save(
                    person=request.user, couple=couple, enrolment_id=enrolment.pk, answers=form.answers()
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for name, errors in exc.error_dict.items():
                        form.add_error(name, errors)
                else:
                    form.add_error(None, exc)
            else:
                return redirect("program_closing", enrolment_id=enrolment.pk)
        status = 400
    both = view.mine and view.theirs
    context = {
        "couple": couple, "enrolment": enrolment, "program": program, "view": view, "form": form,
        "rows": list(zip(program.closing_reflection, view.mine.answers, view.theirs.answers)) if both else [],
        "next_program": get_program(program.next) if program.next else None,
    }
    return render(request, "programs/closing.html", context, status=status)


@login_required
def touch(request):
    """Touch preferences live on "How I feel cared for" (one place); this saves them.

    A GET (an old link) goes to that section; a POST saves and goes back there.
    """
    back = reverse("cared_for") + "#touch"
    if request.method != "POST":
        return redirect(back)
    form = TouchForm(request.POST)
    if form.is_valid():
        services.touch_preferences_set(person=request.user, skip=form.cleaned_data["skip"])
        messages.success(request, "Saved. Your partner sees this list only if you show it on your card.")
    else:
        messages.error(request, "Choose from the kinds of touch listed.")
    return redirect(back)
