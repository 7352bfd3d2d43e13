"""Samples for allauth's two-factor and session pages: alice has an authenticator app set up."""

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret


def add_samples(alice, bob, carol, dave):
    totp = TOTP.activate(alice, generate_totp_secret())
    return {"pk": totp.instance.pk}
