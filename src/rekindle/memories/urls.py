from django.urls import path

from rekindle.memories import views

urlpatterns = [
    path("together/memories/", views.memories, name="memories"),
    path("together/memories/photos/", views.memories_photos, name="memories_photos"),
    path("together/memories/new/", views.memory_new, name="memory_new"),
    path("together/memories/wins/", views.memory_win, name="memory_win"),
    path("together/memories/<int:memory_id>/", views.memory_detail, name="memory_detail"),
    path("together/memories/<int:memory_id>/glance/", views.memory_glance, name="memory_glance"),
    path("together/memories/<int:memory_id>/edit/", views.memory_edit, name="memory_edit"),
    path("together/memories/<int:memory_id>/delete/", views.memory_delete, name="memory_delete"),
    path("together/memories/<int:memory_id>/line/", views.memory_line, name="memory_line"),
    path("together/memories/<int:memory_id>/photos/", views.memory_photos_add, name="memory_photos_add"),
    path("together/memories/<int:memory_id>/hide/", views.memory_hide, name="memory_hide"),
    path("together/memories/photo/<int:photo_id>/", views.memory_photo, name="memory_photo"),
    path("together/memories/photo/<int:photo_id>/small/", views.memory_thumb, name="memory_thumb"),
    path("together/memories/photo/<int:photo_id>/remove/", views.memory_photo_remove, name="memory_photo_remove"),
    path("me/notes/", views.private_notes, name="private_notes"),
    path("me/notes/<int:note_id>/", views.private_note_edit, name="private_note_edit"),
    path("me/notes/<int:note_id>/delete/", views.private_note_delete, name="private_note_delete"),
]
