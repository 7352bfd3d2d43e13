from django.urls import path

from rekindle.portability import views

urlpatterns = [
    path("me/export/", views.export, name="export"),
    path("me/export/download/", views.export_download, name="export_download"),
    path("me/export/import/", views.export_import, name="export_import"),
]
