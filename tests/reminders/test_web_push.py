"""Web Push (REKINDLE_WEB_PUSH=true): a reminder also reaches a subscribed phone, through a push
service the test runs on a local port, encrypted so only that phone can read it."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from zoneinfo import ZoneInfo

import http_ece
import pytest
import time_machine
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core import mail
from django.urls import reverse

from rekindle.reminders import push
from rekindle.reminders.models import PushSubscription
from tests.conftest import client_for
from tests.reminders.conftest import run_worker
from tests.reminders.test_reminders_by_email import switch_on

EVENING = dt.datetime(2026, 7, 15, 21, 0, tzinfo=ZoneInfo("Europe/London"))


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class PushService:
    """Answers like a push service: 201 for a known phone, 410 for one that is gone."""

    def __init__(self):
        self.received: list[tuple[str, dict, bytes]] = []
        self.gone: set[str] = set()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                service.received.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(410 if self.path in service.gone else 201)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


class Phone:
    """A browser's push subscription: its own key pair and auth secret."""

    def __init__(self, endpoint: str):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        self.endpoint = endpoint
        point = self.key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
        self.json = {"endpoint": endpoint, "keys": {"p256dh": b64(point), "auth": b64(self.auth)}}

    def read(self, body: bytes) -> dict:
        return json.loads(http_ece.decrypt(body, private_key=self.key, auth_secret=self.auth, version="aes128gcm"))


@pytest.fixture
def push_on(settings, tmp_path):
    settings.WEB_PUSH = True
    settings.DATA_DIR = tmp_path
    push._vapid.cache_clear()
    service = PushService()
    yield service
    service.server.shutdown()
    push._vapid.cache_clear()


def subscribe(client, phone):
    return client.post(reverse("reminders_push"), json.dumps(phone.json), content_type="application/json")


def test_a_reminder_reaches_a_subscribed_phone_encrypted_and_discreet(couple, push_on):
    alice, _ = couple
    switch_on(alice)
    phone = Phone(push_on.url + "/send/alice-phone")
    client = client_for(alice)
    page = client.get(reverse("reminders")).content.decode()
    assert f'data-push-key="{push.public_key()}"' in page
    assert subscribe(client, phone).json() == {"ok": True, "on": True}
    with time_machine.travel(EVENING, tick=False):
        run_worker()
    assert len(mail.outbox) == 1
    ((path, headers, body),) = push_on.received
    assert path == "/send/alice-phone"
    assert headers["content-encoding"] == "aes128gcm" and headers["authorization"].startswith("vapid t=")
    assert phone.read(body) == {
        "title": "A minute for today?",
        "body": "A minute for today's rose, bud and thorn?",
        "url": "http://rekindle.test/today/",
    }
    key_file = push.settings.DATA_DIR / push.VAPID_FILE
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_a_phone_the_push_service_says_is_gone_is_forgotten(couple, push_on):
    alice, _ = couple
    switch_on(alice)
    phone = Phone(push_on.url + "/send/old-phone")
    subscribe(client_for(alice), phone)
    push_on.gone.add("/send/old-phone")
    with time_machine.travel(EVENING, tick=False):
        run_worker()
    assert len(mail.outbox) == 1, "the e-mail still goes"
    assert not PushSubscription.objects.exists()


def test_a_phone_can_stop_and_nobody_else_can_stop_it(couple, push_on):
    alice, bob = couple
    phone = Phone(push_on.url + "/send/alice-phone")
    subscribe(client_for(alice), phone)
    remove = json.dumps({"endpoint": phone.endpoint, "remove": True})
    client_for(bob).post(reverse("reminders_push"), remove, content_type="application/json")
    assert PushSubscription.objects.filter(person=alice).exists()
    client_for(alice).post(reverse("reminders_push"), remove, content_type="application/json")
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize("endpoint", ["http://push.example.com/x", "https://10.0.0.5/x", "https://localhost/x", "file:///etc/passwd", ""])
def test_only_a_real_push_service_address_is_accepted(couple, push_on, endpoint):
    phone = Phone(endpoint)
    response = subscribe(client_for(couple[0]), phone)
    assert response.status_code == 400 and "push address" in response.json()["error"]
    assert not PushSubscription.objects.exists()


def test_garbled_input_gets_a_clear_answer(couple, push_on):
    response = client_for(couple[0]).post(reverse("reminders_push"), "{not json", content_type="application/json")
    assert response.status_code == 400 and "try again" in response.json()["error"]


def test_without_web_push_the_page_offers_none_and_the_endpoint_says_so(couple):
    client = client_for(couple[0])
    assert "data-push" not in client.get(reverse("reminders")).content.decode()
    response = client.post(reverse("reminders_push"), "{}", content_type="application/json")
    assert response.status_code == 404
