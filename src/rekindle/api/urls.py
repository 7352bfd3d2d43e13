from django.urls import path, re_path

from rekindle.api import views
from rekindle.api.endpoints import api
from rekindle.api.errors import not_found_view

urlpatterns = [
    path("me/api-tokens/", views.tokens, name="api_tokens"),
    path("me/api-tokens/<int:token_id>/revoke/", views.revoke, name="api_token_revoke"),
    path("api/", not_found_view, name="api_not_found"),  # before ninja's own root, which answers in HTML
    path("api/", api.urls),
    re_path(r"^api/", not_found_view, name="api_not_found"),
]
