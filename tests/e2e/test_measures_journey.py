"""Measures in the browser: a year of monthly check-ups draws the charts, the table says the
same as the chart, the partner sees only what was shared, and two low scores in a row bring
a kind suggestion to that person alone."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from rekindle.measures import services
from rekindle.spaces.selectors import couple_for
from tests.conftest import make_person, pair
from tests.e2e.conftest import assert_accessible, shot

pytestmark = pytest.mark.e2e

LONDON = "Europe/London"


def phone_for(new_phone, live_server, person):
    client = Client()
    client.force_login(person)
    page = new_phone(tz=LONDON)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return page


def month_back(n: int) -> dt.datetime:
    now = timezone.now()
    index = now.year * 12 + now.month - 1 - n
    return now.replace(year=index // 12, month=index % 12 + 1, day=10, hour=12)


def test_a_year_of_check_ups_draws_charts_and_shares_only_what_was_chosen(live_server, new_phone, transactional_db):
    alice, bob = make_person("Alice", LONDON), make_person("Bob", LONDON)
    pair(alice, bob, "Alice & Bob")
    for person in (alice, bob):  # a year with Rekindle: not a first day, when Today asks nothing of the kind
        person.date_joined = month_back(12)
        person.save(update_fields=["date_joined"])
    # Eleven past months, answered on the day (the clock moved with time_machine): CSI-4 and circles.
    csi4 = {}
    ios = {}
    for n in range(11, 0, -1):
        at = month_back(n)
        item1 = 5 if n > 1 else 1  # last month low: 1 + 3 + 3 + 3 = 10
        with time_machine.travel(at, tick=False):
            services.measure_record(person=alice, couple=couple_for(alice), kind="csi4", answers=[item1, 3, 3, 3])
            services.measure_record(person=alice, couple=couple_for(alice), kind="ios", answers=[(n % 7) + 1])
        csi4[f"{at:%B %Y}"] = item1 + 9
        ios[f"{at:%B %Y}"] = (n % 7) + 1

    # --- This month, in the browser: the check-up from Today, low again.
    page = phone_for(new_phone, live_server, alice)
    page.goto(f"{live_server.url}/today/")
    expect(page.get_by_role("heading", name="A moment for this month's check-up?")).to_be_visible()
    assert_accessible(page)
    shot(page, "89-measures-today")
    page.get_by_role("link", name="Answer now").click()
    expect(page.get_by_role("heading", level=1, name="This month's check-up")).to_be_visible()
    assert_accessible(page)
    # Saving with nothing chosen says what is missing, next to each question.
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Choose the pair of circles that fits best.")).to_be_visible()
    expect(page.get_by_text("Choose one answer for this question.")).to_have_count(4)
    assert_accessible(page)
    for number, answer in ((1, "1 — Fairly Unhappy"), (2, "3 — Mostly TRUE"), (3, "3 — Mostly"), (4, "3 — Mostly")):
        page.get_by_role("group", name=f"{number}.").get_by_label(answer).check()
    page.get_by_label("5. Mostly overlapping").check()
    shot(page, "90-measures-monthly")
    page.get_by_role("button", name="Save my answers").click()
    now = timezone.now()
    csi4[f"{now:%B %Y}"] = 10
    ios[f"{now:%B %Y}"] = 5

    # --- The progress page: twelve points on each monthly chart, the table says the same.
    expect(page.get_by_role("heading", level=1, name="Progress")).to_be_visible()
    chart = page.locator('svg[data-chart="csi4"]').first
    expect(chart.locator("circle.chart-point")).to_have_count(12)
    expect(page.locator('svg[data-chart="ios"]').first.locator("circle.chart-point")).to_have_count(12)
    mine = page.get_by_role("region", name="Your answers")
    figure = mine.locator("figure").filter(has=page.locator('svg[data-chart="csi4"]'))
    figure.get_by_text("Show as a table").click()
    rows = figure.locator("tbody tr")
    expect(rows).to_have_count(12)
    table = {rows.nth(i).locator("th").inner_text(): int(rows.nth(i).locator("td").inner_text()) for i in range(12)}
    assert table == csi4
    drawn = [int(v) for v in chart.locator("circle.chart-point").evaluate_all("els => els.map(e => e.dataset.value)")]
    assert drawn == list(csi4.values())
    expect(figure.locator(".chart-summary")).to_contain_text("Lower than eleven months ago: from 14 to 10 out of 21.")
    assert_accessible(page)
    shot(page, "91-measures-progress")

    # --- Alice chooses to share her closeness circles, and only those.
    page.get_by_label("Share my closeness circles").check()
    page.get_by_role("button", name="Save what I share").click()
    expect(page.get_by_text("Saved. Bob can see: Closeness circles.")).to_be_visible()

    # --- Two low scores in a row: a kind suggestion, for Alice alone.
    page.goto(f"{live_server.url}/today/")
    expect(page.get_by_text("range where many couples find outside help useful")).to_be_visible()
    assert_accessible(page)

    # --- Bob sees the circles Alice shares, and nothing else of hers; no suggestion.
    bob_page = phone_for(new_phone, live_server, bob)
    bob_page.goto(f"{live_server.url}/us/progress/")
    shared = bob_page.get_by_role("region", name="What Alice shares with you")
    expect(shared).to_be_visible()
    expect(shared.locator('svg[data-chart="ios"] circle.chart-point')).to_have_count(12)
    expect(shared.locator('svg[data-chart="csi4"]')).to_have_count(0)
    expect(shared.locator('svg[data-chart="connection"]')).to_have_count(0)
    shared.locator("figure").first.get_by_text("Show as a table").click()
    bob_rows = shared.locator("tbody tr")
    assert {bob_rows.nth(i).locator("th").inner_text(): int(bob_rows.nth(i).locator("td").inner_text()) for i in range(12)} == ios
    assert_accessible(bob_page)
    shot(bob_page, "92-measures-partner")
    bob_page.goto(f"{live_server.url}/today/")
    expect(bob_page.get_by_role("heading", name="A moment for this month's check-up?")).to_be_visible()
    expect(bob_page.get_by_text("outside help")).to_have_count(0)

    # --- Alice's printable report: her own answers over the period she picks.
    page.goto(f"{live_server.url}/us/progress/report/")
    page.get_by_role("textbox", name="From").fill(f"{month_back(2):%Y-%m}")
    page.get_by_role("textbox", name="To (including)").fill(f"{now:%Y-%m}")
    page.get_by_role("button", name="Show this period").click()
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    expect(page.locator('svg[data-chart="csi4"] circle.chart-point')).to_have_count(3)
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    shot(page, "93-measures-report-print")
    page.emulate_media(media="screen")
