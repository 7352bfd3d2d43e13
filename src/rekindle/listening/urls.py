from django.urls import path

from rekindle.listening import views

urlpatterns = [
    path("listen/", views.index, name="listening"),
    path("listen/<int:session_id>/", views.session_page, name="listening_session"),
    path("listen/<int:session_id>/state/", views.state, name="listening_state"),
    path("listen/<int:session_id>/turn/", views.turn, name="listening_turn"),
    path("listen/<int:session_id>/notes/", views.note, name="listening_note"),
    path("listen/<int:session_id>/pause/", views.session_pause, name="listening_pause"),
    path("listen/<int:session_id>/resume/", views.resume, name="listening_resume"),
    path("listen/<int:session_id>/close/", views.close, name="listening_close"),
    path("listen/<int:session_id>/settings/", views.session_settings, name="listening_settings"),
    path("listen/<int:session_id>/all/", views.transcript, name="listening_transcript"),
    path("pause/", views.pause, name="pause"),
    path("pause/status/", views.pause_status, name="pause_status"),
    path("pause/breathe/", views.breathe, name="breathe"),
    path("pause/<int:pause_id>/", views.pause_detail, name="pause_detail"),
    path("pause/<int:pause_id>/longer/", views.pause_longer, name="pause_longer"),
    path("pause/<int:pause_id>/back/", views.pause_end, name="pause_end"),
    path("parked/", views.parked, name="parked_topics"),
    path("parked/<int:topic_id>/talked-through/", views.parked_settle, name="parked_topic_settle"),
]
