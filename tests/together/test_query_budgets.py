"""The ideas and bucket-list pages cost the same few queries with one item or hundreds."""

import datetime as dt

import pytest
from django.urls import reverse

from rekindle.spaces.selectors import couple_for
from rekindle.together.content import all_ideas
from rekindle.together.models import BucketItem
from tests.conftest import client_for

BUDGET = 10


def add_items(alice, bob, count: int) -> None:
    """`count` items from both partners, half of them done with a memory; some from the library."""
    space = couple_for(alice).space
    today = alice.today()
    ideas = all_ideas()
    BucketItem.objects.bulk_create(
        BucketItem(
            space=space,
            author=alice if n % 2 else bob,
            title=f"Adventure {n}",
            idea_id=ideas[n % len(ideas)].id if n % 3 == 0 else "",
            done_on=today - dt.timedelta(days=n) if n % 2 else None,
            done_by=bob if n % 2 else None,
            memory="Such a good day" if n % 2 else "",
        )
        for n in range(count)
    )


def pages():
    ideas = reverse("together_ideas")
    return [
        (ideas, {}),
        (ideas, {"place": "home", "cost": "low", "new_to_both": "on"}),
        (ideas, {"time": "overnight", "_htmx": True}),
        (reverse("together_bucket"), {}),
        (reverse("together_bucket"), {"page": 2}),
    ]


@pytest.mark.parametrize("count", [1, 300])
def test_every_page_stays_within_budget_with_one_item_or_three_hundred(couple, count, django_assert_max_num_queries):
    alice, bob = couple
    add_items(alice, bob, count)
    client = client_for(alice)
    for url, params in pages():
        headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "idea-results"} if params.pop("_htmx", False) else {}
        with django_assert_max_num_queries(BUDGET, info=url):
            response = client.get(url, params, **headers)
        assert response.status_code == 200, url


@pytest.mark.parametrize("count", [1, 300])
def test_writes_stay_within_budget(couple, count, django_assert_max_num_queries):
    alice, bob = couple
    add_items(alice, bob, count)
    client = client_for(alice)
    item = BucketItem.objects.filter(done_on__isnull=True).first()
    htmx = {"HTTP_HX_REQUEST": "true"}
    writes = [
        (reverse("together_bucket"), {"title": "One more"}),
        (reverse("together_idea_save", kwargs={"idea_id": all_ideas()[-1].id}), {}),
        (reverse("together_bucket_done", kwargs={"item_id": item.pk}), {"done_on": alice.today().isoformat()}),
    ]
    for url, data in writes:
        with django_assert_max_num_queries(BUDGET, info=url):
            assert client.post(url, data, **htmx).status_code == 200, url
