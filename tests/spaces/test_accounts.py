import re

from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD, client_for


def test_forgotten_password_is_reset_by_e_mail(alice):
    client = client_for(None)
    client.post(reverse("account_reset_password"), {"email": alice.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(action, {"password1": "a-brand-new-password", "password2": "a-brand-new-password"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-brand-new-password")


def test_login_attempts_are_rate_limited(alice):
    client = client_for(None)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": alice.email, "password": "wrong-password"})
    response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert response.status_code in {200, 429}
    assert "_auth_user_id" not in client.session


def test_unknown_page_is_kind(alice):
    response = client_for(alice).get("/no-such-page/")
    assert response.status_code == 404
    assert "We couldn't find that page" in response.content.decode()
