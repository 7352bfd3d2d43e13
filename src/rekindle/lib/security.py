"""Sign-in protection and response headers.

Wrong passwords are limited two ways (settings.ACCOUNT_RATE_LIMITS):

* per address (``login_failed``): a stepped back-off, 10 a minute, 30 an hour, 100 a day;
* per account (``login_failed_account``): a few in a quarter of an hour — but only for browsers
  that have never signed in to that account. A browser that has (it carries a signed, HttpOnly
  "known device" cookie naming the account) is held back only by the per-address limit, so
  someone guessing from elsewhere cannot lock the owner out. A new browser can always get in
  through "Forgot your password?": a successful reset clears the per-account count and signs in.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core import signing
from django.utils.cache import patch_cache_control

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit

KNOWN_DEVICE_COOKIE = "rekindle_known"
_SALT = "rekindle.known-device"


def _account_tag(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def known_accounts(request) -> set[str]:
    raw = request.COOKIES.get(KNOWN_DEVICE_COOKIE)
    if not raw:
        return set()
    try:
        tags = signing.loads(raw, salt=_SALT, max_age=settings.KNOWN_DEVICE_COOKIE_AGE)
    except signing.BadSignature:
        return set()
    return set(tags) if isinstance(tags, list) else set()


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": (
            "Too many tries. Wait a little and try again, or use “Forgot your password?” "
            "below to get a link by e-mail, which works straight away."
        ),
    }

    def pre_authenticate(self, request, **credentials) -> None:
        self._account_rl_usage = None
        self._login_failed_rl_usage = None
        email = credentials.get("email") or ""
        if _account_tag(email) in known_accounts(request):
            # A browser this account signed in on: its own limit, untouched by anyone else's
            # guessing, whether from elsewhere or from the same (household) address.
            action = "login_failed_known"
            key = request.COOKIES[KNOWN_DEVICE_COOKIE]
        else:
            super().pre_authenticate(request, **credentials)  # the per-address back-off
            action = "login_failed_account"
            key = self._get_login_attempts_cache_key(request, **credentials)
        usage = ratelimit._impl.consume(request, app="allauth.account", action=action, key=key)
        if not usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")
        self._account_rl_usage = usage

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        usage = getattr(self, "_account_rl_usage", None)
        if user and usage:
            usage.rollback()
        return user

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit._impl.clear(
            request,
            app="allauth.account",
            action="login_failed_account",
            key=self._get_login_attempts_cache_key(request, **credentials),
        )

    def login(self, request, user) -> None:
        super().login(request, user)
        if user.email:
            request._rekindle_known_account = _account_tag(user.email)


class KnownDeviceMiddleware:
    """After a successful sign-in, remember on this browser that it belongs to the account."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        tag = getattr(request, "_rekindle_known_account", None)
        if tag:
            tags = sorted(known_accounts(request) | {tag})[-5:]
            response.set_cookie(
                KNOWN_DEVICE_COOKIE,
                signing.dumps(tags, salt=_SALT),
                max_age=settings.KNOWN_DEVICE_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


class NoStoreMiddleware:
    """Nothing the app renders is kept by a browser or proxy cache: pages carry a couple's words,
    and the back button after a quick exit must not show them. Static files are served before this
    (whitenoise) and keep their long caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        response.headers.pop("Expires", None)
        return response


def end_other_sessions_on_password_change(sender, request, user, **kwargs) -> None:
    """Changing the password signs every other browser out (and drops them from the list)."""
    from allauth.usersessions.internal.flows.sessions import end_other_sessions

    end_other_sessions(request, user)


def operator_login(request, extra_context=None):
    """/operator/login/ goes through the site's own sign-in, with its limits and two-factor step."""
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.GET.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        if not request.user.is_active or not request.user.is_staff:
            raise PermissionDenied
        if operator_needs_mfa(request.user):
            return redirect("mfa_index")
        return redirect(target)
    return redirect_to_login(target, login_url=reverse("account_login"))


def operator_needs_mfa(user) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    return settings.OPERATOR_MFA_REQUIRED and not is_mfa_enabled(user)


def operator_has_permission(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and not operator_needs_mfa(user)
