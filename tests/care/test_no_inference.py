"""The safety check leaves nothing to infer.

Turning joint conflict exercises off is offered to everyone, worded the same, from neutral
places; and bob's every page, htmx partial and export is byte for byte the same whether alice
turned them off after a safety check that said yes, or for a reason of her own.
"""

from __future__ import annotations

import re

import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.care.test_partner_sees_no_trace import snapshot
from tests.conftest import client_for
from tests.test_authorization_matrix import world  # noqa: F401  (world is a fixture)

YES = {"humiliated": "yes", "afraid": "yes", "forced": "no", "hurt": "yes"}
NO = {"humiliated": "no", "afraid": "no", "forced": "no", "hurt": "no"}


def switch(client, url) -> str:
    """The joint-exercises switch as a page shows it (the next= field is where it was shown)."""
    body = client.get(url).content.decode()
    match = re.search(r'<section class="card stack" aria-labelledby="joint-exercises-title".*?</section>', body, re.S)
    assert match, f"no joint-exercises switch at {url}"
    return re.sub(r'name="(next|csrfmiddlewaretoken)" value="[^"]*"', r'name="\1" value=""', match.group(0))


def test_every_member_is_offered_the_same_switch_whatever_their_check_said(world):  # noqa: F811
    alice, bob = world["people"]["alice"], world["people"]["bob"]
    as_alice, as_bob = client_for(alice), client_for(bob)
    never = switch(as_bob, reverse("support"))
    assert "We'd rather not do conflict exercises for now" in never
    assert switch(as_bob, reverse("space")) == never
    as_alice.post(reverse("safety_check"), NO)
    assert switch(as_alice, reverse("support")) == never
    assert switch(as_alice, reverse("space")) == never
    as_alice.post(reverse("safety_check"), YES)
    assert switch(as_alice, reverse("safety_result")) == never, "the result page words it the same"
    as_alice.post(reverse("joint_exercises"), {"hide": "yes", "next": reverse("space")})
    off = switch(as_alice, reverse("space"))
    assert "Offer them again" in off
    assert switch(as_alice, reverse("support")) == switch(as_alice, reverse("safety_result")) == off
    assert switch(as_bob, reverse("space")) == never, "bob's own switch is untouched"


def test_partner_view_is_identical_whether_exercises_are_off_after_a_yes_or_for_a_neutral_reason(world):  # noqa: F811
    with time_machine.travel(timezone.now(), tick=False):
        alice, bob = world["people"]["alice"], world["people"]["bob"]
        as_alice, as_bob = client_for(alice), client_for(bob)
        samples = world["samples"]

        never_taken = snapshot(client_for(bob), samples)
        as_alice.post(reverse("safety_check"), NO)
        assert snapshot(client_for(bob), samples) == never_taken, "check said no"
        as_alice.post(reverse("safety_check"), YES)
        assert snapshot(client_for(bob), samples) == never_taken, "check said yes"
        as_alice.post(reverse("safety_delete"))
        assert snapshot(client_for(bob), samples) == never_taken, "check deleted"

        # Off for a neutral reason: from the space's settings, never having taken the check.
        as_alice.post(reverse("joint_exercises"), {"hide": "yes", "next": reverse("space")})
        neutral = snapshot(client_for(bob), samples)
        assert neutral != never_taken, "the exercises really are off for bob too"
        as_alice.post(reverse("joint_exercises"), {"hide": "no", "next": reverse("space")})
        assert snapshot(client_for(bob), samples) == never_taken

        # Off after a yes, from the result page.
        as_alice.post(reverse("safety_check"), YES)
        as_alice.post(reverse("joint_exercises"), {"hide": "yes", "next": reverse("safety_result")})
        after_yes = snapshot(client_for(bob), samples)
        differing = [url for url in neutral if neutral[url] != after_yes[url]]
        assert differing == []
        assert any(url.endswith("/me/export/") for url in after_yes)
