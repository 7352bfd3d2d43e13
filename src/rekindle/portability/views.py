"""The export page: download your words as a ZIP, or bring an export from another Rekindle."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from rekindle.portability.archive import build_archive
from rekindle.portability.forms import ExportForm, ImportForm
from rekindle.portability.importer import archive_import
from rekindle.spaces.exports import registered
from rekindle.spaces.selectors import couple_for_request


def _page(request, *, import_form=None, status=200):
    couple = couple_for_request(request)
    labels = [k.label for k in registered() if k.owner]
    return render(
        request,
        "portability/export.html",
        {"couple": couple, "labels": labels, "export_form": ExportForm(), "import_form": import_form or ImportForm()},
        status=status,
    )


@login_required
@require_GET
def export(request):
    return _page(request)


@login_required
@require_GET
def export_download(request):
    form = ExportForm(request.GET)
    include_shared = form.is_valid() and form.cleaned_data["include_shared"]
    response = HttpResponse(build_archive(request.user, include_shared=include_shared), content_type="application/zip")
    filename = f"rekindle-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def export_import(request):
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, import_form=form, status=400)
    try:
        result = archive_import(person=request.user, upload=form.cleaned_data["archive"])
    except ValidationError as exc:
        form.add_error("archive", exc)
        return _page(request, import_form=form, status=400)
    return render(request, "portability/imported.html", {"result": result})
