"""{% invite_link invite %}: the full address of an invite, from REKINDLE_PUBLIC_URL when it is set."""

from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def invite_link(context, invite) -> str:
    path = reverse("join_invite", kwargs={"code": invite.code})
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL + path
    return context["request"].build_absolute_uri(path)
