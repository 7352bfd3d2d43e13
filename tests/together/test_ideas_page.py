from django.urls import reverse

from rekindle.together import content
from rekindle.together.models import BucketItem
from tests.conftest import client_for

IDEAS = reverse("together_ideas")


def first_idea(**filters):
    return content.matching(**filters)[0]


def test_the_library_shows_every_idea_with_a_save_button(as_alice):
    body = as_alice.get(IDEAS).content.decode()
    assert "All 98 ideas." in body
    assert body.count("Save to our bucket list") == 12  # a short page; the rest are a tap away
    assert "Page 1 of 9" in body


def test_ideas_come_a_short_page_at_a_time_and_the_filters_stay_across_pages(as_alice):
    every = content.matching()
    page_two = as_alice.get(IDEAS, {"page": 2}).content.decode()
    assert body_ids(page_two) == [idea.id for idea in every[12:24]]
    assert "Page 2 of 9" in page_two and 'href="?page=1"' in page_two and 'href="?page=3"' in page_two
    free = content.matching(cost="free")
    assert len(free) > 12
    body = as_alice.get(IDEAS, {"cost": "free"}).content.decode()
    assert f"{len(free)} of 98 ideas match" in body
    assert 'href="?cost=free&amp;page=2"' in body
    body = as_alice.get(IDEAS, {"cost": "free", "page": 2}).content.decode()
    assert body_ids(body) == [idea.id for idea in free[12:24]]
    assert 'hx-get="/together/ideas/?cost=free&amp;page=1"' in body
    # A page past the end shows the last one rather than an error.
    assert as_alice.get(IDEAS, {"page": 99}).status_code == 200


def test_htmx_paging_returns_just_the_results(as_alice):
    response = as_alice.get(IDEAS, {"page": 2}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="idea-results")
    body = response.content.decode()
    assert "<html" not in body and "Page 2 of 9" in body and body.count("Save to our bucket list") == 12


def body_ids(body: str) -> list[str]:
    import re

    return re.findall(r'<li id="idea-([^"]+)">', body)


def test_filters_narrow_the_list_and_say_how_many_match(as_alice):
    expected = content.matching(place="home", cost="free", new_to_both=True)
    body = as_alice.get(IDEAS, {"place": "home", "cost": "free", "new_to_both": "on"}).content.decode()
    assert f"{len(expected)} of 98 ideas match" in body
    assert body.count("Save to our bucket list") == min(len(expected), 12)
    outside = next(i for i in content.all_ideas() if i.place == "out")
    assert f'id="idea-{outside.id}"' not in body


def test_no_matches_gets_a_kind_message(as_alice):
    assert not content.matching(place="home", cost="free", time="half-day")
    body = as_alice.get(IDEAS, {"place": "home", "cost": "free", "time": "half-day"}).content.decode()
    assert "0 of 98 ideas match" in body
    assert "Nothing fits all of those at once" in body


def test_a_made_up_filter_value_is_shown_at_its_field_and_the_rest_still_apply(as_alice):
    response = as_alice.get(IDEAS, {"place": "moon", "cost": "free"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pick one of the options in the list." in body
    assert f"{len(content.matching(cost='free'))} of 98 ideas match" in body


def test_htmx_filtering_returns_just_the_results_and_the_count(as_alice):
    response = as_alice.get(IDEAS, {"time": "overnight"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="idea-results")
    body = response.content.decode()
    assert "<html" not in body
    assert 'hx-swap-oob="innerHTML"' in body
    assert body.count("Save to our bucket list") == min(len(content.matching(time="overnight")), 12)
    assert "HX-Request" in response["Vary"]


def test_saving_an_idea_puts_it_on_the_list_and_goes_back_to_the_same_filters(couple, as_alice):
    alice, _ = couple
    idea = first_idea(place="out")
    response = as_alice.post(reverse("together_idea_save", kwargs={"idea_id": idea.id}), {"filters": "place=out&x=1"})
    assert response.status_code == 302
    assert response.url == f"{IDEAS}?place=out#idea-{idea.id}"
    item = BucketItem.objects.get()
    assert (item.author, item.title, item.idea_id) == (alice, idea.title, idea.id)
    body = as_alice.get(response.url).content.decode()
    assert "is on your bucket list now" in body
    assert "On your bucket list" in body


def test_saving_an_idea_already_on_the_open_list_says_so_instead_of_duplicating(couple, as_alice, as_bob):
    idea = first_idea()
    url = reverse("together_idea_save", kwargs={"idea_id": idea.id})
    as_alice.post(url)
    response = as_bob.post(url, HTTP_HX_REQUEST="true")
    assert "was already on your bucket list — Alice added it earlier" in response.content.decode()
    as_alice.post(url)  # a double submit
    assert BucketItem.objects.count() == 1


def test_an_idea_done_before_can_go_on_the_list_again(couple, as_alice):
    alice, _ = couple
    idea = first_idea()
    url = reverse("together_idea_save", kwargs={"idea_id": idea.id})
    as_alice.post(url)
    BucketItem.objects.update(done_on=alice.today())
    as_alice.post(url)
    assert BucketItem.objects.filter(idea_id=idea.id).count() == 2


def test_saving_an_unknown_idea_is_refused_kindly(as_alice):
    response = as_alice.post(reverse("together_idea_save", kwargs={"idea_id": "no-such-idea"}), follow=True)
    assert "couldn&#x27;t find that idea" in response.content.decode()
    assert not BucketItem.objects.exists()


def test_saving_with_htmx_swaps_the_idea_in_place(as_alice):
    idea = first_idea()
    response = as_alice.post(reverse("together_idea_save", kwargs={"idea_id": idea.id}), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.strip().startswith(f'<li id="idea-{idea.id}">')
    assert "is on your bucket list now" in body


def test_a_person_without_a_space_is_sent_to_make_one(db):
    from tests.conftest import make_person

    response = client_for(make_person("Fay")).get(IDEAS)
    assert response.status_code == 302 and response.url == reverse("space")
