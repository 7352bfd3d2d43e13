from django.urls import path

from rekindle.leaving import views

urlpatterns = [
    path("me/delete/", views.delete_account, name="delete_account"),
]
