from django.urls import path

from rekindle.spaces import views

urlpatterns = [
    path("", views.home, name="home"),
    path("space/", views.space, name="space"),
    path("space/create/", views.space_create, name="space_create"),
    path("space/rename/", views.space_rename, name="space_rename"),
    path("space/invite/", views.invite_create, name="invite_create"),
    path("space/invite/<int:invite_id>/revoke/", views.invite_revoke, name="invite_revoke"),
    path("space/leave/", views.space_leave, name="space_leave"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_invite, name="join_invite"),
    path("me/profile/", views.profile, name="profile"),
]
