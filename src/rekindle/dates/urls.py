from django.urls import path

from rekindle.dates import views

urlpatterns = [
    path("together/plans/", views.plans, name="together_plans"),
    path("together/plans/new/", views.plan_new, name="together_plan_new"),
    path("together/plans/<int:plan_id>/", views.plan_detail, name="together_plan"),
    path("together/plans/<int:plan_id>/accept/", views.plan_accept, name="together_plan_accept"),
    path("together/plans/<int:plan_id>/decline/", views.plan_decline, name="together_plan_decline"),
    path("together/plans/<int:plan_id>/change/", views.plan_change, name="together_plan_change"),
    path("together/plans/<int:plan_id>/cancel/", views.plan_cancel, name="together_plan_cancel"),
    path("together/plans/<int:plan_id>/skip/", views.plan_skip, name="together_plan_skip"),
    path("together/plans/<int:plan_id>/end/", views.plan_end, name="together_plan_end"),
    path("together/plans/<int:plan_id>/line/", views.plan_line, name="together_plan_line"),
    path("together/calendar/", views.calendar_settings, name="together_calendar"),
    path("together/calendar/new/", views.calendar_new, name="together_calendar_new"),
    path("together/calendar/stop/", views.calendar_revoke, name="together_calendar_revoke"),
    path("together/calendar/<str:token>.ics", views.feed, name="together_feed"),
]
