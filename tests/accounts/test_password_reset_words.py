"""The password-reset pages say where the link goes: sent by e-mail, or kept on the server."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def reset(email: str) -> tuple[str, str]:
    client = Client()
    form_page = client.get(reverse("account_reset_password")).content.decode()
    done = client.post(reverse("account_reset_password"), {"email": email}, follow=True)
    assert done.status_code == 200
    return form_page, done.content.decode()


def test_with_smtp_the_pages_speak_of_e_mail(alice):
    form_page, done = reset(alice.email)
    assert "Send the link" in form_page and "data directory" not in form_page
    assert "Check your e-mail" in done
    assert len(mail.outbox) == 1


@override_settings(MAIL_STAYS_ON_SERVER=True)
def test_without_smtp_no_page_claims_a_mail_was_sent(alice):
    form_page, done = reset(alice.email)
    assert "doesn't send e-mail yet" in form_page and "Make the link" in form_page
    assert "Your link is on the server" in done and "on its way" not in done and "Check your e-mail" not in done
