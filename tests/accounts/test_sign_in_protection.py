"""Wrong passwords slow an attacker without locking the owner out; operators sign in the same way;
two-factor sign-in; where you are signed in."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.usersessions.models import UserSession
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from rekindle.spaces.models import Person
from tests.conftest import PASSWORD

PRODUCTION_LIMITS = {
    "login_failed": "10/m/ip,30/h/ip,100/d/ip",
    "login_failed_account": "10/15m/key",
    "login_failed_known": "10/15m/key",
}
OWNER_IP = "192.0.2.10"
ATTACKER_IP = "198.51.100.7"


@pytest.fixture(autouse=True)
def production_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = PRODUCTION_LIMITS
    cache.clear()
    yield
    cache.clear()


def sign_in(client, email, password, ip):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def totp_code(secret: str) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_guessing_from_elsewhere_does_not_lock_the_owner_out_of_their_own_browser(alice):
    owner = Client()
    sign_in(owner, alice.email, PASSWORD, OWNER_IP)
    assert signed_in(owner)
    owner.post(reverse("account_logout"))
    assert not signed_in(owner)

    for n in range(12):  # from several addresses, so the per-address limit isn't what stops them
        sign_in(Client(), alice.email, "wrong-password", f"198.51.100.{n}")
    stranger = Client()
    sign_in(stranger, alice.email, PASSWORD, ATTACKER_IP)
    assert not signed_in(stranger), "a browser new to the account is held back after many wrong tries"

    response = sign_in(owner, alice.email, PASSWORD, OWNER_IP)
    assert signed_in(owner), response.content.decode()[:2000]


def test_a_held_back_new_browser_gets_in_through_the_reset_e_mail(alice):
    client = Client()
    for _ in range(10):
        sign_in(client, alice.email, "wrong-password", OWNER_IP)
    response = sign_in(client, alice.email, PASSWORD, OWNER_IP)
    assert not signed_in(client)
    assert "Forgot your password" in response.content.decode()

    client.post(reverse("account_reset_password"), {"email": alice.email}, REMOTE_ADDR=OWNER_IP)
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body).group(1)
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    client.post(action, {"password1": "a-brand-new-password", "password2": "a-brand-new-password"})
    assert signed_in(client), "the reset signs the owner in"

    client.post(reverse("account_logout"))
    fresh = Client()  # (another address: this one used up its per-address tries this minute)
    sign_in(fresh, alice.email, "a-brand-new-password", "192.0.2.99")
    assert signed_in(fresh), "the reset cleared the per-account count"


def test_one_address_guessing_many_accounts_is_slowed_down(db):
    people = [Person.objects.create_user(f"p{n}@example.test", PASSWORD) for n in range(12)]
    for person in people[:10]:
        sign_in(Client(), person.email, "wrong-password", ATTACKER_IP)
    client = Client()
    sign_in(client, people[11].email, PASSWORD, ATTACKER_IP)
    assert not signed_in(client), "the per-address back-off holds even with the right password"
    other = Client()
    sign_in(other, people[11].email, PASSWORD, OWNER_IP)
    assert signed_in(other), "another address is not affected"


def test_operator_pages_sign_in_through_the_limited_sign_in(db):
    operator = Person.objects.create_superuser("operator@example.test", PASSWORD)
    client = Client()
    response = client.get("/operator/login/?next=/operator/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    response = client.post("/operator/login/", {"username": operator.email, "password": PASSWORD})
    assert not signed_in(client), "the old admin form no longer checks passwords"

    for _ in range(12):
        sign_in(client, operator.email, "wrong-password", ATTACKER_IP if _ % 2 else OWNER_IP)
    sign_in(client, operator.email, PASSWORD, OWNER_IP)
    assert not signed_in(client), "12 wrong passwords then the right one is no longer let straight in"


def test_operator_pages_open_after_signing_in(db):
    operator = Person.objects.create_superuser("operator@example.test", PASSWORD)
    client = Client()
    sign_in(client, operator.email, PASSWORD, OWNER_IP)
    assert client.get("/operator/").status_code == 200
    assert client.get("/operator/login/").url == "/operator/"


def test_operator_must_set_up_two_factor_when_the_setting_is_on(db, settings):
    settings.OPERATOR_MFA_REQUIRED = True
    operator = Person.objects.create_superuser("operator@example.test", PASSWORD)
    client = Client()
    client.force_login(operator)
    response = client.get("/operator/")
    assert response.status_code == 302
    assert client.get(response.url).url == reverse("mfa_index")

    secret = generate_totp_secret()
    TOTP.activate(operator, secret)
    assert client.get("/operator/").status_code == 200


def test_couples_are_not_asked_for_two_factor_unless_they_choose_it(alice, settings):
    settings.OPERATOR_MFA_REQUIRED = True
    client = Client()
    sign_in(client, alice.email, PASSWORD, OWNER_IP)
    assert signed_in(client)


def test_sign_in_with_an_authenticator_app(alice):
    secret = generate_totp_secret()
    TOTP.activate(alice, secret)
    client = Client()
    response = sign_in(client, alice.email, PASSWORD, OWNER_IP)
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert not signed_in(client)
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"}, REMOTE_ADDR=OWNER_IP)
    assert not signed_in(client) and wrong.status_code == 200
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}, REMOTE_ADDR=OWNER_IP)
    assert signed_in(client)


def test_the_security_pages_are_linked_from_the_profile(alice):
    client = Client()
    client.force_login(alice)
    profile = client.get(reverse("profile")).content.decode()
    assert "Sign-in and security" in profile
    assert reverse("mfa_index") in profile and reverse("usersessions_list") in profile
    for name in ("mfa_index", "usersessions_list"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert 'class="site-header"' in response.content.decode(), f"{name} uses the site's layout"


def test_a_person_sees_where_they_are_signed_in_and_ends_the_others(alice):
    phone, laptop = Client(HTTP_USER_AGENT="Phone"), Client(HTTP_USER_AGENT="Laptop")
    sign_in(phone, alice.email, PASSWORD, OWNER_IP)
    sign_in(laptop, alice.email, PASSWORD, ATTACKER_IP)
    assert UserSession.objects.filter(user=alice).count() == 2
    page = phone.get(reverse("usersessions_list"))
    assert page.status_code == 200
    phone.post(reverse("usersessions_list"))
    assert signed_in(phone)
    assert laptop.get(reverse("profile")).status_code == 302
    assert UserSession.objects.filter(user=alice).count() == 1


def test_changing_the_password_ends_the_other_sessions(alice):
    phone, laptop = Client(), Client()
    sign_in(phone, alice.email, PASSWORD, OWNER_IP)
    sign_in(laptop, alice.email, PASSWORD, ATTACKER_IP)
    response = phone.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "another-long-password", "password2": "another-long-password"},
    )
    assert response.status_code == 302
    assert phone.get(reverse("profile")).status_code == 200
    assert laptop.get(reverse("profile")).status_code == 302
    assert UserSession.objects.filter(user=alice).count() == 1


def test_someone_on_the_same_network_cannot_lock_the_owner_out_of_their_own_browser(alice):
    owner = Client()
    sign_in(owner, alice.email, PASSWORD, OWNER_IP)
    owner.post(reverse("account_logout"))
    for _ in range(25):  # the household's shared address: past the per-address limit (10 a minute)
        sign_in(Client(), alice.email, "wrong-password", OWNER_IP)
    stranger = Client()
    sign_in(stranger, alice.email, PASSWORD, OWNER_IP)
    assert not signed_in(stranger)
    sign_in(owner, alice.email, PASSWORD, OWNER_IP)
    assert signed_in(owner)


def test_a_known_browser_still_has_its_own_limit(alice):
    owner = Client()
    sign_in(owner, alice.email, PASSWORD, OWNER_IP)
    owner.post(reverse("account_logout"))
    for n in range(10):
        sign_in(owner, alice.email, "wrong-password", f"192.0.2.{n}")
    sign_in(owner, alice.email, PASSWORD, "192.0.2.200")
    assert not signed_in(owner)
