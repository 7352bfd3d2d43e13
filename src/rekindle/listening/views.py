"""Listening sessions, pauses and parked topics.

A session page polls `listening_state` every 1.5 seconds with the two keys it shows (the
state's version and the latest words). Unchanged: 204 and htmx leaves the page alone.
Changed: only the parts that changed come back, as out-of-band swaps, so a form someone
is typing in is never replaced unless the turn itself moved on. Every action answers an
htmx request the same way, and a plain form post with a redirect (or the page with the
message, for words that need fixing), so it all works without JavaScript too.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from rekindle.listening import selectors, services
from rekindle.listening.forms import (
    PAUSE_CHOICES,
    TURN_CHOICES,
    NoteForm,
    PauseForm,
    SettingsForm,
    StartForm,
)
from rekindle.listening.models import ListeningSession
from rekindle.spaces.decorators import needs_space

FIELD_CODES = {"empty", "too_long", "bad_characters"}


def _unavailable(request):
    """The same neutral answer for both partners, with no reason given."""
    if request.htmx:
        response = HttpResponse(status=200)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "listening/unavailable.html")


def listening_offered(view):
    """Listening sessions aren't offered in a space where joint conflict exercises are switched off."""

    @wraps(view)
    def wrapper(request, couple, *args, **kwargs):
        if not selectors.listening_offered(couple):
            return _unavailable(request)
        return view(request, couple, *args, **kwargs)

    return wrapper


# --- starting ------------------------------------------------------------------------------


@needs_space
@listening_offered
def index(request, couple):
    """Start a session (a POST), see the open one, earlier ones and the parked topics."""
    person = request.user
    if request.method == "GET" and request.htmx:
        # The "still open" card polls, so a session your partner starts shows up here.
        current = selectors.open_session(person, couple)
        if request.GET.get("open") == _open_key(current):
            return HttpResponse(status=204)
        return render(request, "listening/_open_session.html", {"couple": couple, "open_session": current})
    parked = None
    if request.method == "POST":
        form = StartForm(request.POST, couple=couple)
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = services.session_start(
                    person=person,
                    couple=couple,
                    topic=data["topic"],
                    first_speaker=data["first_speaker"],
                    turn_seconds=data["turn_seconds"],
                    mode=data["mode"],
                    parked_topic_id=data["parked_topic"],
                )
            except ValidationError as exc:
                form.add_error("topic" if exc.code in FIELD_CODES else None, exc)
            else:
                return redirect("listening_session", session_id=session.pk)
        parked = selectors.waiting_parked_topic(person, couple, request.POST.get("parked_topic"))
        status = 400
    else:
        parked = selectors.waiting_parked_topic(person, couple, request.GET.get("topic"))
        # `about` pre-fills a topic named elsewhere, such as the issue of a weekly meeting.
        about = request.GET.get("about", "").strip()
        initial = {"topic": parked.topic, "parked_topic": parked.pk} if parked else ({"topic": about} if about else {})
        form = StartForm(initial=initial, couple=couple)
        status = 200
    context = {
        "couple": couple,
        "form": form,
        "parked": parked,
        "open_session": selectors.open_session(person, couple),
        "sessions": selectors.recent_sessions(person, couple),
    }
    return render(request, "listening/index.html", context, status=status)


def _open_key(session) -> str:
    return f"{session.pk}-{session.status}" if session else "none"


# --- a session -----------------------------------------------------------------------------


def _view_or_404(request, couple, session_id, **kwargs) -> selectors.SessionView:
    view = selectors.session_view(request.user, couple, session_id, **kwargs)
    if view is None:
        raise Http404("No such conversation in your space.")
    return view


def _stage_context(view, *, errors=None, typed=None, stage_message="", message_is_error=False, focus=False) -> dict:
    return {
        "view": view,
        "s": view.session,
        "focus": focus,
        "errors": errors or {},
        "typed": typed or {},
        "stage_message": stage_message,
        "message_is_error": message_is_error,
        "pause_choices": PAUSE_CHOICES,
        "turn_choices": TURN_CHOICES,
        "modes": ListeningSession.Mode.choices,
    }


