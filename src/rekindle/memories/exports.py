"""The memory book, its photos and private notes, as kinds of the export.

A photo's file goes into the ZIP under photos/ (rekindle.portability.archive); its row
names the memory it belongs to.
"""

from __future__ import annotations

from rekindle.memories.models import Memory, MemoryLine, Photo, PrivateNote
from rekindle.spaces.exports import Kind

KINDS = (
    Kind("memories", Memory, "Memories and small wins", ("kind", "title", "text", "place", "date", "precision", "created_at"),
         when="date", words=("title", "text", "place"), order=("date", "id")),
    Kind("memory_lines", MemoryLine, "Lines on a memory", ("text", "created_at", "updated_at"),
         refs={"memory": "memories"}, space=None, words=("text",)),
    Kind("memory_photos", Photo, "Photos", ("width", "height", "alt", "created_at"),
         refs={"memory": "memories"}, words=("alt",)),
    Kind("private_notes", PrivateNote, "Private notes", ("text", "created_at", "updated_at"),
         space=None, shared=False, words=("text",)),
)
