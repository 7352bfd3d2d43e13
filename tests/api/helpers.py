"""A token and a client that sends it, for the API tests."""

from __future__ import annotations

import json

from django.test import Client

from rekindle.api import services


def token_for(person, scope: str = "read-write") -> str:
    return services.token_create(person=person, name=f"{person.display_name}'s script", scope=scope)[1]


class ApiClient:
    """Requests with `Authorization: Bearer <token>` (or none) and JSON bodies."""

    def __init__(self, secret: str | None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}

    def get(self, url: str, **params):
        return self.client.get(url, params, **self.headers)

    def post(self, url: str, body: dict | None = None):
        return self.client.post(url, json.dumps(body or {}), content_type="application/json", **self.headers)


def api_as(person, scope: str = "read-write") -> ApiClient:
    return ApiClient(token_for(person, scope))
