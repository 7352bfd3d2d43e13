"""Today as cards: the order, the quiet cards, the first visit, the count after an update."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rekindle.navigation.destinations import destination_for, way_back
from rekindle.today import cards
from tests.conftest import PASSWORD, client_for, make_person

ANSWERS = {"rose": "Coffee in the sun", "bud": "The weekend", "thorn": "A long meeting"}


def positions(body: str, *markers: str) -> list[int]:
    found = [body.find(m) for m in markers]
    assert all(p >= 0 for p in found), dict(zip(markers, found))
    return found


def test_today_puts_the_check_in_first_and_the_safety_offer_low(couple):
    alice, _ = couple
    body = client_for(alice).get(reverse("today")).content.decode()
    order = positions(
        body, 'id="checkin-card"', 'id="program-today-title"', 'id="tonight"', 'id="appreciation-panel"',
        'id="days-practised"', 'id="offer-title"',
    )
    assert order == sorted(order)
    assert body.count('id="offer-title"') == 1


def test_safety_offer_card_has_nothing_to_show_once_closed(couple, django_assert_num_queries):
    alice, _ = couple
    page = cards.TodayPage(request=None, person=alice, couple=None)
    page.__dict__["care"] = type("Care", (), {"safety_offer_closed": True})()
    with django_assert_num_queries(0):
        assert cards.safety_offer(page) is None


def test_a_card_with_nothing_to_show_does_no_query(couple, django_assert_num_queries):
    alice, _ = couple
    from rekindle.spaces.selectors import couple_for

    page = cards.TodayPage(request=None, person=alice, couple=couple_for(alice))
    with django_assert_num_queries(0):
        assert cards.waiting_for_partner(page) is None  # not solo: no invite card, no query


def test_the_registry_renders_cards_in_order_and_skips_empty_ones():
    page = object()
    registry = [
        cards.Card("a", "a.html", lambda p: {"x": 1}),
        cards.Card("b", "b.html", lambda p: None),
        cards.Card("c", "c.html", lambda p: {}),
    ]
    assert [c.name for c in cards.cards_for(page, registry)] == ["a", "c"]


def test_days_practised_keeps_its_word_after_the_in_place_update(couple):
    alice, _ = couple
    body = client_for(alice).post(reverse("checkin_submit"), ANSWERS, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="days-practised" class="practised" hx-swap-oob="true"' in body
    assert '<span class="big-number">1</span> <span>day practised in' in body
    assert "1 days" not in body


def test_status_lines_on_today_do_not_repeat_each_other(couple):
    alice, _ = couple
    client = client_for(alice)
    client.post(reverse("checkin_submit"), ANSWERS)
    body = client.get(reverse("today")).content.decode()
    assert body.lower().count("sealed until") <= 1


def test_the_reveal_shows_both_answers_with_the_invitation_to_reflect(couple):
    alice, bob = couple
    client_for(alice).post(reverse("checkin_submit"), ANSWERS)
    client_for(bob).post(reverse("checkin_submit"), {"rose": "Bob rose", "bud": "Bob bud", "thorn": "Bob thorn"})
    client = client_for(bob)
    body = client.get(reverse("today")).content.decode()
    assert "Your answers, side by side" in body
    assert "Coffee in the sun" in body and "Bob rose" in body
    assert "Reflect their rose" in body
    assert 'data-reveal="' in body  # rekindle.js plays the gentle motion the first time a phone sees it


@pytest.mark.django_db
def test_sign_up_greets_a_first_visit_as_a_first_visit(client):
    response = client.post(
        reverse("account_signup"),
        {"display_name": "Alice", "email": "alice@example.test", "password1": "a-long-and-kind-passphrase",
         "time_zone": "Europe/London"},
        follow=True,
    )
    body = response.content.decode()
    assert "Welcome to Rekindle, Alice." in body
    assert "Welcome back" not in body


def test_logging_in_again_says_welcome_back(couple):
    alice, _ = couple
    from django.test import Client

    client = Client()
    response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD}, follow=True)
    assert "Welcome back, Alice." in response.content.decode()


def test_hubs_open_for_members(couple):
    alice, _ = couple
    client = client_for(alice)
    for name, heading in (("together", "Together"), ("us", "Us"), ("me", "Alice")):
        body = client.get(reverse(name)).content.decode()
        assert f'<h1 class="page-title">{heading}</h1>' in body, name
        assert 'aria-current="page"' in body


@pytest.mark.django_db
def test_me_opens_without_a_space():
    erin = make_person("Erin")
    response = client_for(erin).get(reverse("me"))
    assert response.status_code == 200
    assert "not in a space yet" in response.content.decode()


def test_every_page_belongs_to_a_destination():
    from tests.test_authorization_matrix import ALL_ROUTES

    outside = {"home", "join", "join_invite", None}
    for route, name in ALL_ROUTES:
        if name in outside or route.lstrip("^").startswith(("accounts/", "operator/", "api/")):  # the API answers JSON, not pages
            continue
        assert destination_for(name) is not None, f"{route} ({name}) has no tab"


def test_pages_below_a_hub_have_a_way_back():
    assert way_back("today") is None
    assert way_back("meeting_record") == ("meetings", "Meetings")
    assert way_back("meeting_step") is None  # it opens with its own link back to the meetings
    assert way_back("together_bucket") == ("together", "Together")
    assert way_back("listening") == ("talk", "Talk")
    assert way_back("profile") == ("me", "Me")


def test_the_today_tab_shows_an_unread_mark_only_when_there_is_news(couple, rf):
    from django.template.loader import render_to_string

    alice, _ = couple
    request = rf.get("/together/")
    request.user = alice
    from django.urls import resolve

    request.resolver_match = resolve("/together/")
    quiet = render_to_string("navigation/together.html", {"links": []}, request=request)
    assert "data-unread-mark" not in quiet
    marked = render_to_string(
        "navigation/together.html", {"links": [], "news_unread": 2, "news_from": "Bob"}, request=request
    )
    assert marked.count("data-unread-mark") == 1
    # The dot and its words sit beside the Today tab's link, so the link's name stays "Today".
    assert re.search(r'<span class="tab-label">Today</span></a>\s*<span class="unread-mark" data-unread-mark>', marked)
    assert "New from Bob" in marked
    assert 'href="/together/" class="tab" aria-current="page"' in marked
