from django.urls import path

from rekindle.navigation import views

urlpatterns = [
    path("together/", views.together, name="together"),
    path("us/", views.us, name="us"),
    path("me/", views.me, name="me"),
]
