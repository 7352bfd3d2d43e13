from django.urls import path

from rekindle.together import views

urlpatterns = [
    path("together/ideas/", views.ideas, name="together_ideas"),
    path("together/ideas/<slug:idea_id>/save/", views.idea_save, name="together_idea_save"),
    path("together/bucket/", views.bucket, name="together_bucket"),
    path("together/bucket/<int:item_id>/done/", views.bucket_done, name="together_bucket_done"),
    path("together/bucket/<int:item_id>/remove/", views.bucket_remove, name="together_bucket_remove"),
]
