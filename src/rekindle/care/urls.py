from django.urls import path

from rekindle.care import views

urlpatterns = [
    path("support/", views.support, name="support"),
    path("support/check/", views.safety_check_page, name="safety_check"),
    path("support/check/result/", views.safety_result, name="safety_result"),
    path("support/check/delete/", views.safety_delete, name="safety_delete"),
    path("support/check/later/", views.safety_later, name="safety_later"),
    path("support/joint-exercises/", views.joint_exercises, name="joint_exercises"),
    path("support/country/", views.country, name="support_country"),
    path("support/talk-to-someone/", views.ask_for_help, name="ask_for_help"),
    path("support/suggestion/dismiss/", views.dismiss_suggestion, name="dismiss_suggestion"),
]
