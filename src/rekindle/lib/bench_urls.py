"""The bench's urlconf (`python -m rekindle.bench` only, never production): the app plus two floor views."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import include, path


def bare_view(request):
    return HttpResponse("ok")


def auth_floor_view(request):
    """What any signed-in page must at least do: load the session and the person, and one indexed query."""
    from rekindle.spaces.models import Membership

    if not request.user.is_authenticated:
        return HttpResponse("sign in", status=403)
    membership = Membership.objects.filter(person_id=request.user.pk, left_at__isnull=True).first()
    return HttpResponse(f"ok {membership.space_id if membership else 0}")


urlpatterns = [
    path("__bench__/bare/", bare_view),
    path("__bench__/auth/", auth_floor_view),
    path("", include("rekindle.urls")),
]
