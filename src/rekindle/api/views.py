"""The page where a person makes, names and revokes their API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rekindle.api import selectors, services
from rekindle.api.forms import TokenForm

# A new token's secret waits here between the POST that made it and the page that shows it,
# and is taken out as it is shown: a reload neither makes a second token nor shows it again.
JUST_MADE = "rekindle_api_token_just_made"


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made, secret = services.token_create(person=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            request.session[JUST_MADE] = [made.pk, secret]
            return redirect("api_tokens")
    made_id, secret = request.session.pop(JUST_MADE, [None, None])
    listed = selectors.tokens_of(request.user)
    context = {
        "form": form if request.method == "POST" else TokenForm(),
        "tokens": listed,
        "made": next((t for t in listed if t.pk == made_id), None),
        "secret": secret,
    }
    return render(request, "api/tokens.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def revoke(request, token_id: int):
    try:
        token = services.token_revoke(person=request.user, token_id=token_id)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"“{token.name}” is revoked: it no longer works.")
    return redirect("api_tokens")