def _note_form_context(view, note_form=None) -> dict:
    return {"note_form": note_form or NoteForm(), "note_author": view.viewer.pk}


@require_GET
@needs_space
@listening_offered
def session_page(request, couple, session_id: int):
    view = _view_or_404(request, couple, session_id)
    context = {"couple": couple, **_stage_context(view), **_note_form_context(view)}
    return render(request, "listening/session.html", context)


def _known(request) -> tuple[str, str]:
    source = request.POST if request.method == "POST" else request.GET
    return source.get("v", ""), source.get("u", "")


def _live(request, couple, view, *, stage: bool, words: bool, note_form=None, **stage_extra):
    """The parts of the page that changed, as out-of-band swaps, plus the new keys."""
    context = {
        "couple": couple,
        "show_stage": stage,
        "show_words": words,
        "show_note_form": note_form is not None,
        **_stage_context(view, **stage_extra),
        **_note_form_context(view, note_form),
    }
    return render(request, "listening/_live.html", context)


@require_GET
@needs_space
def state(request, couple, session_id: int):
    """The polling endpoint: 204 when the page is current, otherwise what changed."""
    if not request.htmx:
        return redirect("listening_session", session_id=session_id)
    if not selectors.listening_offered(couple):
        return _unavailable(request)
    known = _known(request)
    view = _view_or_404(request, couple, session_id, known=known)
    stage_changed, words_changed = known[0] != view.stage_key, known[1] != view.words_key
    if not stage_changed and not words_changed:
        return HttpResponse(status=204)
    # A change of state can also mark words ("that's it"), so the lists come along with it.
    return _live(request, couple, view, stage=stage_changed, words=words_changed or stage_changed)


def _answer(
    request, couple, session_id, error: ValidationError | None = None, *,
    session: ListeningSession | None = None, move: str = "", typed: str = "",
):
    """After an action: htmx gets the fresh state (with any message); a plain post is redirected.

    `session` is what a successful change returned, so the page needn't read it again.
    """
    if error is not None and error.code == "not_found":
        raise Http404("No such conversation in your space.")
    field_error = error is not None and error.code in FIELD_CODES
    extra = {}
    if error is not None:
        if field_error:
            extra = {"errors": {move: error.messages[0]}, "typed": {move: typed}}
        else:
            extra = {"stage_message": error.messages[0], "typed": {move: typed} if move else {}}
            extra["message_is_error"] = error.code != "stale"
    if request.htmx:
        if session is not None:
            view = selectors.session_view_after_change(request.user, couple, session)
        else:
            view = _view_or_404(request, couple, session_id)
        # Your own step moved things on: focus goes to the new state (unless a field needs fixing).
        return _live(request, couple, view, stage=True, words=True, focus=not field_error, **extra)
    if field_error:
        view = _view_or_404(request, couple, session_id)
        context = {"couple": couple, **_stage_context(view, **extra), **_note_form_context(view)}
        return render(request, "listening/session.html", context, status=400)
    if error is not None:
        if not selectors.session_exists(request.user, couple, session_id):
            raise Http404("No such conversation in your space.")
        messages.info(request, error.messages[0])
    return redirect(reverse("listening_session", kwargs={"session_id": session_id}) + "#stage")


@require_POST
@needs_space
@listening_offered
def turn(request, couple, session_id: int):
    move, text = request.POST.get("move", ""), request.POST.get("text", "")
    try:
        session = services.session_move(
            person=request.user, couple=couple, session_id=session_id,
            version=request.POST.get("version"), move=move, text=text, aloud=request.POST.get("aloud") == "1",
        )
    except ValidationError as exc:
        return _answer(request, couple, session_id, exc, move=move, typed=text)
    return _answer(request, couple, session_id, session=session)


