from django.urls import path

from rekindle.checkins import views

urlpatterns = [
    path("today/partner-status/", views.partner_status, name="partner_status"),
    path("checkin/", views.checkin_submit, name="checkin_submit"),
    path("checkins/", views.history, name="checkin_history"),
    path("checkins/<date:day>/", views.day_detail, name="checkin_day"),
    path("checkins/<int:checkin_id>/reflect/<str:item>/", views.reflect, name="reflect"),
    path("reflections/<int:reflection_id>/respond/", views.respond, name="reflection_respond"),
    path("appreciations/", views.appreciations, name="appreciations"),
    path("appreciations/<int:appreciation_id>/reply/", views.appreciation_reply, name="appreciation_reply"),
]
