"""The export page: what is in it, the download, the upload, and what they cost."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from rekindle.checkins import services as checkin_services
from rekindle.spaces.exports import kinds
from rekindle.spaces.selectors import couple_for
from tests.conftest import client_for, make_person
from tests.portability.zips import download
from tests.test_query_budgets import add_history

PAGE_BUDGET = 10
# At most one query per kind (containers and photos included), whatever the amount of history.
DOWNLOAD_BUDGET = len(kinds()) + 3


def test_the_page_says_what_is_in_it_and_offers_the_choice(couple, django_assert_max_num_queries):
    alice, _ = couple
    client = client_for(alice)
    with django_assert_max_num_queries(PAGE_BUDGET):
        body = client.get(reverse("export")).content.decode()
    assert "Include what we share" in body and "Check-ins" in body and "Download my words" in body
    assert 'action="/me/export/download/"' in body and 'enctype="multipart/form-data"' in body


def test_the_download_costs_the_same_for_a_day_or_a_year(couple, django_assert_max_num_queries):
    alice, bob = couple
    add_history(alice, bob, 365)
    client = client_for(alice)
    for params in ({}, {"include_shared": "on"}):
        with django_assert_max_num_queries(DOWNLOAD_BUDGET):
            response = client.get(reverse("export_download"), params)
        assert response["Content-Type"] == "application/zip"
        assert response["Content-Disposition"] == f'attachment; filename="rekindle-{timezone.localdate():%Y-%m-%d}.zip"'


def test_uploading_on_the_page_says_what_came_in_and_what_was_left_out(couple):
    alice, bob = couple
    for person in (alice, bob):
        checkin_services.appreciation_create(person=person, couple=couple_for(person), text="Thanks", submission=None)
    archive = download(alice, include_shared=True)
    erin = make_person("Erin")
    response = client_for(erin).post(
        reverse("export_import"), {"archive": SimpleUploadedFile("rekindle.zip", archive, "application/zip")}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "1 of your entries is now here" in body
    assert "1 of your partner's entries were left out — they are theirs to bring" in body


def test_a_wrong_file_on_the_page_gets_a_kind_message(couple):
    alice, _ = couple
    client = client_for(alice)
    response = client.post(reverse("export_import"), {"archive": SimpleUploadedFile("cat.jpg", b"meow", "image/jpeg")})
    assert response.status_code == 400 and "isn&#x27;t a Rekindle export" in response.content.decode()
    response = client.post(reverse("export_import"), {})
    assert response.status_code == 400 and "Choose the ZIP file you downloaded first" in response.content.decode()
