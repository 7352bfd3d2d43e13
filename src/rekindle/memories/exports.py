"""What a person wrote in the memory book and their private notes, for their own export.

Only their own: memories and small wins they started, the lines they wrote on any memory
(on a partner's memory without the partner's words), the photos they uploaded (as links
that keep working for them, also after leaving the space), and their private notes.
"""

from __future__ import annotations

from django.urls import reverse

from rekindle.memories.models import Memory, MemoryLine, Photo, PrivateNote

PARTNERS_MEMORY = "(a memory your partner started)"
LEFT_MEMORY = "(a memory from someone who has left)"


def memories(person) -> list[dict]:
    rows = []
    for memory in Memory.objects.filter(author=person).order_by("date", "id"):
        rows.append(
            {
                "id": memory.pk,
                "kind": memory.kind,
                "title": memory.title,
                "text": memory.text,
                "place": memory.place,
                "date": memory.date.isoformat(),
                "when": memory.when,
                "added_at": memory.created_at.isoformat(),
            }
        )
    return rows


def _memory_label(memory, person) -> str:
    if memory is None:  # its author closed their account; the line or photo stayed its writer's
        return LEFT_MEMORY
    return memory.title if memory.author_id == person.pk else PARTNERS_MEMORY


def memory_lines(person) -> list[dict]:
    lines = MemoryLine.objects.filter(author=person).select_related("memory").order_by("created_at", "id")
    return [
        {
            "memory": _memory_label(line.memory, person),
            "memory_id": line.memory_id,
            "text": line.text,
            "written_at": line.created_at.isoformat(),
        }
        for line in lines
    ]


def photos(person) -> list[dict]:
    rows = []
    for photo in Photo.objects.filter(author=person).select_related("memory").order_by("created_at", "id"):
        rows.append(
            {
                "memory": _memory_label(photo.memory, person),
                "memory_id": photo.memory_id,
                "download": reverse("memory_photo", kwargs={"photo_id": photo.pk}),
                "width": photo.width,
                "height": photo.height,
                "added_at": photo.created_at.isoformat(),
            }
        )
    return rows


def private_notes(person) -> list[dict]:
    notes = PrivateNote.objects.visible_to(person).order_by("created_at", "id")
    return [{"text": n.text, "written_at": n.created_at.isoformat(), "changed_at": n.updated_at.isoformat()} for n in notes]
