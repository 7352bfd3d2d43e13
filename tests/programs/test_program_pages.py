from django.urls import reverse

from rekindle.programs import services
from rekindle.programs.models import ActivityDone
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for


def test_program_pages_stay_within_budget_with_a_whole_program_of_history(couple, django_assert_max_num_queries):
    alice, bob = couple
    enrolment = services.program_start(person=alice, couple=couple_for(alice), slug="reconnect-30")
    ActivityDone.objects.bulk_create(
        ActivityDone(enrolment=enrolment, step=step, kind=kind, author=person, note="n")
        for step in range(1, 31)
        for kind in ("emotional", "physical")
        for person in (alice, bob)
    )
    client = client_for(alice)
    urls = [
        reverse("today"),
        reverse("programs"),
        reverse("program_detail", kwargs={"slug": "nine-weeks"}),
        reverse("program_progress", kwargs={"enrolment_id": enrolment.pk}),
        reverse("program_step", kwargs={"enrolment_id": enrolment.pk, "number": 1}),
        reverse("program_step", kwargs={"enrolment_id": enrolment.pk, "number": 30}),
        reverse("program_closing", kwargs={"enrolment_id": enrolment.pk}),
        reverse("cared_for"),  # touch preferences live there now
    ]
    for url in urls:
        with django_assert_max_num_queries(10, info=url):
            assert client.get(url).status_code == 200, url


def test_today_shows_the_running_program(couple):
    alice, _ = couple
    services.program_start(person=alice, couple=couple_for(alice), slug="reconnect-30")
    body = client_for(alice).get(reverse("today")).content.decode()
    assert "Day 1 of 30 is open" in body


def test_start_through_the_page_opens_day_one(couple):
    alice, _ = couple
    response = client_for(alice).post(reverse("program_start", kwargs={"slug": "reconnect-30"}))
    assert response.status_code == 302 and response.url.endswith("/1/")
    body = client_for(alice).get(response.url).content.decode()
    assert "Day 1" in body and "I did this" in body


def test_unknown_program_is_a_kind_404(couple):
    alice, _ = couple
    response = client_for(alice).get(reverse("program_detail", kwargs={"slug": "no-such-thing"}))
    assert response.status_code == 404


def test_the_grid_counts_days_either_of_you_marked_and_says_by_both_only_when_both_did(couple):
    from rekindle.programs import services as program_services

    alice, bob = couple
    enrolment = services.program_start(person=alice, couple=couple_for(alice), slug="reconnect-30")
    url = reverse("program_progress", kwargs={"enrolment_id": enrolment.pk})
    assert "Nothing marked yet. Day 1 is open." in client_for(bob).get(url).content.decode()
    program_services.activity_mark(person=alice, couple=couple_for(alice), enrolment_id=enrolment.pk,
                                   number=1, kind="emotional", note="")
    body = client_for(bob).get(url).content.decode()
    assert "1 of 30 days marked — so far by one of you." in body and "0 of 30" not in body
    assert "Day 1, marked by one of you" in body
    program_services.activity_mark(person=bob, couple=couple_for(bob), enrolment_id=enrolment.pk,
                                   number=1, kind="physical", note="")
    body = client_for(alice).get(url).content.decode()
    assert "1 of 30 days marked, 1 of them by both of you." in body and "Day 1, marked by both" in body


def test_programs_page_does_not_offer_the_running_program_as_another(couple):
    alice, _ = couple
    services.program_start(person=alice, couple=couple_for(alice), slug="reconnect-30")
    body = client_for(alice).get(reverse("programs")).content.decode()
    assert "Other programs" in body
    other = body.split("Other programs", 1)[1]
    assert 'href="/programs/reconnect-30/"' not in other and "/programs/nine-weeks/" in other
