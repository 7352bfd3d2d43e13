"""Sign-up: joining from an invite without a second tap, a first visit greeted as one, and
honest words about e-mail.

An invite link opened while logged out keeps its code in the session. When that person
creates an account, they join the space at once and land on Today; if the invite can no
longer be used, the invite page says why.
"""

from __future__ import annotations

from allauth.account.signals import user_signed_up
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.dispatch import receiver

from rekindle.lib.security import AccountAdapter as SignInLimitsAdapter

PENDING_INVITE = "rekindle_pending_invite"
JOINED_FROM_INVITE = "rekindle_joined_from_invite"

# Backends that keep mail on this machine (or nowhere) rather than deliver it.
UNDELIVERED_BACKENDS = {
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


def mail_is_delivered() -> bool:
    return settings.EMAIL_BACKEND not in UNDELIVERED_BACKENDS


LOGGED_IN = "account/messages/logged_in.txt"
SIGNED_UP = "account/messages/signed_up.txt"
CONFIRMATION_SENT = "account/messages/email_confirmation_sent.txt"


class AccountAdapter(SignInLimitsAdapter):
    """The sign-in limits, a first visit greeted as one, and no message claiming mail went out
    when it didn't."""

    def post_login(self, request, user, *, signup: bool, **kwargs):
        request._rekindle_signup = signup
        return super().post_login(request, user, signup=signup, **kwargs)

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        if message_template == CONFIRMATION_SENT and not mail_is_delivered():
            return  # nothing was sent anywhere a person could read it; don't say it was
        if message_template == LOGGED_IN and getattr(request, "_rekindle_signup", False):
            message_template = SIGNED_UP
        super().add_message(request, level, message_template, message_context, extra_tags, message=message)


@receiver(user_signed_up)
def join_from_pending_invite(sender, request, user, **kwargs):
    from rekindle.spaces import services

    code = request.session.pop(PENDING_INVITE, None) if request is not None else None
    if not code:
        return
    try:
        space = services.invite_accept(person=user, code=code)
    except ValidationError:
        return  # the invite page explains what went wrong when they are sent back to it
    request.session[JOINED_FROM_INVITE] = code
    messages.success(request, f"You've joined {space.name}. Welcome in.")
