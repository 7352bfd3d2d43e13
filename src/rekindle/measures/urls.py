from django.urls import path

from rekindle.measures import views

urlpatterns = [
    path("us/progress/", views.progress, name="progress"),
    path("us/progress/month/", views.progress_monthly, name="progress_monthly"),
    path("us/progress/week/", views.progress_weekly, name="progress_weekly"),
    path("us/progress/later/", views.progress_later, name="progress_later"),
    path("us/progress/sharing/", views.progress_sharing, name="progress_sharing"),
    path("us/progress/report/", views.progress_report, name="progress_report"),
]
