"""The registry takes a new kind in one registration; the settings page, unsubscribe links, the PWA files."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from rekindle.reminders import registry, services
from rekindle.reminders.models import Delivery, ReminderPreferences, ReminderSetting
from rekindle.reminders.tokens import unsubscribe_token
from tests.conftest import client_for
from tests.reminders.conftest import run_worker
from tests.reminders.test_reminders_by_email import switch_on

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def tea_kind():
    """A kind only this test knows: due on the first of the month at 08:00, done if it's raining."""
    done = {"value": False}
    kind = registry.register(
        registry.Kind(
            key="tea_test",
            label="A cup of tea together",
            about="Once a month.",
            subject="Tea?",
            default_time=dt.time(8, 0),
            is_due=lambda m: m.today.day == 1 and registry.past_time_today(m),
            is_done=lambda m: done["value"],
            occasion=lambda m: f"{m.today:%Y-%m}",
            template="checkin",
        )
    )
    yield kind, done
    registry.unregister("tea_test")


def test_a_kind_registered_in_one_call_is_offered_planned_and_sent(couple, tea_kind):
    alice, _bob = couple
    kind, done = tea_kind
    page = client_for(alice).get(reverse("reminders")).content.decode()
    assert "A cup of tea together" in page
    switch_on(alice, kind="tea_test", at_time=None)  # its default time, 08:00
    with time_machine.travel(dt.datetime(2026, 7, 31, 8, 0, tzinfo=LONDON), tick=False):
        run_worker()
    with time_machine.travel(dt.datetime(2026, 8, 1, 7, 59, tzinfo=LONDON), tick=False):
        run_worker()
    assert mail.outbox == []
    with time_machine.travel(dt.datetime(2026, 8, 1, 8, 0, tzinfo=LONDON), tick=False):
        run_worker()
    with time_machine.travel(dt.datetime(2026, 8, 1, 9, 0, tzinfo=LONDON), tick=False):
        run_worker()
    with time_machine.travel(dt.datetime(2026, 8, 2, 8, 0, tzinfo=LONDON), tick=False):
        run_worker()
    assert [m.subject for m in mail.outbox] == ["Rekindle: Tea?"]
    assert Delivery.objects.get().occasion == "2026-08"
    done["value"] = True
    with time_machine.travel(dt.datetime(2026, 9, 1, 8, 0, tzinfo=LONDON), tick=False):
        run_worker()
    assert len(mail.outbox) == 1


def test_a_second_kind_with_the_same_key_is_refused(tea_kind):
    kind, _ = tea_kind
    with pytest.raises(ValueError):
        registry.register(registry.Kind(**{**kind.__dict__, "label": "Something else"}))


def test_every_reminder_starts_off(couple):
    alice, _ = couple
    page = client_for(alice).get(reverse("reminders")).content.decode()
    assert " checked>" not in page
    with time_machine.travel(dt.datetime(2026, 7, 15, 21, 0, tzinfo=LONDON), tick=False):
        run_worker()
    assert mail.outbox == []


def test_switching_a_reminder_on_keeps_its_local_time_and_day(couple):
    alice, _ = couple
    client = client_for(alice)
    response = client.post(reverse("reminders"), {
        "checkin_enabled": "on", "checkin_at": "20:30",
        "meeting_enabled": "on", "meeting_at": "18:00", "meeting_weekday": "2",
        "digest_at": "09:00", "digest_weekday": "6",
        "quiet_from": "22:00", "quiet_until": "07:00",
    })
    assert response.status_code == 302
    checkin = ReminderSetting.objects.get(person=alice, kind="checkin")
    assert checkin.enabled and checkin.at == dt.time(20, 30)
    meeting = ReminderSetting.objects.get(person=alice, kind="meeting")
    assert meeting.enabled and meeting.weekday == 2
    assert not ReminderSetting.objects.get(person=alice, kind="digest").enabled
    prefs = ReminderPreferences.objects.get(person=alice)
    assert (prefs.quiet_from, prefs.quiet_until) == (dt.time(22), dt.time(7))
    assert prefs.site_url == "http://testserver"
    page = client.get(reverse("reminders")).content.decode()
    assert 'value="20:30"' in page and "Saved." in page


