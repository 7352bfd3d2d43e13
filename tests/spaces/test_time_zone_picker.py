"""The time-zone picker offers today's zones by region, with the city names people know."""

from django.urls import reverse

from rekindle.lib import zones
from tests.conftest import client_for


def _offered():
    return {zone: label for _, options in zones.grouped_choices() for zone, label in options}


def test_current_zones_are_grouped_by_region_with_city_names():
    regions = [region for region, _ in zones.grouped_choices()]
    assert {"Americas", "Europe", "Pacific Ocean", "Asia", "Universal"} <= set(regions)
    offered = _offered()
    assert offered["America/Los_Angeles"] == "Los Angeles · United States"
    assert offered["Pacific/Auckland"] == "Auckland · New Zealand"
    assert offered["America/Argentina/Buenos_Aires"].startswith("Buenos Aires")
    assert 300 < len(offered) < 480


def test_no_legacy_aliases_or_inverted_etc_zones():
    offered = _offered()
    assert not [zone for zone in offered if zone.startswith(("Etc/", "US/", "SystemV/")) or "/" not in zone and zone != "UTC"]
    assert "Asia/Calcutta" not in offered and "Asia/Kolkata" in offered
    assert "Europe/Kiev" not in offered


def test_each_zone_knows_its_country():
    assert zones.country_for_zone("America/Los_Angeles") == "US"
    assert zones.country_for_zone("Europe/London") == "GB"
    assert zones.country_for_zone("Pacific/Auckland") == "NZ"
    assert zones.country_for_zone("Etc/GMT+5") is None


def test_sign_up_page_shows_optgroups_and_the_device_zone_script_hook(db):
    body = client_for(None).get(reverse("account_signup")).content.decode()
    assert '<optgroup label="Americas">' in body
    assert '<option value="America/Los_Angeles">Los Angeles · United States</option>' in body
    assert "Etc/GMT" not in body and "US/Pacific" not in body
    assert "data-detect-timezone" in body


def test_an_older_stored_zone_keeps_working_on_the_profile(alice):
    alice.time_zone = "US/Pacific"
    alice.save(update_fields=["time_zone"])
    client = client_for(alice)
    body = client.get(reverse("profile")).content.decode()
    assert '<option value="US/Pacific" selected>' in body
    response = client.post(reverse("profile"), {"display_name": "Alice", "time_zone": "US/Pacific"})
    assert response.status_code == 302
    response = client.post(reverse("profile"), {"display_name": "Alice", "time_zone": "America/Los_Angeles"})
    alice.refresh_from_db()
    assert alice.time_zone == "America/Los_Angeles"
