from django.urls import path

from rekindle.programs import views

urlpatterns = [
    path("programs/", views.index, name="programs"),
    path("programs/touch/", views.touch, name="touch_preferences"),
    path("programs/runs/<int:enrolment_id>/", views.progress, name="program_progress"),
    path("programs/runs/<int:enrolment_id>/pause/", views.pause, name="program_pause"),
    path("programs/runs/<int:enrolment_id>/resume/", views.resume, name="program_resume"),
    path("programs/runs/<int:enrolment_id>/stop/", views.stop, name="program_stop"),
    path("programs/runs/<int:enrolment_id>/reflect/", views.closing, name="program_closing"),
    path("programs/runs/<int:enrolment_id>/<int:number>/", views.step, name="program_step"),
    path("programs/runs/<int:enrolment_id>/<int:number>/done/", views.mark, name="program_mark"),
    path("programs/runs/<int:enrolment_id>/<int:number>/undo/", views.unmark, name="program_unmark"),
    path("programs/<slug:slug>/", views.detail, name="program_detail"),
    path("programs/<slug:slug>/start/", views.start, name="program_start"),
]
