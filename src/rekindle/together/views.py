"""The ideas library and the shared bucket list.

htmx requests get the partial that changed; every form also works as a plain request.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from rekindle.spaces.decorators import needs_space
from rekindle.together import content, selectors, services
from rekindle.together.forms import BucketItemForm, IdeaFilterForm, MarkDoneForm


def _send_back(request, message: str, to: str):
    """Refuse kindly: say why on the page the person is sent back to."""
    messages.info(request, message)
    if request.htmx:
        return HttpResponseClientRedirect(to)
    return redirect(to)


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field_name, errors in exc.error_dict.items():
            form.add_error(field_name, errors)
    else:
        form.add_error(None, exc)


# --- the ideas library ---------------------------------------------------------------------

IDEAS_PER_PAGE = 12


def _ideas_url(filters: str) -> str:
    """The library with the filters someone had chosen, keeping only valid ones."""
    given = QueryDict(filters)
    query = _filter_query(IdeaFilterForm(given).filters())
    if given.get("page", "").isdigit():
        query = f"{query}&page={given['page']}" if query else f"page={given['page']}"
    return reverse("together_ideas") + (f"?{query}" if query else "")


def _filter_query(valid: dict) -> str:
    """The chosen filters as a query string, empty ones left out."""
    query = QueryDict(mutable=True)
    query.update({name: "on" if value is True else value for name, value in valid.items()})
    return query.urlencode()


@needs_space
@vary_on_headers("HX-Request")
def ideas(request, couple):
    form = IdeaFilterForm(request.GET)
    filters = form.filters()
    page = Paginator(content.matching(**filters), IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "couple": couple,
        "form": form,
        "ideas": page.object_list,
        "page": page,
        "matched": page.paginator.count,
        "filter_query": _filter_query(filters),  # page links keep the filters
        "filtered": bool(filters),
        "listed": selectors.listed_idea_ids(request.user, couple),
        "total": len(content.all_ideas()),
    }
    if request.htmx.target == "idea-results":
        return render(request, "together/_idea_results.html", context)
    return render(request, "together/ideas.html", context)


@needs_space
@require_POST
def idea_save(request, couple, idea_id: str):
    back = _ideas_url(request.POST.get("filters", ""))
    try:
        item, added = services.bucket_idea_add(person=request.user, couple=couple, idea_id=idea_id)
    except ValidationError as exc:
        return _send_back(request, exc.messages[0], back)
    if added:
        message = f"“{item.title}” is on your bucket list now."
    else:
        who = "you" if item.author_id == request.user.pk else item.author.display_name
        message = f"“{item.title}” was already on your bucket list — {who} added it earlier, so it's there just once."
    if request.htmx:
        context = {"couple": couple, "idea": item.idea, "listed": {item.idea_id}, "message": message}
        return render(request, "together/_idea.html", context)
    messages.success(request, message)
    return redirect(f"{back}#idea-{idea_id}")


# --- the bucket list -----------------------------------------------------------------------


def _open_rows(request, couple, failed: tuple[int, MarkDoneForm] | None = None) -> list:
    """Each open item with its mark-done form: a fresh one, or the one that just failed."""
    today = request.user.today()
    rows = []
    for item in selectors.open_items(request.user, couple):
        if failed and failed[0] == item.pk:
            rows.append((item, failed[1]))
        else:
            rows.append((item, MarkDoneForm(item_id=item.pk, today=today)))
    return rows


def _bucket_page(request, couple, *, add_form=None, failed=None, status=200):
    context = {
        "couple": couple,
        "add_form": add_form or BucketItemForm(),
        "open_rows": _open_rows(request, couple, failed),
        "done": selectors.done_items(request.user, couple, request.GET.get("page")),
    }
    return render(request, "together/bucket.html", context, status=status)


@needs_space
def bucket(request, couple):
    """The shared list; a POST adds your own item to it."""
    if request.method != "POST":
        return _bucket_page(request, couple)
    form = BucketItemForm(request.POST)
    added = None
    if form.is_valid():
        try:
            added = services.bucket_item_add(
                person=request.user,
                couple=couple,
                title=form.cleaned_data["title"],
                note=form.cleaned_data["note"],
                submission=form.cleaned_data["submission"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
    if added and not request.htmx:
        messages.success(request, f"“{added.title}” is on your list.")
        return redirect("together_bucket")
    if request.htmx:
        context = {
            "couple": couple,
            "add_form": BucketItemForm() if added else form,
            "open_rows": _open_rows(request, couple),
            "added": added,
        }
        return render(request, "together/_open_section.html", context)
    return _bucket_page(request, couple, add_form=form, status=400)


@needs_space
@require_POST
def bucket_done(request, couple, item_id: int):
    person = request.user
    item = selectors.item_for(person, couple, item_id)
    if item is None:
        return _send_back(request, services.NOT_ON_LIST, reverse("together_bucket"))
    form = MarkDoneForm(request.POST, item_id=item_id, today=person.today())
    if form.is_valid():
        try:
            done = services.bucket_item_mark_done(
                person=person,
                couple=couple,
                item_id=item_id,
                done_on=form.cleaned_data["done_on"],
                memory=form.cleaned_data["memory"],
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                return _send_back(request, exc.messages[0], reverse("together_bucket"))
            _add_errors(form, exc)
        else:
            if request.htmx:
                # The viewer just marked it done, so its memory line is theirs to see: no need to read it again.
                done.visible_memory = done.memory if done.done_by_id == person.pk else done.visible_memory
                return render(request, "together/_done_item.html", {"couple": couple, "item": done, "just_done": True})
            messages.success(request, f"Lovely. “{item.title}” is one of your memories now.")
            return redirect(reverse("together_bucket") + "#done-together")
    if request.htmx:
        return render(request, "together/_open_item.html", {"couple": couple, "item": item, "form": form})
    return _bucket_page(request, couple, failed=(item_id, form), status=400)


@needs_space
@require_POST
def bucket_remove(request, couple, item_id: int):
    try:
        item = services.bucket_item_remove(person=request.user, couple=couple, item_id=item_id)
    except ValidationError as exc:
        return _send_back(request, exc.messages[0], reverse("together_bucket"))
    if request.htmx:
        return render(request, "together/_removed.html", {"item": item})
    messages.success(request, f"“{item.title}” is off the list.")
    return redirect("together_bucket")
