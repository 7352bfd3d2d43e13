"""Personal access tokens for the JSON API: a person's own scripts, shortcuts and dashboards.

Only a SHA-256 hash of a token is kept, never the token: it is shown once, when it is made.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

NAME_MAX = 60
PREFIX_LENGTH = 11  # "rk_" and the first 8 characters of the secret: enough to tell tokens apart


def token_hash(token: str) -> str:
    """A token's fingerprint. The secret is 256 random bits, so a plain SHA-256 is enough (no salt, no stretching)."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    READ, READ_WRITE = "read", "read-write"
    SCOPES = [(READ, "Read only"), (READ_WRITE, "Read and write")]

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=NAME_MAX)
    scope = models.CharField(max_length=10, choices=SCOPES, default=READ)
    prefix = models.CharField(max_length=PREFIX_LENGTH)
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == self.READ_WRITE

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
