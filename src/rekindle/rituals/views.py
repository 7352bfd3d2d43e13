"""Pages for commitments, experiments, the weekly meeting and the quarterly review."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from rekindle.care.selectors import joint_conflict_exercises_hidden
from rekindle.goals import selectors as goal_selectors
from rekindle.lib.wording import as_promise
from rekindle.listening.selectors import listening_offered
from rekindle.measures.selectors import quarter_shared
from rekindle.rituals import selectors, services
from rekindle.rituals.forms import (
    CommitmentForm,
    EntryForm,
    ExperimentForm,
    ExperimentReviewForm,
    NotKeptForm,
    ReviewForm,
)
from rekindle.rituals.meeting_guide import ISSUE_STEP, guide
from rekindle.rituals.models import MeetingEntry
from rekindle.spaces.decorators import needs_space


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _back(request, default: str) -> str:
    target = request.POST.get("back", "")
    return target if target.startswith("/") and not target.startswith("//") else default


# --- commitments ------------------------------------------------------------------------------


def _commitments_page(request, couple, form=None, status=200, failed=None):
    person = request.user
    context = {
        "couple": couple,
        "form": form or CommitmentForm(),
        "open": selectors.open_commitments(person),
        "outcomes": selectors.recent_outcomes(person),
        "rate": selectors.kept_rate(person, timezone.now()),
        "failed": failed,  # (commitment id, form) when an outcome form had a problem
        "not_kept_form": NotKeptForm(),
    }
    return render(request, "rituals/commitments.html", context, status=status)


@needs_space
def commitments(request, couple):
    if request.method == "POST":
        form = CommitmentForm(request.POST)
        if form.is_valid():
            try:
                services.commitment_make(person=request.user, couple=couple, **form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, "Commitment made. Your partner can see it.")
                return redirect("commitments")
        return _commitments_page(request, couple, form, status=400)
    return _commitments_page(request, couple)


@needs_space
@require_POST
def commitment_kept(request, couple, commitment_id: int):
    try:
        services.commitment_kept(person=request.user, commitment_id=commitment_id)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Kept — well done.")
    return redirect(_back(request, reverse("commitments")))


@needs_space
@require_POST
def commitment_not_kept(request, couple, commitment_id: int):
    form = NotKeptForm(request.POST)
    if form.is_valid():
        try:
            services.commitment_not_kept(
                person=request.user, commitment_id=commitment_id, alternative=form.cleaned_data["alternative"]
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Thank you for owning it. Your alternative is there for your partner to see.")
            return redirect(_back(request, reverse("commitments")))
    return _commitments_page(request, couple, status=400, failed=(commitment_id, form))


@needs_space
@require_POST
def commitment_renegotiate(request, couple, commitment_id: int):
    form = CommitmentForm(request.POST)
    if form.is_valid():
        try:
            services.commitment_renegotiate(
                person=request.user, couple=couple, commitment_id=commitment_id, **form.cleaned_data
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Renegotiated. The new version is in your list.")
            return redirect("commitments")
    return _commitments_page(request, couple, status=400, failed=(commitment_id, form))


# --- experiments ------------------------------------------------------------------------------


@needs_space
def experiments(request, couple):
    form = ExperimentForm(request.POST or None)
    failed = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.experiment_start(person=request.user, couple=couple, **form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, "Experiment started. You'll see a reminder to review it on its date.")
                return redirect("experiments")
        status = 400
    context = {"couple": couple, "form": form, "experiments": selectors.experiments(request.user),
               "review_form": ExperimentReviewForm(), "failed": failed, "today": request.user.today()}
    return render(request, "rituals/experiments.html", context, status=status)


@needs_space
@require_POST
def experiment_review(request, couple, experiment_id: int):
    form = ExperimentReviewForm(request.POST)
    if form.is_valid():
        try:
            services.experiment_review(person=request.user, couple=couple, experiment_id=experiment_id, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Reviewed. Trying things and learning from them is the whole point.")
            return redirect("experiments")
    context = {"couple": couple, "form": ExperimentForm(), "experiments": selectors.experiments(request.user),
               "review_form": ExperimentReviewForm(), "failed": (experiment_id, form), "today": request.user.today()}
    return render(request, "rituals/experiments.html", context, status=400)


# --- the weekly meeting -----------------------------------------------------------------------


def _steps_offered(couple) -> list[int]:
    """All seven steps; the issue step is simply not offered where joint conflict exercises are off."""
    hidden = joint_conflict_exercises_hidden(couple.space)
    return [n for n in range(1, 8) if not (hidden and n == ISSUE_STEP)]


@needs_space
def meetings(request, couple):
    context = {
        "couple": couple,
        "guide": guide(),
        "unfinished": selectors.unfinished_meeting(couple),
        "past": selectors.past_meetings(couple),
        "listening_offered": listening_offered(couple),
    }
    return render(request, "rituals/meetings.html", context)


@needs_space
@require_POST
def meeting_start(request, couple):
    meeting = services.meeting_start(person=request.user, couple=couple)
    return redirect("meeting_step", meeting_id=meeting.pk, step=meeting.step)


def _meeting_or_404(couple, meeting_id):
    meeting = selectors.meeting_for(couple, meeting_id)
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


@needs_space
def meeting_step(request, couple, meeting_id: int, step: int):
    return _render_step(request, couple, meeting_id, step)


def _render_step(request, couple, meeting_id: int, step: int, *, forms=None, draft=None, status=200):
    """A meeting step; htmx polling gets just the entries, so each phone sees the other's."""
    meeting = _meeting_or_404(couple, meeting_id)
    offered = _steps_offered(couple)
    if step not in offered:
        raise Http404("No such step")
    person = request.user
    context = {
        "couple": couple,
        "meeting": meeting,
        "step": guide().step(step),
        "offered": offered,
        "offered_steps": [guide().step(n) for n in offered],
        "previous": next((n for n in reversed(offered) if n < step), None),
        "next": next((n for n in offered if n > step), None),
        "said": [entry for kind in guide().step(step).kinds for entry in selectors.meeting_entries(person, meeting)[kind]],
        "kind_labels": dict(MeetingEntry.KINDS),
        "forms": forms or {},
    }
    if request.htmx and request.method == "GET":
        return render(request, "rituals/_meeting_entries.html", context)
    if step == 4:
        context["to_review"] = selectors.commitments_to_review(person, meeting)
        context["meeting_goals"] = goal_selectors.meeting_next_steps(person, couple)
    if step == 6:
        context["made"] = selectors.meeting_commitments(person, meeting)
        context["draft"] = draft
    if step == ISSUE_STEP:
        context["listening_start_url"] = reverse("listening")
    if step == 7:
        from rekindle.dates.selectors import meeting_plans

        context["date_plans"] = meeting_plans(person, couple, meeting)
    return render(request, "rituals/meeting_step.html", context, status=status)


