from django.urls import path

from rekindle.reminders import views

urlpatterns = [
    path("me/reminders/", views.reminders, name="reminders"),
    path("me/reminders/pause/", views.reminders_pause, name="reminders_pause"),
    path("me/reminders/resume/", views.reminders_resume, name="reminders_resume"),
    path("me/reminders/push/", views.push_subscription, name="reminders_push"),
    path("reminders/off/<str:signed>/", views.unsubscribe, name="reminders_unsubscribe"),
    path("manifest.webmanifest", views.manifest, name="pwa_manifest"),
    path("sw.js", views.service_worker, name="pwa_service_worker"),
    path("offline/", views.offline, name="pwa_offline"),
]
