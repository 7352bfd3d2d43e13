from django.urls import path

from rekindle.prompts import views

urlpatterns = [
    path("talk/", views.talk, name="talk"),
    path("talk/draw/", views.draw, name="talk_draw"),
    path("talk/draws/<int:draw_id>/", views.question, name="talk_question"),
    path("talk/draws/<int:draw_id>/timer/", views.timer, name="talk_timer"),
    path("talk/draws/<int:draw_id>/favourite/", views.favourite, name="talk_favourite"),
    path("talk/ours/", views.ours_add, name="talk_ours"),
]
