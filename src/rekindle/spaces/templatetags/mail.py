"""{% mail_stays_on_server as stays %}: true when no SMTP server is set and mail is only written to files."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def mail_stays_on_server() -> bool:
    return settings.MAIL_STAYS_ON_SERVER
