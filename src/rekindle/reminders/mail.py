"""One reminder as an e-mail: plain text and HTML, a discreet subject, one-click unsubscribe."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from rekindle.reminders.tokens import unsubscribe_token

FALLBACK_SITE = "http://localhost:8000"


def site_url(prefs=None) -> str:
    """Where links point: REKINDLE_PUBLIC_URL, else the address the person used when they chose reminders."""
    return settings.PUBLIC_URL or (getattr(prefs, "site_url", "") or FALLBACK_SITE).rstrip("/")


def reminder_message(*, delivery, kind, moment, extra: dict, prefs) -> EmailMultiAlternatives:
    person = delivery.person
    base = site_url(prefs)
    unsubscribe = base + reverse("reminders_unsubscribe", kwargs={"signed": unsubscribe_token(person_id=person.pk, kind=kind.key)})
    context = {
        "person": person,
        "kind": kind,
        "site": base,
        "unsubscribe_url": unsubscribe,
        "settings_url": base + reverse("reminders"),
        "today_url": base + reverse("today"),
        "meeting_url": base + reverse("meetings"),
        **extra,
    }
    text_template, html_template = kind.templates
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    message = EmailMultiAlternatives(
        subject=f"{prefix}{kind.subject}",
        body=render_to_string(text_template, context),
        to=[person.email],
        headers={
            "Message-ID": delivery.message_id,
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
        },
    )
    message.attach_alternative(render_to_string(html_template, context), "text/html")
    return message
