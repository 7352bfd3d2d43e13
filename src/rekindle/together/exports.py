"""The bucket list, as a kind of the export.

Whoever marks an item done writes its memory line, so that line (and the day) is kept only
in the export of the one who wrote it.
"""

from __future__ import annotations

from rekindle.spaces.exports import Kind
from rekindle.together.models import BucketItem

KINDS = (
    Kind("bucket_list", BucketItem, "Bucket list", ("idea_id", "title", "note", "created_at", "done_on", "memory"),
         written_by={"done_on": "done_by", "memory": "done_by"}, words=("title", "note", "memory")),
)
