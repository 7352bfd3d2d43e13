"""Tokens: hashed at rest, scoped, revocable, and each one reaches its own person's words only."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from rekindle.api import services
from rekindle.api.models import ApiToken, token_hash
from rekindle.checkins import services as checkins
from rekindle.spaces.selectors import couple_for
from tests.api.helpers import ApiClient, api_as, token_for
from tests.conftest import client_for


def test_only_a_hash_of_the_secret_is_kept(alice):
    token, secret = services.token_create(person=alice, name="Phone", scope="read")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.secret_hash == token_hash(secret) and secret not in str(stored.__dict__)
    assert secret.startswith(stored.prefix) and len(stored.prefix) < len(secret) // 3


def test_no_token_an_unknown_one_or_a_revoked_one_gets_401_json(couple):
    alice, _ = couple
    token, secret = services.token_create(person=alice, name="Phone", scope="read")
    assert ApiClient(None).get("/api/checkins/today").status_code == 401
    assert ApiClient("rk_not-a-real-token").get("/api/checkins/today").status_code == 401
    assert ApiClient(secret).get("/api/checkins/today").status_code == 200
    services.token_revoke(person=alice, token_id=token.pk)
    response = ApiClient(secret).get("/api/checkins/today")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json") and response["WWW-Authenticate"] == "Bearer"
    assert "token" in response.json()["detail"]


def test_a_session_cookie_is_not_a_token(as_alice):
    response = as_alice.get("/api/checkins/today")
    assert response.status_code == 401


def test_a_read_token_cannot_write(couple):
    alice, _ = couple
    api = api_as(alice, "read")
    for url, body in [("/api/checkins/today", {"rose": "a", "bud": "b", "thorn": "c"}),
                      ("/api/appreciations", {"text": "thanks"}), ("/api/talk/draws/1/answer", {"answer": "x"})]:
        response = api.post(url, body)
        assert response.status_code == 403, url
        assert "only read" in response.json()["detail"]
    assert api.get("/api/appreciations").json()["count"] == 0


def test_another_couples_token_gets_nothing_of_alices(couple, other_couple):
    alice, bob = couple
    carol, _ = other_couple
    checkins.appreciation_create(person=alice, couple=couple_for(alice), text="ALICE-WORDS", submission=None)
    checkins.checkin_submit(person=alice, couple=couple_for(alice),
                            answers={"rose": "ALICE-WORDS", "bud": "b", "thorn": "t"}, revision=None)
    api = api_as(carol)
    for url in ["/api/checkins/today", "/api/appreciations", "/api/talk/tonight", "/api/commitments",
                "/api/plans", "/api/export"]:
        response = api.get(url)
        assert response.status_code == 200 and "ALICE-WORDS" not in response.content.decode(), url


def test_last_used_is_written_at_most_every_few_minutes(couple):
    alice, _ = couple
    secret = token_for(alice, "read")
    api = ApiClient(secret)
    api.get("/api/commitments")
    first = ApiToken.objects.get(person=alice).last_used_at
    assert first is not None
    api.get("/api/commitments")
    assert ApiToken.objects.get(person=alice).last_used_at == first
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        api.get("/api/commitments")
    assert ApiToken.objects.get(person=alice).last_used_at > first


def test_tokens_page_makes_shows_once_and_revokes(couple, django_assert_max_num_queries):
    alice, _ = couple
    page = client_for(alice)
    made = page.post("/me/api-tokens/", {"name": "Kitchen dashboard", "scope": "read"}, follow=True)
    secret = made.context["secret"]
    assert made.status_code == 200 and secret in made.content.decode()
    with django_assert_max_num_queries(10):
        listed = page.get("/me/api-tokens/")
    assert "Kitchen dashboard" in listed.content.decode() and secret not in listed.content.decode()
    assert ApiToken.objects.filter(person=alice).count() == 1
    token = ApiToken.objects.get(person=alice)
    page.post(f"/me/api-tokens/{token.pk}/revoke/")
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert ApiClient(secret).get("/api/commitments").status_code == 401


def test_tokens_page_asks_for_a_name_kindly(alice):
    response = client_for(alice).post("/me/api-tokens/", {"name": " ", "scope": "read-write"})
    assert response.status_code == 400
    assert "Give it a name" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_nobody_can_revoke_someone_elses_token(couple):
    alice, bob = couple
    token, secret = services.token_create(person=alice, name="Phone", scope="read")
    client_for(bob).post(f"/me/api-tokens/{token.pk}/revoke/")
    assert ApiClient(secret).get("/api/commitments").status_code == 200


def test_profile_and_me_link_to_the_tokens_page(as_alice):
    for url in ("/me/profile/", "/me/"):
        assert 'href="/me/api-tokens/"' in as_alice.get(url).content.decode(), url
