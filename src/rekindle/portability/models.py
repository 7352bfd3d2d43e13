"""What an import brought in, so a second import of the same export adds nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportedRow(models.Model):
    """One row of an export (server, kind, id there) and the row it became here, for one person."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source_server = models.CharField(max_length=64)
    kind = models.CharField(max_length=40)
    source_id = models.BigIntegerField()
    local_id = models.BigIntegerField()
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "source_server", "kind", "source_id"], name="one_import_per_source_row")
        ]
