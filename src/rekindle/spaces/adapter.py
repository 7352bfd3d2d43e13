"""django-allauth adapter: a first visit is greeted as one."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter

LOGGED_IN = "account/messages/logged_in.txt"
SIGNED_UP = "account/messages/signed_up.txt"


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request, user, *, signup: bool, **kwargs):
        request._rekindle_signup = signup
        return super().post_login(request, user, signup=signup, **kwargs)

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        if message_template == LOGGED_IN and getattr(request, "_rekindle_signup", False):
            message_template = SIGNED_UP
        return super().add_message(request, level, message_template, message_context, extra_tags, message=message)
