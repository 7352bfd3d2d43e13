from django.urls import path

from rekindle.gentle import views

urlpatterns = [
    path("draft/", views.draft, name="gentle_draft"),
]
