"""The memory book, the small-wins journal, photos and private notes. Every form works as a plain request."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from rekindle.memories import selectors, services
from rekindle.memories.forms import LineForm, MemoryForm, NewMemoryForm, NoteForm, PhotosForm, WinForm
from rekindle.memories.models import PHOTOS_MAX, TITLE_MAX, WIN_MAX, Memory
from rekindle.spaces.decorators import needs_space


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field_name, errors in exc.error_dict.items():
            form.add_error(field_name if field_name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _not_here(request, message: str = services.NOT_HERE):
    messages.info(request, message)
    return redirect("memories")


# --- the book ------------------------------------------------------------------------------


@needs_space
@require_GET
def memories(request, couple):
    """The timeline: memories and small wins as one story, by year and month."""
    page = selectors.timeline(request.user, couple, request.GET.get("page"))
    return render(
        request, "memories/timeline.html", {"couple": couple, "page": page, "win_form": WinForm()}
    )


@needs_space
@require_GET
def memories_photos(request, couple):
    page = selectors.photo_grid(request.user, couple, request.GET.get("page"))
    return render(request, "memories/photos.html", {"couple": couple, "page": page})


def _prefill(request) -> dict:
    """`memory_new?title=…&text=…&date=YYYY-MM-DD`: the offer from another practice, pre-filled."""
    initial = {}
    for name in ("title", "text", "place"):
        value = request.GET.get(name, "").strip()
        if value:
            initial[name] = value
    try:
        day = dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = None
    if day and day <= request.user.today():
        initial["date"] = day
    return initial


@needs_space
def memory_new(request, couple):
    today = request.user.today()
    if request.method != "POST":
        form = NewMemoryForm(initial=_prefill(request), today=today)
        return render(request, "memories/new.html", {"couple": couple, "form": form})
    form = NewMemoryForm(request.POST, request.FILES, today=today)
    if form.is_valid():
        data = form.cleaned_data
        try:
            memory = services.memory_add(
                person=request.user,
                couple=couple,
                title=data["title"],
                text=data["text"],
                place=data["place"],
                date=data["when"][0],
                precision=data["when"][1],
                photos=data["photos"],
                submission=data["submission"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"“{memory.title}” is in your memory book.")
            return redirect("memory_detail", memory_id=memory.pk)
    chose_photos = bool(request.FILES.getlist("photos"))
    return render(
        request, "memories/new.html", {"couple": couple, "form": form, "choose_again": chose_photos}, status=400
    )


def _detail(request, couple, memory: Memory, *, line_form=None, photos_form=None, status=200):
    person = request.user
    photos = selectors.photos_of(person, memory)
    lines = selectors.lines_of(person, memory)
    mine = next((line for line in lines if line.author_id == person.pk), None)
    context = {
        "couple": couple,
        "memory": memory,
        "photos": photos,
        "lines": lines,
        "line_form": line_form or LineForm(initial={"text": mine.text if mine else ""}),
        "my_line": mine,
        "photos_form": photos_form or PhotosForm(),
        "photo_room": PHOTOS_MAX - len(photos),
        "years_ago": memory.years_ago(person.today()),
    }
    return render(request, "memories/detail.html", context, status=status)


@needs_space
@require_GET
def memory_detail(request, couple, memory_id: int):
    memory = selectors.memory_for(request.user, couple, memory_id)
    if memory is None:
        raise Http404(services.NOT_HERE)
    return _detail(request, couple, memory)


def _title_max(memory: Memory) -> int:
    return WIN_MAX if memory.is_win else TITLE_MAX


@needs_space
@require_GET
def memory_glance(request, couple, memory_id: int):
    """The "on this day" card's inside: the memory's title, place and first photo."""
    memory = selectors.glance(request.user, couple, memory_id)
    if memory is None:
        raise Http404(services.NOT_HERE)
    return render(request, "memories/_glance.html", {"memory": memory})


@needs_space
def memory_edit(request, couple, memory_id: int):
    person = request.user
    memory = selectors.memory_for(person, couple, memory_id)
    if memory is None or memory.author_id != person.pk:
        return _not_here(request, services.NOT_HERE if memory is None else "Only the one who started a memory can change it.")
    if request.method != "POST":
        initial = {"title": memory.title, "text": memory.text, "place": memory.place}
        if memory.precision == Memory.DAY:
            initial["date"] = memory.date
        else:
            initial["roughly"] = memory.when
        form = MemoryForm(initial=initial, today=person.today(), title_max=_title_max(memory))
        return render(request, "memories/edit.html", {"couple": couple, "memory": memory, "form": form})
    form = MemoryForm(request.POST, today=person.today(), title_max=_title_max(memory))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.memory_edit(
                person=person,
                couple=couple,
                memory_id=memory.pk,
                title=data["title"],
                text=data["text"],
                place=data["place"],
                date=data["when"][0],
                precision=data["when"][1],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("memory_detail", memory_id=memory.pk)
    return render(request, "memories/edit.html", {"couple": couple, "memory": memory, "form": form}, status=400)


@needs_space
def memory_delete(request, couple, memory_id: int):
    person = request.user
    memory = selectors.memory_for(person, couple, memory_id)
    if memory is None or memory.author_id != person.pk:
        return _not_here(request, services.NOT_HERE if memory is None else "Only the one who started a memory can delete it.")
    if request.method != "POST":
        photos = selectors.photos_of(person, memory)
        theirs = sum(1 for photo in photos if photo.author_id != person.pk)
        return render(request, "memories/delete.html", {"couple": couple, "memory": memory, "photos": photos, "theirs": theirs})
    try:
        services.memory_delete(person=person, couple=couple, memory_id=memory.pk)
    except ValidationError as exc:
        return _not_here(request, exc.messages[0])
    messages.success(request, f"“{memory.title}” is deleted, with its photos.")
    return redirect("memories")


@needs_space
@require_POST
def memory_win(request, couple):
    form = WinForm(request.POST)
    if form.is_valid():
        try:
            services.win_add(
                person=request.user, couple=couple, text=form.cleaned_data["text"], submission=form.cleaned_data["submission"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Noted. Small wins count.")
            return redirect(reverse("memories"))
    page = selectors.timeline(request.user, couple, 1)
    return render(request, "memories/timeline.html", {"couple": couple, "page": page, "win_form": form}, status=400)


@needs_space
@require_POST
def memory_line(request, couple, memory_id: int):
    person = request.user
    memory = selectors.memory_for(person, couple, memory_id)
    if memory is None:
        return _not_here(request)
    form = LineForm(request.POST)
    if form.is_valid():
        try:
            line = services.memory_line_save(person=person, couple=couple, memory_id=memory.pk, text=form.cleaned_data["text"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Your line is saved." if line else "Your line is taken away.")
            return redirect(reverse("memory_detail", kwargs={"memory_id": memory.pk}) + "#lines")
    return _detail(request, couple, memory, line_form=form, status=400)


@needs_space
@require_POST
def memory_photos_add(request, couple, memory_id: int):
    person = request.user
    memory = selectors.memory_for(person, couple, memory_id)
    if memory is None:
        return _not_here(request)
    form = PhotosForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = services.photos_add(person=person, couple=couple, memory_id=memory.pk, files=form.cleaned_data["photos"])
        except ValidationError as exc:
            form.add_error("photos", exc)
        else:
            messages.success(request, f"{len(added)} photo{'s' if len(added) != 1 else ''} added.")
            return redirect(reverse("memory_detail", kwargs={"memory_id": memory.pk}) + "#photos")
    return _detail(request, couple, memory, photos_form=form, status=400)


@needs_space
@require_POST
def memory_photo_remove(request, couple, photo_id: int):
    try:
        photo = services.photo_remove(person=request.user, couple=couple, photo_id=photo_id)
    except ValidationError as exc:
        return _not_here(request, exc.messages[0])
    messages.success(request, "The photo is taken away.")
    return redirect(reverse("memory_detail", kwargs={"memory_id": photo.memory_id}) + "#photos")


@needs_space
@require_POST
def memory_hide(request, couple, memory_id: int):
    hide = request.POST.get("hidden") != "0"
    try:
        services.memory_hide(person=request.user, couple=couple, memory_id=memory_id, hidden=hide)
    except ValidationError as exc:
        return _not_here(request, exc.messages[0])
    if hide:
        messages.success(request, "We won't bring this one back to you on Today. It stays in your book.")
    else:
        messages.success(request, "This one can come back to you on Today again.")
    if request.POST.get("back") == "today":
        return redirect("today")
    return redirect("memory_detail", memory_id=memory_id)


def _photo_response(request, photo_id: int, *, thumb: bool):
    photo = selectors.photo_for(request.user, photo_id)
    if photo is None:
        raise Http404("No such photo.")
    file = photo.thumb if thumb else photo.image
    try:
        handle = file.storage.open(file.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("No such photo.") from None
    response = FileResponse(handle, content_type="image/webp" if thumb else "image/jpeg")
    response["Cache-Control"] = "private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="photo-{photo.pk}{"-small.webp" if thumb else ".jpg"}"'
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@login_required
@require_GET
def memory_photo(request, photo_id: int):
    """The photo itself, only to someone who may see it; never a public URL."""
    return _photo_response(request, photo_id, thumb=False)


@login_required
@require_GET
def memory_thumb(request, photo_id: int):
    return _photo_response(request, photo_id, thumb=True)


# --- private notes -------------------------------------------------------------------------


@login_required
def private_notes(request):
    person = request.user
    form = NoteForm()
    status = 200
    if request.method == "POST":
        form = NoteForm(request.POST)
        if form.is_valid():
            try:
                services.private_note_add(person=person, text=form.cleaned_data["text"], submission=form.cleaned_data["submission"])
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Saved, just for you.")
                return redirect("private_notes")
        status = 400
    page = selectors.notes_for(person, request.GET.get("page"))
    return render(request, "memories/notes.html", {"form": form, "page": page}, status=status)


@login_required
def private_note_edit(request, note_id: int):
    person = request.user
    note = selectors.note_for(person, note_id)
    if note is None:
        messages.info(request, services.NOTE_NOT_HERE)
        return redirect("private_notes")
    if request.method != "POST":
        return render(request, "memories/note_edit.html", {"note": note, "form": NoteForm(initial={"text": note.text})})
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.private_note_edit(person=person, note_id=note.pk, text=form.cleaned_data["text"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Saved, just for you.")
            return redirect("private_notes")
    return render(request, "memories/note_edit.html", {"note": note, "form": form}, status=400)


@login_required
@require_POST
def private_note_delete(request, note_id: int):
    try:
        services.private_note_delete(person=request.user, note_id=note_id)
    except ValidationError as exc:
        messages.info(request, exc.messages[0])
    else:
        messages.success(request, "The note is deleted.")
    return redirect("private_notes")
