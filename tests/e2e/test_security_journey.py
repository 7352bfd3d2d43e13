"""Two-step sign-in in a real browser, under the strict Content-Security-Policy.

Sam turns on an authenticator app from the profile page (codes computed with allauth's own
TOTP helper), signs out and back in with a code; then adds a passkey with Chromium's virtual
authenticator (the DevTools WebAuthn domain) and signs in with the passkey alone.
Any CSP violation on any page fails the test (see conftest's Phones).
"""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, assert_accessible, shot, signup


def code_for(secret: str, *, fresh_after: int | None = None) -> tuple[str, int]:
    """The current code; with fresh_after, wait for a time step later than that one (codes are single-use)."""
    step = int(time.time()) // 30
    while fresh_after is not None and step <= fresh_after:
        time.sleep(1)
        step = int(time.time()) // 30
    return format_hotp_value(hotp_value(secret, step)), step


def confirm_email(page, live_server):
    """Two-step sign-in needs a confirmed address (so nobody can lock the real owner of an address out)."""
    from django.core import mail

    link = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    page.goto(live_server.url + link)
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    page.wait_for_load_state("load")


def open_with_password_check(page, url):
    """Pages that add a way to sign in first ask for the password again."""
    page.goto(url)
    page.wait_for_load_state("load")
    if "/accounts/reauthenticate/" in page.url:
        assert_accessible(page)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_load_state("load")


def log_out(page, live_server):
    page.goto(f"{live_server.url}/me/")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("load")
    if page.get_by_role("button", name=re.compile("Log out|Sign out")).count():
        page.get_by_role("button", name=re.compile("Log out|Sign out")).first.click()
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_sign_in_with_an_authenticator_app(live_server, new_phone):
    page = new_phone()
    signup(page, live_server, "Sam", "sam@example.test")
    confirm_email(page, live_server)
    page.goto(f"{live_server.url}/me/profile/")
    security = page.get_by_role("region", name="Sign-in and security")
    security.get_by_role("link", name="Two-step sign-in and passkeys").click()
    page.wait_for_load_state("load")
    assert_accessible(page)

    open_with_password_check(page, f"{live_server.url}/accounts/2fa/totp/activate/")
    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)
    shot(page, "security-01-authenticator-app")
    secret = page.locator("#authenticator_secret").input_value()
    code, step = code_for(secret)
    page.get_by_label("Authenticator code").fill(code)
    page.get_by_role("button", name="Turn on").click()
    page.wait_for_load_state("load")
    assert "/accounts/2fa/totp/activate/" not in page.url, page.content()[:2000]
    assert_accessible(page)

    log_out(page, live_server)
    page.get_by_label(re.compile(r"^e-?mail", re.I)).fill("sam@example.test")
    page.get_by_label(re.compile(r"^password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")
    assert "/accounts/2fa/authenticate/" in page.url
    assert_accessible(page)
    code, _ = code_for(secret, fresh_after=step)
    page.get_by_label(re.compile("code", re.I)).first.fill(code)
    page.get_by_role("button", name=re.compile("Sign In|Log in|Continue", re.I)).first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Welcome back, Sam.")).to_be_visible()  # signed in


@pytest.mark.django_db(transaction=True)
def test_sign_in_with_a_passkey(live_server, new_phone):
    page = new_phone()
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    signup(page, live_server, "Kit", "kit@example.test")
    confirm_email(page, live_server)
    open_with_password_check(page, f"{live_server.url}/accounts/2fa/webauthn/add/")
    assert_accessible(page)
    page.get_by_label("Name").fill("My phone")
    page.get_by_label("Passwordless").check()
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/(?!webauthn/add/)"))
    page.wait_for_load_state("load")
    assert_accessible(page)

    log_out(page, live_server)
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
    page.wait_for_load_state("load")
    expect(page.get_by_text("Welcome back, Kit.")).to_be_visible()  # signed in


@pytest.mark.django_db(transaction=True)
def test_the_browser_tests_notice_a_csp_violation(live_server, new_phone):
    page = new_phone()
    page.goto(f"{live_server.url}/support/")
    page.evaluate("document.body.setAttribute('style', 'outline: 1px solid red')")
    page.wait_for_timeout(500)
    assert any("style-src" in v for v in new_phone.csp_violations), new_phone.csp_violations
    new_phone.csp_violations.clear()  # noticed; the test itself must not fail on it