@needs_space
@require_POST
def meeting_entry(request, couple, meeting_id: int, step: int):
    form = EntryForm(request.POST)
    kind = request.POST.get("kind", "")
    if form.is_valid():
        try:
            services.meeting_add_entry(
                person=request.user, couple=couple, meeting_id=meeting_id, kind=kind,
                text=form.cleaned_data["text"], speaker_id=request.POST.get("speaker"),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return redirect(reverse("meeting_step", kwargs={"meeting_id": meeting_id, "step": step}) + f"#{kind}")
    return _render_step(request, couple, meeting_id, step, forms={kind: form}, status=400)


@needs_space
@require_POST
def meeting_notes(request, couple, meeting_id: int, step: int):
    fields = {name: request.POST[name] for name in ("on_track_note", "issue", "next_date_plan") if name in request.POST}
    try:
        services.meeting_save_notes(person=request.user, couple=couple, meeting_id=meeting_id, **fields)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Saved.")
    return redirect("meeting_step", meeting_id=meeting_id, step=step)


@needs_space
@require_POST
def meeting_request(request, couple, meeting_id: int):
    """Step 6 in two taps: the wish as spoken, then the promise in the maker's words, saved on confirm."""
    wish = request.POST.get("request", "")
    speaker_id = request.POST.get("speaker")
    if request.POST.get("confirm"):
        try:
            services.meeting_request_commitment(
                person=request.user, couple=couple, meeting_id=meeting_id,
                text=request.POST.get("text", ""), speaker_id=speaker_id,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):  # the wording was empty or too long: keep the draft, say so there
                form = EntryForm({"text": request.POST.get("text", "")})
                form.is_valid()
                form.errors.clear()
                _apply_errors(form, exc)
                draft = _draft(couple, wish, speaker_id, promise=request.POST.get("text", ""), form=form)
                return _render_step(request, couple, meeting_id, 6, draft=draft, status=400)
            form = EntryForm({"text": wish})
            form.is_valid()
            _apply_errors(form, exc)
            return _render_step(request, couple, meeting_id, 6, forms={"request": form}, status=400)
        messages.success(request, "Saved as a commitment. You'll both see it in Commitments.")
        return redirect("meeting_step", meeting_id=meeting_id, step=6)
    form = EntryForm({"text": wish})
    if not form.is_valid() or couple.partner is None:
        if couple.partner is None or not wish.strip():
            form.errors.clear()
            form.add_error(None, "Say one small thing that would help you feel loved next week."
                           if couple.partner else "This step needs both of you.")
        return _render_step(request, couple, meeting_id, 6, forms={"request": form}, status=400)
    return _render_step(request, couple, meeting_id, 6, draft=_draft(couple, wish, speaker_id))


def _draft(couple, wish: str, speaker_id, *, promise: str | None = None, form=None) -> dict:
    """The wish, who asked, who would promise, and a first wording of the promise to confirm or edit."""
    asker = services.meeting_member(couple, speaker_id)
    maker = couple.partner if asker == couple.me else couple.me
    return {
        "wish": wish.strip(), "asker": asker, "maker": maker, "form": form,
        "promise": as_promise(wish) if promise is None else promise,
    }


@needs_space
@require_POST
def meeting_go(request, couple, meeting_id: int, step: int):
    try:
        services.meeting_go_to(person=request.user, couple=couple, meeting_id=meeting_id, step=step)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("meeting_step", meeting_id=meeting_id, step=step)


@needs_space
@require_POST
def meeting_finish(request, couple, meeting_id: int):
    try:
        services.meeting_finish(person=request.user, couple=couple, meeting_id=meeting_id)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Meeting saved. Well done for making the time.")
    return redirect("meeting_record", meeting_id=meeting_id)


@needs_space
def meeting_record(request, couple, meeting_id: int):
    meeting = _meeting_or_404(couple, meeting_id)
    person = request.user
    context = {
        "couple": couple, "meeting": meeting, "guide": guide(),
        "entries": selectors.meeting_entries(person, meeting),
        "headings": {kind: MeetingEntry.HEADINGS[kind] for kind, _ in MeetingEntry.KINDS},
        "made": selectors.meeting_commitments(person, meeting),
        "show_issue": ISSUE_STEP in _steps_offered(couple),
    }
    return render(request, "rituals/meeting_record.html", context)


# --- the quarterly review ---------------------------------------------------------------------


@needs_space
def reviews(request, couple):
    return render(request, "rituals/reviews.html", {"couple": couple, "reviews": selectors.reviews(couple)})


@needs_space
@require_POST
def review_start(request, couple):
    try:
        review = services.review_open(person=request.user, couple=couple)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("reviews")
    return redirect("review", review_id=review.pk)


@needs_space
def review(request, couple, review_id: int):
    review = selectors.review_for(couple, review_id)
    if review is None:
        raise Http404("No such review")
    fields = ("working", "not_working", "changes", "improved", "targets")
    initial = {"version": review.version, **{name: getattr(review, name) for name in fields}}
    form = ReviewForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.review_save(person=request.user, couple=couple, review_id=review.pk,
                                     version=form.cleaned_data["version"],
                                     answers={name: form.cleaned_data[name] for name in fields})
            except ValidationError as exc:
                _apply_errors(form, exc)
                review.refresh_from_db()
                form.data = form.data.copy()
                form.data["version"] = review.version  # saving again keeps these words over theirs
            else:
                messages.success(request, "Saved for both of you.")
                return redirect("review", review_id=review.pk)
        status = 400
    context = {
        "couple": couple, "review": review, "form": form,
        "figures": selectors.quarter_figures(request.user, couple, review.quarter_start),
        "shared_measures": quarter_shared(request.user, couple, review.quarter_start, selectors.quarter_end(review.quarter_start)),
        # Revisit values and goals; offer to set the next quarter's.
        "review_values": goal_selectors.values_view(request.user, couple),
        "review_goals": goal_selectors.open_goals(request.user, couple),
        "next_quarter_end": goal_selectors.quarter_end(goal_selectors.quarter_end(review.quarter_start)
                                                       + dt.timedelta(days=1)),
    }
    return render(request, "rituals/review.html", context, status=status)
