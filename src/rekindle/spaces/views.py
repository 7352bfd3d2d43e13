"""Pages for a person's space: create, invite, join, leave, and profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from rekindle.spaces import services
from rekindle.spaces.forms import JoinCodeForm, ProfileForm, SpaceNameForm
from rekindle.spaces.models import normalise_invite_code
from rekindle.spaces.selectors import couple_for_request, departure_for, open_invite_for
from rekindle.spaces.signups import JOINED_FROM_INVITE, PENDING_INVITE


def home(request):
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "spaces/welcome.html")


def _first_message(exc: ValidationError) -> str:
    return exc.messages[0]


@login_required
def space(request):
    couple = couple_for_request(request)
    context = {"couple": couple, "create_form": SpaceNameForm(), "join_form": JoinCodeForm()}
    if couple is not None:
        context["invite"] = open_invite_for(couple) if couple.is_solo else None
        context["departure"] = departure_for(couple)
        context["rename_form"] = SpaceNameForm(initial={"name": couple.space.name}, auto_id="rename_%s")
    return render(request, "spaces/space.html", context)


@login_required
@require_POST
def space_create(request):
    form = SpaceNameForm(request.POST)
    if form.is_valid():
        try:
            services.space_create(person=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, "Your space is ready. Invite your partner whenever you like.")
            return redirect("space")
    return render(request, "spaces/space.html", {"couple": None, "create_form": form, "join_form": JoinCodeForm()}, status=400)


@login_required
@require_POST
def space_rename(request):
    couple = couple_for_request(request)
    form = SpaceNameForm(request.POST, auto_id="rename_%s")
    if couple is not None and form.is_valid():
        try:
            services.space_rename(person=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, "Name saved.")
            return redirect("space")
    if couple is None:
        return redirect("space")
    context = {"couple": couple, "rename_form": form, "invite": open_invite_for(couple) if couple.is_solo else None}
    return render(request, "spaces/space.html", context, status=400)


@login_required
@require_POST
def invite_create(request):
    try:
        services.invite_create(person=request.user)
    except ValidationError as exc:
        messages.error(request, _first_message(exc))
    else:
        messages.success(request, "Here's a fresh invite. It works once and lasts seven days.")
    return redirect("space")


@login_required
@require_POST
def invite_revoke(request, invite_id: int):
    try:
        services.invite_revoke(person=request.user, invite_id=invite_id)
    except ValidationError as exc:
        messages.error(request, _first_message(exc))
    else:
        messages.success(request, "That invite is cancelled; nobody can use it now.")
    return redirect("space")


def join(request):
    """Enter an invite code by hand."""
    form = JoinCodeForm(request.GET or None)
    if form.is_valid():
        return redirect("join_invite", code=normalise_invite_code(form.cleaned_data["code"]) or "-")
    return render(request, "spaces/join.html", {"form": form})


def join_invite(request, code: str):
    """The page an invite link or code leads to; joining happens on POST, or right after sign-up."""
    if request.user.is_authenticated and request.session.pop(JOINED_FROM_INVITE, None) == normalise_invite_code(code):
        return redirect("today")  # they signed up from this invite and have joined already
    invite = services.invite_find(code)
    problem = None
    if invite is None:
        problem = "We couldn't find that invite. Check the code or ask your partner for a new link."
    elif invite.status in services.INVITE_PROBLEMS:
        problem = services.INVITE_PROBLEMS[invite.status]
    if problem is None and not request.user.is_authenticated:
        request.session[PENDING_INVITE] = invite.code  # kept through sign-up, which then joins
    if request.method == "POST" and request.user.is_authenticated and problem is None:
        try:
            services.invite_accept(person=request.user, code=code)
        except ValidationError as exc:
            problem = _first_message(exc)
        else:
            messages.success(request, f"You've joined {invite.space.name}. Welcome in.")
            return redirect("today")
    status = 400 if problem and request.method == "POST" else 200
    context = {
        "invite": invite if problem is None else None,
        "problem": problem,
        "code": code,
        "next": reverse("join_invite", kwargs={"code": code}),
        "couple": couple_for_request(request) if request.user.is_authenticated else None,
    }
    return render(request, "spaces/join_invite.html", context, status=status)


@login_required
def space_leave(request):
    couple = couple_for_request(request)
    if couple is None:
        return redirect("space")
    if request.method == "POST":
        services.space_leave(person=request.user)
        messages.success(request, "You've left the space. Everything you wrote stays yours.")
        return redirect("space")
    return render(request, "spaces/leave.html", {"couple": couple})


@login_required
def profile(request):
    person = request.user
    form = ProfileForm(request.POST or None, current_zone=person.time_zone,
                       initial={"display_name": person.display_name, "time_zone": person.time_zone})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.person_update(person=person, **form.cleaned_data)
            except ValidationError as exc:
                for field_name, errors in exc.message_dict.items():
                    form.add_error(field_name, errors)
            else:
                messages.success(request, "Saved.")
                return redirect("profile")
        status = 400
    return render(request, "spaces/profile.html", {"form": form}, status=status)
