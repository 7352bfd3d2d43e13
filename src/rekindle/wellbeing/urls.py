from django.urls import path

from rekindle.wellbeing import views

urlpatterns = [
    path("me/self-care/", views.selfcare, name="selfcare"),
    path("me/self-care/goals/", views.selfcare_goal_add, name="selfcare_goal_add"),
    path("me/self-care/goals/<int:selfcare_goal_id>/done/", views.selfcare_goal_done, name="selfcare_goal_done"),
    path("me/self-care/goals/<int:selfcare_goal_id>/remove/", views.selfcare_goal_remove, name="selfcare_goal_remove"),
    path("me/self-care/look-back/", views.selfcare_look_back, name="selfcare_look_back"),
    path("me/cared-for/", views.cared_for, name="cared_for"),
    path("me/cared-for/questions/", views.cared_for_questions, name="cared_for_questions"),
    path("me/cared-for/card/", views.cared_for_card, name="cared_for_card"),
]
