import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from rekindle.care import resources
from rekindle.lib.content import check_all
from tests.conftest import client_for
from tests.test_cli import clean_env


@pytest.fixture
def override(tmp_path, settings):
    """An operator's content folder in a throwaway data directory."""
    settings.DATA_DIR = tmp_path
    (tmp_path / "content").mkdir()
    resources.all_countries.cache_clear()
    yield tmp_path / "content"
    resources.all_countries.cache_clear()


def test_packaged_content_is_valid_and_counted():
    report = check_all()
    assert report.problems == []
    assert report.summary["help_resources"]["countries"] >= 6
    assert report.summary["safety_check_questions"] == 4


def test_every_service_lists_two_sources_and_a_checked_date():
    import tomllib

    from rekindle.lib.content import CONTENT_DIR

    data = tomllib.loads((CONTENT_DIR / "help_resources.toml").read_text())
    for country in data["countries"]:
        for service in country.get("services", []):
            assert len(set(service["sources"])) >= 2, service["name"]
            assert service["checked"]


def test_a_broken_file_is_reported_with_file_and_line(override):
    (override / "help_resources.toml").write_text(
        '[[countries]]\ncode = "XX"\nname = "Nowhere"\nemergency = "112"\n\n  [[countries.services]]\n'
        '  name = "Half a service"\n  kind = "pigeon"\n  hours = "24/7"\n  description = "x"\n'
    )
    report = check_all()
    text = "\n".join(report.problems)
    assert f"{override / 'help_resources.toml'}:7: XX: Half a service: kind must be one of" in text
    assert "list at least two sources" in text
    assert 'add a country with code = "default"' in text


def test_a_syntax_error_points_at_its_line(override):
    (override / "help_resources.toml").write_text('[[countries]]\ncode = "XX"\nname = oops\n')
    report = check_all()
    assert report.problems and report.problems[0].startswith(f"{override / 'help_resources.toml'}:3:")


def test_operator_override_is_used(override):
    packaged = (Path(resources.__file__).parent.parent / "content" / "help_resources.toml").read_text()
    (override / "help_resources.toml").write_text(packaged.replace('name = "United States"', 'name = "The USA"'))
    assert resources.for_country("US").name == "The USA"


def test_content_check_command_exits_non_zero_on_problems(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "help_resources.toml").write_text("[[countries]]\ncode = 1\n")
    result = subprocess.run(
        [sys.executable, "-m", "rekindle", "content", "check"], env=clean_env(tmp_path), capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "help_resources.toml:" in result.stderr


def test_content_check_command_prints_json(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "rekindle", "content", "check", "--json"],
        env=clean_env(tmp_path), capture_output=True, text=True, check=True,
    )
    assert json.loads(result.stdout)["help_resources"]["countries"] >= 6


def test_care_pages_stay_within_the_query_budget(couple, django_assert_max_num_queries):
    alice, _ = couple
    client = client_for(alice)
    client.post(reverse("safety_check"), {"humiliated": "no", "afraid": "yes", "forced": "no", "hurt": "no"})
    for name in ("support", "safety_check", "safety_result", "today"):
        with django_assert_max_num_queries(10, info=name):
            assert client.get(reverse(name)).status_code == 200
