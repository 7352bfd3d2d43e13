from django.urls import path

from rekindle.news import views

urlpatterns = [
    path("news/seen/", views.seen, name="news_seen"),
]
