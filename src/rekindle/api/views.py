"""The page where a person makes, names and revokes their API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rekindle.api import selectors, services
from rekindle.api.forms import TokenForm


@login_required
def tokens(request):
    """GET lists the tokens; POST makes one and shows its secret on this response only."""
    form = TokenForm(request.POST or None)
    made = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            made, secret = services.token_create(person=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = TokenForm()
    status = 400 if request.method == "POST" and made is None else 200
    context = {"form": form, "tokens": selectors.tokens_of(request.user), "made": made, "secret": secret}
    return render(request, "api/tokens.html", context, status=status)


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
