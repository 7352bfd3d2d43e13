"""Web Push for reminders (optional, REKINDLE_WEB_PUSH=true): the same reminder, on an installed phone.

The server's VAPID key pair is made on first use and kept in the data directory. A push says
no more than the e-mail's discreet subject and one inviting line — never anyone's words.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import logging
import os
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

VAPID_FILE = "vapid_private.pem"


def push_enabled() -> bool:
    return bool(getattr(settings, "WEB_PUSH", False))


@cache
def _vapid(data_dir: str):
    from py_vapid import Vapid

    path = os.path.join(data_dir, VAPID_FILE)
    if not os.path.exists(path):
        key = Vapid()
        key.generate_keys()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key.private_pem())
    return Vapid.from_file(path)


def vapid():
    return _vapid(str(settings.DATA_DIR))


def public_key() -> str:
    """The application server key a browser subscribes with (base64url, uncompressed P-256 point)."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = vapid().public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def check_endpoint(endpoint: str) -> str:
    """A push service's address: https on a named host (never an address inside this network)."""
    parts = urlsplit(endpoint or "")
    host = parts.hostname or ""
    local_test = settings.TESTING and parts.scheme == "http" and host == "127.0.0.1"
    try:
        ipaddress.ip_address(host)
        is_ip = True
    except ValueError:
        is_ip = False
    if not local_test and (parts.scheme != "https" or not host or is_ip or host == "localhost" or len(endpoint) > 1000):
        raise ValidationError("This browser's push address isn't one Rekindle can use.")
    return endpoint


def _claims() -> dict:
    contact = settings.PUBLIC_URL or "mailto:" + settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].strip(" >")
    return {"sub": contact}


def send_push(*, person, title: str, body: str, url: str) -> int:
    """Push to each of the person's phones; forget the ones the push service says are gone."""
    from pywebpush import WebPushException, webpush

    from rekindle.reminders.models import PushSubscription

    sent = 0
    payload = json.dumps({"title": title, "body": body, "url": url})
    for sub in PushSubscription.objects.filter(person=person):
        try:
            webpush(
                subscription_info={"endpoint": sub.endpoint, "keys": {"p256dh": sub.p256dh, "auth": sub.auth}},
                data=payload,
                vapid_private_key=vapid(),
                vapid_claims=_claims(),
                ttl=3 * 60 * 60,
                timeout=10,
            )
            sent += 1
        except WebPushException as exc:
            status = getattr(exc.response, "status_code", None)
            if status in (404, 410):
                sub.delete()
            else:
                logger.warning("A push to one of %s's phones failed: %s", person.pk, status or exc)
        except Exception:  # a push service that is down must not stop the e-mail's bookkeeping
            logger.exception("A push failed")
    return sent
