"""The private drafting page. Nothing typed here is stored: no model, no session, no log.

GET shows the form; a POST (plain or htmx) reads the draft back with what the helper noticed.
An htmx request gets `_result.html` — the form and the reading — for the same spot on the page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from rekindle.gentle import rules
from rekindle.gentle.analysis import analyse
from rekindle.gentle.forms import DraftForm


@sensitive_post_parameters("text")  # an error report never carries the draft
@never_cache  # nor does the browser's cache
@login_required
@require_http_methods(["GET", "POST"])
def draft(request):
    form = DraftForm(request.POST if request.method == "POST" else None)
    analysis = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            analysis = analyse(form.cleaned_data["text"], rules=rules.active())
        elif not request.htmx:
            status = 400
    context = {"form": form, "analysis": analysis, "scaffold": rules.active().scaffold}
    template = "gentle/_result.html" if request.htmx else "gentle/draft.html"
    return render(request, template, context, status=status)
