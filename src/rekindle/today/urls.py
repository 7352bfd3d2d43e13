from django.urls import path

from rekindle.today import views

urlpatterns = [
    path("today/", views.today, name="today"),
]