@require_POST
@needs_space
@listening_offered
def note(request, couple, session_id: int):
    form = NoteForm(request.POST)
    saved = False
    if form.is_valid():
        try:
            services.session_note_add(
                person=request.user, couple=couple, session_id=session_id, text=form.cleaned_data["text"],
                author_id=_int_or_none(request.POST.get("author")),
            )
        except ValidationError as exc:
            if exc.code == "not_found":
                raise Http404("No such conversation in your space.") from None
            form.add_error("text", exc)
        else:
            saved = True
    if request.htmx:
        view = _view_or_404(request, couple, session_id)
        return _live(request, couple, view, stage=False, words=True, note_form=NoteForm() if saved else form)
    if saved:
        return redirect(reverse("listening_session", kwargs={"session_id": session_id}) + "#notes")
    view = _view_or_404(request, couple, session_id)
    context = {"couple": couple, **_stage_context(view), **_note_form_context(view, form)}
    return render(request, "listening/session.html", context, status=400)


def _int_or_none(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


@require_POST
@needs_space
@listening_offered
def session_pause(request, couple, session_id: int):
    """A pause called from the session: it pauses the session and parks the topic."""
    if not selectors.session_exists(request.user, couple, session_id):  # never pause another space
        raise Http404("No such conversation in your space.")
    try:
        pause, _created = services.pause_call(person=request.user, couple=couple, minutes=request.POST.get("minutes"))
    except ValidationError as exc:
        return _answer(request, couple, session_id, exc)
    if request.htmx:
        return _answer(request, couple, session_id)
    return redirect("pause_detail", pause_id=pause.pk)


@require_POST
@needs_space
@listening_offered
def resume(request, couple, session_id: int):
    try:
        session = services.session_resume(
            person=request.user, couple=couple, session_id=session_id, version=request.POST.get("version")
        )
    except ValidationError as exc:
        return _answer(request, couple, session_id, exc)
    return _answer(request, couple, session_id, session=session)


@require_POST
@needs_space
@listening_offered
def close(request, couple, session_id: int):
    outcome = request.POST.get("outcome", "")
    try:
        session = services.session_close(
            person=request.user, couple=couple, session_id=session_id,
            version=request.POST.get("version"), outcome=outcome,
        )
    except ValidationError as exc:
        return _answer(request, couple, session_id, exc)
    if not request.htmx:
        if outcome == ListeningSession.Status.PARKED:
            messages.success(request, "Parked. It's on your parked topics, ready when you are.")
        else:
            messages.success(request, "Well done, both of you. Listening like this takes care.")
    return _answer(request, couple, session_id, session=session)


@require_POST
@needs_space
@listening_offered
def session_settings(request, couple, session_id: int):
    form = SettingsForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Choose a turn length and one phone or two.", code="bad_settings")
        session = services.session_settings(
            person=request.user, couple=couple, session_id=session_id,
            mode=form.cleaned_data["mode"], turn_seconds=form.cleaned_data["turn_seconds"],
        )
    except ValidationError as exc:
        return _answer(request, couple, session_id, exc)
    return _answer(request, couple, session_id, session=session)


@require_GET
@needs_space
@listening_offered
def transcript(request, couple, session_id: int):
    found = selectors.transcript(request.user, couple, session_id)
    if found is None:
        raise Http404("No such conversation in your space.")
    session, rows = found
    context = {"couple": couple, "s": session, "words": [u for u in rows if u.kind != "note"],
               "notes": [u for u in rows if u.kind == "note"]}
    return render(request, "listening/transcript.html", context)


# --- pauses --------------------------------------------------------------------------------


def _safe_back(request, raw: str | None) -> str:
    if raw and url_has_allowed_host_and_scheme(raw, allowed_hosts={request.get_host()}) and raw.startswith("/"):
        return raw
    return ""


@needs_space
def pause(request, couple):
    """Call a pause, from Today or any joint exercise (`?topic=…&back=/path/` are optional)."""
    person = request.user
    current = selectors.active_pause(couple)
    if request.method == "POST" and couple.partner is not None:
        form = PauseForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                called, created = services.pause_call(
                    person=person, couple=couple, minutes=data["minutes"] or None,
                    until=data["until"], topic=data["topic"],
                )
            except ValidationError as exc:
                field = {"too_short": "until", "bad_length": "minutes", "too_long": "topic"}.get(exc.code)
                form.add_error(field, exc)
            else:
                if not created:
                    messages.info(request, "A pause is already on. Here it is.")
                return redirect("pause_detail", pause_id=called.pk)
        status = 400
    else:
        if current is not None and current.state() == "apart":
            return redirect("pause_detail", pause_id=current.pk)
        form = PauseForm(initial={"topic": (request.GET.get("topic") or "")[:200]})
        status = 200
    context = {
        "couple": couple,
        "form": form,
        "back": _safe_back(request, request.POST.get("back") or request.GET.get("back")),
        "offered": selectors.listening_offered(couple),
    }
    return render(request, "listening/pause.html", context, status=status)


def _pause_context(request, couple, the_pause) -> dict:
    return {
        "couple": couple,
        "pause": the_pause,
        "state": the_pause.state(),
        "offered": selectors.listening_offered(couple),
        "token": the_pause.token,
    }


@require_GET
@needs_space
def pause_detail(request, couple, pause_id: int):
    """A pause as both partners see it; the card polls gently for "need longer" and "we're back"."""
    the_pause = selectors.pause_for(request.user, couple, pause_id)
    if the_pause is None:
        raise Http404("No such pause in your space.")
    context = _pause_context(request, couple, the_pause)
    if request.htmx:
        if request.GET.get("t") == context["token"]:
            return HttpResponse(status=204)
        return render(request, "listening/_pause_card.html", context)
    return render(request, "listening/pause_detail.html", context)


@require_POST
@needs_space
def pause_longer(request, couple, pause_id: int):
    try:
        services.pause_longer(person=request.user, couple=couple, pause_id=pause_id)
    except ValidationError as exc:
        if exc.code == "not_found":
            raise Http404("No such pause in your space.") from None
        messages.info(request, exc.messages[0])
    else:
        messages.success(request, "More time apart. The new time to come back is shown to you both.")
    return redirect("pause_detail", pause_id=pause_id)


@require_POST
@needs_space
def pause_end(request, couple, pause_id: int):
    try:
        ended = services.pause_end(person=request.user, couple=couple, pause_id=pause_id)
    except ValidationError as exc:
        if exc.code == "not_found":
            raise Http404("No such pause in your space.") from None
        messages.info(request, exc.messages[0])
        return redirect("pause_detail", pause_id=pause_id)
    messages.success(request, "Welcome back. Go gently.")
    return redirect("pause_detail", pause_id=ended.pk)


@require_GET
@needs_space
def pause_status(request, couple):
    """The pause card on Today; htmx polls it so a pause shows on both phones."""
    if not request.htmx:
        return redirect("pause")
    current = selectors.active_pause(couple)
    if request.GET.get("t") == selectors.pause_token(current):
        return HttpResponse(status=204)
    return render(request, "listening/_today_pause.html", {"couple": couple, "pause": current})


@require_GET
@needs_space
def breathe(request, couple):
    return render(request, "listening/breathe.html", {"couple": couple, "pause": selectors.active_pause(couple)})


# --- parked topics -------------------------------------------------------------------------


@require_GET
@needs_space
def parked(request, couple):
    context = {
        "couple": couple,
        "parked": selectors.parked_topics(request.user, couple),
        "offered": selectors.listening_offered(couple),
    }
    return render(request, "listening/parked.html", context)


@require_POST
@needs_space
def parked_settle(request, couple, topic_id: int):
    try:
        services.parked_topic_settle(person=request.user, couple=couple, topic_id=topic_id)
    except ValidationError as exc:
        if exc.code == "not_found":
            raise Http404("No such topic in your space.") from None
        messages.info(request, exc.messages[0])
    else:
        messages.success(request, "Taken off the list. Talking it through together is no small thing.")
    return redirect("parked_topics")
