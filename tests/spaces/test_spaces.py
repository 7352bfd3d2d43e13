import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from rekindle.spaces import services
from rekindle.spaces.models import Invite, Membership
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for, make_person


def test_creating_a_space_makes_you_its_first_member(alice):
    space = services.space_create(person=alice, name="  Us  ")
    assert space.name == "Us"
    couple = couple_for(alice)
    assert couple.space == space and couple.is_solo


def test_a_space_needs_a_name(alice):
    with pytest.raises(ValidationError, match="Give your space a name"):
        services.space_create(person=alice, name="   ")


def test_a_person_is_in_at_most_one_active_space(couple):
    alice, _ = couple
    with pytest.raises(ValidationError, match="already share a space"):
        services.space_create(person=alice, name="Another")


def test_partner_joins_with_the_code_in_any_format(alice, bob):
    services.space_create(person=alice, name="Us")
    invite = services.invite_create(person=alice)
    messy = f" {invite.display_code.lower()} "
    space = services.invite_accept(person=bob, code=messy)
    assert couple_for(bob).partner == alice
    assert couple_for(alice).partner == bob
    invite.refresh_from_db()
    assert invite.status == "used" and invite.used_by == bob and space == invite.space


def test_invite_is_single_use(alice, bob):
    services.space_create(person=alice, name="Us")
    invite = services.invite_create(person=alice)
    services.invite_accept(person=bob, code=invite.code)
    stranger = make_person("Stranger")
    with pytest.raises(ValidationError, match="already been used"):
        services.invite_accept(person=stranger, code=invite.code)


def test_invite_expires_after_seven_days(alice, bob):
    services.space_create(person=alice, name="Us")
    invite = services.invite_create(person=alice)
    with time_machine.travel(invite.created_at + dt.timedelta(days=7, seconds=1)):
        with pytest.raises(ValidationError, match="expired"):
            services.invite_accept(person=bob, code=invite.code)
    assert not Membership.objects.filter(person=bob).exists()


def test_revoked_invite_cannot_be_used(alice, bob):
    services.space_create(person=alice, name="Us")
    invite = services.invite_create(person=alice)
    services.invite_revoke(person=alice, invite_id=invite.pk)
    with pytest.raises(ValidationError, match="cancelled"):
        services.invite_accept(person=bob, code=invite.code)


def test_a_new_invite_cancels_the_old_one(alice):
    services.space_create(person=alice, name="Us")
    first = services.invite_create(person=alice)
    second = services.invite_create(person=alice)
    first.refresh_from_db()
    assert first.status == "revoked" and second.status == "open"


def test_a_third_person_cannot_join_a_full_space(couple):
    alice, bob = couple
    # An invite made before the space filled up, still open.
    space = couple_for(alice).space
    stale = Invite.objects.create(space=space, created_by=alice, expires_at=space.created_at + dt.timedelta(days=7))
    third = make_person("Third")
    with pytest.raises(ValidationError, match="already has two people"):
        services.invite_accept(person=third, code=stale.code)
    with pytest.raises(ValidationError, match="already has two people"):
        services.invite_create(person=alice)


def test_someone_already_in_a_space_must_leave_before_joining(couple, erin):
    alice, _ = couple
    invite = services.invite_create(person=erin)
    with pytest.raises(ValidationError, match="Leave it first"):
        services.invite_accept(person=alice, code=invite.code)


def test_unknown_code_gets_a_kind_message(alice):
    with pytest.raises(ValidationError, match="couldn't find"):
        services.invite_accept(person=alice, code="NOPE-NOPE")


def test_leaving_frees_the_person_and_keeps_the_partner(couple):
    alice, bob = couple
    services.space_leave(person=alice)
    assert couple_for(alice) is None
    assert couple_for(bob).is_solo
    services.space_create(person=alice, name="Fresh start")
    assert couple_for(alice).space.name == "Fresh start"


def test_invite_page_for_a_logged_out_partner_offers_sign_up_and_comes_back(alice):
    services.space_create(person=alice, name="Us")
    invite = services.invite_create(person=alice)
    response = client_for(None).get(reverse("join_invite", kwargs={"code": invite.code}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alice invited you" in body
    assert f"?next=/join/{invite.code}/" in body


def test_joining_through_the_page(alice, bob):
    services.space_create(person=alice, name="Us")
    invite = services.invite_create(person=alice)
    response = client_for(bob).post(reverse("join_invite", kwargs={"code": invite.code}))
    assert response.status_code == 302 and response.url == reverse("today")
    assert couple_for(bob).partner == alice


def test_join_page_shows_why_an_invite_cannot_be_used(couple):
    alice, bob = couple
    invite = Invite.objects.get(used_by=bob)
    third = make_person("Third")
    response = client_for(third).post(reverse("join_invite", kwargs={"code": invite.code}))
    assert response.status_code == 400
    assert "already been used" in response.content.decode()


def test_join_by_code_form_redirects_to_the_invite(alice, bob):
    services.space_create(person=alice, name="Us")
    invite = services.invite_create(person=alice)
    response = client_for(bob).get(reverse("join"), {"code": invite.display_code})
    assert response.url == reverse("join_invite", kwargs={"code": invite.code})


def test_profile_rejects_an_unknown_time_zone_and_keeps_the_name(alice):
    client = client_for(alice)
    response = client.post(reverse("profile"), {"display_name": "Ali", "time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose a time zone from the list." in body
    assert 'value="Ali"' in body
    alice.refresh_from_db()
    assert alice.time_zone == "Europe/London"


def test_signup_sets_name_and_time_zone(db):
    client = client_for(None)
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.test",
            "password1": "a-long-test-password",
            "display_name": "Noor",
            "time_zone": "Asia/Kolkata",
        },
    )
    assert response.status_code == 302
    from rekindle.spaces.models import Person

    person = Person.objects.get(email="new@example.test")
    assert (person.display_name, person.time_zone) == ("Noor", "Asia/Kolkata")


def test_concurrent_pairs_stay_separate(couple, other_couple):
    alice, _ = couple
    carol, _ = other_couple
    assert couple_for(alice).space != couple_for(carol).space


def test_invite_links_use_the_configured_public_address(alice, settings):
    services.space_create(person=alice, name="Us")
    invite = services.invite_create(person=alice)
    client = client_for(alice)
    body = client.get(reverse("space")).content.decode()
    assert f'value="http://testserver/join/{invite.code}/"' in body
    settings.PUBLIC_URL = "http://192.168.1.20:8000"
    body = client.get(reverse("space")).content.decode()
    assert f'value="http://192.168.1.20:8000/join/{invite.code}/"' in body
