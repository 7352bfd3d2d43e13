from django.urls import path

from rekindle.rituals import views

urlpatterns = [
    path("commitments/", views.commitments, name="commitments"),
    path("commitments/<int:commitment_id>/kept/", views.commitment_kept, name="commitment_kept"),
    path("commitments/<int:commitment_id>/not-kept/", views.commitment_not_kept, name="commitment_not_kept"),
    path("commitments/<int:commitment_id>/renegotiate/", views.commitment_renegotiate, name="commitment_renegotiate"),
    path("experiments/", views.experiments, name="experiments"),
    path("experiments/<int:experiment_id>/review/", views.experiment_review, name="experiment_review"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/start/", views.meeting_start, name="meeting_start"),
    path("meetings/<int:meeting_id>/", views.meeting_record, name="meeting_record"),
    path("meetings/<int:meeting_id>/step/<int:step>/", views.meeting_step, name="meeting_step"),
    path("meetings/<int:meeting_id>/step/<int:step>/entry/", views.meeting_entry, name="meeting_entry"),
    path("meetings/<int:meeting_id>/step/<int:step>/notes/", views.meeting_notes, name="meeting_notes"),
    path("meetings/<int:meeting_id>/step/<int:step>/go/", views.meeting_go, name="meeting_go"),
    path("meetings/<int:meeting_id>/request/", views.meeting_request, name="meeting_request"),
    path("meetings/<int:meeting_id>/finish/", views.meeting_finish, name="meeting_finish"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/start/", views.review_start, name="review_start"),
    path("reviews/<int:review_id>/", views.review, name="review"),
]