def test_bad_times_get_a_clear_message_and_nothing_is_lost(couple):
    alice, _ = couple
    response = client_for(alice).post(reverse("reminders"), {
        "checkin_enabled": "on", "checkin_at": "nine-ish", "meeting_weekday": "9", "quiet_from": "22:00",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a time like 21:00." in body
    assert "Pick a day of the week." in body
    assert 'value="nine-ish"' in body and " checked>" in body
    assert not ReminderSetting.objects.filter(person=alice).exists()


def test_quiet_hours_need_both_ends(couple):
    alice, _ = couple
    response = client_for(alice).post(reverse("reminders"), {"quiet_from": "22:00", "meeting_weekday": "6", "digest_weekday": "6"})
    assert response.status_code == 400
    assert "Give both a start and an end for quiet hours" in response.content.decode()


def test_pause_all_for_a_week_then_start_again(couple):
    alice, _ = couple
    switch_on(alice)
    client = client_for(alice)
    assert "Pause all for a week" in client.get(reverse("reminders")).content.decode()
    client.post(reverse("reminders_pause"))
    prefs = ReminderPreferences.objects.get(person=alice)
    assert prefs.is_paused()
    assert dt.timedelta(days=6, hours=23) < prefs.paused_until - prefs.updated_at <= dt.timedelta(days=7, minutes=1)
    assert "Paused until" in client.get(reverse("reminders")).content.decode()
    client.post(reverse("reminders_resume"))
    assert not ReminderPreferences.objects.get(person=alice).is_paused()


def test_unsubscribe_works_from_the_link_alone(couple):
    alice, _ = couple
    switch_on(alice)
    switch_on(alice, kind="meeting", weekday=6)
    url = reverse("reminders_unsubscribe", kwargs={"signed": unsubscribe_token(person_id=alice.pk, kind="checkin")})
    anonymous = client_for(None)
    anonymous.cookies.clear()
    page = anonymous.get(url)
    assert page.status_code == 200 and "Turn off this reminder?" in page.content.decode()
    assert ReminderSetting.objects.get(person=alice, kind="checkin").enabled, "opening the link changes nothing"
    # What a mail client's one-click unsubscribe sends (RFC 8058): a POST, no cookie, no CSRF token.
    from django.test import Client

    one_click = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200 and "is off" in one_click.content.decode()
    assert not ReminderSetting.objects.get(person=alice, kind="checkin").enabled
    assert ReminderSetting.objects.get(person=alice, kind="meeting").enabled, "only that one"


def test_unsubscribe_from_every_reminder(couple):
    alice, _ = couple
    switch_on(alice)
    switch_on(alice, kind="meeting", weekday=6)
    url = reverse("reminders_unsubscribe", kwargs={"signed": unsubscribe_token(person_id=alice.pk, kind="checkin")})
    client_for(None).post(url, {"which": "all"})
    assert not ReminderSetting.objects.filter(person=alice, enabled=True).exists()


def test_a_tampered_unsubscribe_link_changes_nothing(couple):
    alice, bob = couple
    switch_on(bob)
    token = unsubscribe_token(person_id=alice.pk, kind="checkin")
    forged = token.replace(token.split(":")[0], unsubscribe_token(person_id=bob.pk, kind="checkin").split(":")[0])
    response = client_for(None).post(reverse("reminders_unsubscribe", kwargs={"signed": forged}))
    assert response.status_code == 404
    assert ReminderSetting.objects.get(person=bob).enabled


def test_the_link_in_a_sent_reminder_turns_it_off(couple):
    alice, _ = couple
    switch_on(alice)
    with time_machine.travel(dt.datetime(2026, 7, 15, 21, 0, tzinfo=LONDON), tick=False):
        run_worker()
    (message,) = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    client_for(None).post(link.removeprefix("http://rekindle.test"))
    assert not ReminderSetting.objects.get(person=alice).enabled


def test_the_manifest_makes_rekindle_installable(client):
    data = json.loads(client.get(reverse("pwa_manifest")).content)
    assert data["display"] == "standalone" and data["start_url"] == reverse("today")
    sizes = {(i["sizes"], i["purpose"]) for i in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_the_service_worker_caches_static_files_and_the_offline_page_only(client):
    response = client.get(reverse("pwa_service_worker"))
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert '"/offline/"' in body and "/static/rekindle/rekindle.css" in body
    assert 'request.mode === "navigate"' in body
    assert "cache.put(request" in body and body.index("STATIC_PREFIX)") < body.index("cache.put(request")


def test_the_offline_page_holds_no_ones_words(couple):
    alice, _ = couple
    body = client_for(alice).get(reverse("pwa_offline")).content.decode()
    assert "You're offline — your words are safe on your server" in body
    assert "Alice" not in body and "Bob" not in body and "csrf" not in body.lower()


def test_the_profile_page_offers_to_install(couple):
    body = client_for(couple[0]).get(reverse("profile")).content.decode()
    assert "data-install-hint hidden" in body and "Install Rekindle" in body


def test_a_kind_that_picks_its_own_moment_offers_no_time(couple):
    """Like "a planned date, an hour before": due when its event says so; the person only switches it on."""
    alice, _ = couple
    registry.register(registry.Kind(
        key="event_test", label="Before our plan", about="An hour before.", subject="Soon", default_time=dt.time(0, 0),
        is_due=lambda m: m.local_now.hour == 17, is_done=lambda m: False, chooses_time=False, template="checkin",
        occasion=lambda m: "plan-1",
    ))
    try:
        page = client_for(alice).get(reverse("reminders")).content.decode()
        assert "Before our plan" in page and 'name="event_test_at"' not in page
        switch_on(alice, kind="event_test", at_time=None)
        with time_machine.travel(dt.datetime(2026, 8, 1, 17, 10, tzinfo=LONDON), tick=False):
            run_worker()
        with time_machine.travel(dt.datetime(2026, 8, 2, 17, 10, tzinfo=LONDON), tick=False):
            run_worker()
        assert [m.subject for m in mail.outbox] == ["Rekindle: Soon"], "once per occasion"
    finally:
        registry.unregister("event_test")


def test_finished_background_tasks_are_forgotten_after_a_day(couple):
    from django_tasks_db.models import DBTaskResult

    alice, _ = couple
    switch_on(alice)
    with time_machine.travel(dt.datetime(2026, 7, 15, 21, 0, tzinfo=LONDON), tick=False):
        run_worker()
    assert DBTaskResult.objects.count() >= 2 and len(mail.outbox) == 1
    with time_machine.travel(dt.datetime(2026, 7, 17, 12, 0, tzinfo=LONDON), tick=False):
        run_worker()
    assert DBTaskResult.objects.filter(finished_at__lt=dt.datetime(2026, 7, 16, tzinfo=LONDON)).count() == 0
    assert Delivery.objects.count() == 1
