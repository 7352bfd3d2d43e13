from django.urls import path

from rekindle.goals import views

urlpatterns = [
    path("us/values/", views.values, name="values"),
    path("us/values/share/", views.values_share, name="values_share"),
    path("us/values/shared/<int:shared_value_id>/confirm/", views.values_confirm, name="values_confirm"),
    path("us/values/shared/<int:shared_value_id>/remove/", views.values_unshare, name="values_unshare"),
    path("us/goals/", views.goals, name="goals"),
    path("us/goals/new/", views.goals_new, name="goals_new"),
    path("us/goals/<int:goal_id>/", views.goals_detail, name="goals_detail"),
    path("us/goals/<int:goal_id>/edit/", views.goals_edit, name="goals_edit"),
    path("us/goals/<int:goal_id>/status/", views.goals_status, name="goals_status"),
    path("us/goals/<int:goal_id>/steps/", views.goals_step_add, name="goals_step_add"),
    path("us/goals/<int:goal_id>/cheer/", views.goals_cheer, name="goals_cheer"),
    path("us/goals/steps/<int:step_id>/tick/", views.goals_step_tick, name="goals_step_tick"),
    path("us/goals/steps/<int:step_id>/edit/", views.goals_step_edit, name="goals_step_edit"),
    path("us/goals/steps/<int:step_id>/remove/", views.goals_step_remove, name="goals_step_remove"),
]
