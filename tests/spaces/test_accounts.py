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


SIGNUP = {"password1": "a-long-test-password", "display_name": "Bob", "time_zone": "Europe/London"}


def test_sign_up_shows_one_short_password_hint_and_the_rules_only_with_an_error(db):
    client = client_for(None)
    body = client.get(reverse("account_signup")).content.decode()
    assert "At least 10 characters" in body
    assert "can’t be too similar" not in body and "can’t be entirely numeric" not in body
    response = client.post(reverse("account_signup"), {**SIGNUP, "email": "b@example.test", "password1": "1234567890"})
    body = response.content.decode()
    assert response.status_code == 200 and "entirely numeric" in body
    assert "can’t be a commonly used password" in body  # the full rules, now that they matter


def test_no_confirmation_e_mail_is_claimed_when_mail_stays_on_the_server(db, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    client = client_for(None)
    response = client.post(reverse("account_signup"), {**SIGNUP, "email": "kept@example.test"}, follow=True)
    body = response.content.decode()
    assert len(list(tmp_path.iterdir())) == 1  # the message is in the mail folder, as configured
    assert "Confirmation e" not in body and "mail sent" not in body


def test_confirmation_e_mail_is_mentioned_when_mail_is_really_sent(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client_for(None).post(reverse("account_signup"), {**SIGNUP, "email": "sent@example.test"}, follow=True)
    assert "Confirmation email sent" in response.content.decode() and len(mail.outbox) == 1


def test_signing_up_from_an_invite_joins_at_once_and_lands_on_today(alice):
    from rekindle.spaces import services
    from rekindle.spaces.selectors import couple_for

    services.space_create(person=alice, name="Alice & Bob")
    invite = services.invite_create(person=alice)
    client = client_for(None)
    join_page = reverse("join_invite", kwargs={"code": invite.code})
    assert "Create an account" in client.get(join_page).content.decode()
    response = client.post(f"{reverse('account_signup')}?next={join_page}", {**SIGNUP, "email": "b@example.test"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("today")
    assert "You&#x27;ve joined Alice &amp; Bob" in response.content.decode()
    from rekindle.spaces.models import Person

    bob = Person.objects.get(email="b@example.test")
    assert couple_for(bob).partner == alice


def test_an_invite_used_up_during_sign_up_is_explained(alice, bob):
    from rekindle.spaces import services

    services.space_create(person=alice, name="Alice & Bob")
    invite = services.invite_create(person=alice)
    client = client_for(None)
    join_page = reverse("join_invite", kwargs={"code": invite.code})
    client.get(join_page)
    services.invite_accept(person=bob, code=invite.code)
    response = client.post(f"{reverse('account_signup')}?next={join_page}", {**SIGNUP, "email": "c@example.test"}, follow=True)
    assert response.status_code == 200 and "This invite can" in response.content.decode()
