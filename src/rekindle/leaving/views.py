"""The page to close an account: what goes, what stays, the export first, then the password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from rekindle.leaving import services
from rekindle.leaving.forms import DeleteAccountForm
from rekindle.spaces.selectors import couple_for_request

# Wrong passwords here are limited too, so a borrowed signed-in phone cannot be used to guess one.
TRIES, TRIES_WINDOW = 5, 15 * 60


def _tries_key(person) -> str:
    return f"rekindle-delete-account-tries-{person.pk}"


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method != "POST":
        return render(request, "leaving/delete_account.html", {"form": form, "couple": couple_for_request(request)})
    if form.is_valid():
        if cache.get(_tries_key(request.user), 0) >= TRIES:
            form.add_error("password", "Too many tries. Wait a quarter of an hour and try again. Nothing has been deleted.")
        else:
            try:
                services.account_delete(person=request.user, **form.cleaned_data)
            except ValidationError as exc:
                if "password" in exc.message_dict:
                    cache.add(_tries_key(request.user), 0, TRIES_WINDOW)
                    cache.incr(_tries_key(request.user))
                for field, errors in exc.message_dict.items():
                    form.add_error(field, errors)
            else:
                logout(request)
                messages.success(request, "Your account is closed, and everything you wrote has gone with it. Take good care.")
                return redirect("home")
    context = {"form": form, "couple": couple_for_request(request)}
    return render(request, "leaving/delete_account.html", context, status=400)
