"""Every API error is JSON in one shape ({"detail", "errors"}), never an HTML page."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

NOT_IN_SPACE = "You're not in a space yet. Start one or join your partner's first."
NEEDS_TOKEN = "This needs a valid token: make one on your profile, and send it as “Authorization: Bearer <token>”."


# Where ninja says a value was (body, query, path) and the name of the body argument: not field names.
WRAPPERS = {"body", "query", "path", "payload"}


class FormErrors(Exception):
    """A form said no: its own messages, the very ones the page shows next to each field."""

    def __init__(self, form: Form):
        self.form = form


def error(api: NinjaAPI, request: HttpRequest, detail: str, status: int, errors: dict | None = None):
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(FormErrors)
    def form_errors(request, exc: FormErrors):
        errors = {field: [str(m) for m in messages] for field, messages in exc.form.errors.items()}
        first = next(iter(errors.values()))[0]
        return error(api, request, first, 422, errors)

    @api.exception_handler(DjangoValidationError)
    def service_errors(request, exc: DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return error(api, request, exc.messages[0], 422, errors)

    @api.exception_handler(NinjaValidationError)
    def request_errors(request, exc: NinjaValidationError):
        errors: dict[str, list[str]] = {}
        for item in exc.errors:
            where = [str(part) for part in item.get("loc", ()) if part not in WRAPPERS]
            field = ".".join(where) or "__all__"
            errors.setdefault(field, []).append(str(item.get("msg", "This value isn't valid.")))
        return error(api, request, "Some of what was sent isn't valid; see `errors`.", 422, errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        response = error(api, request, NEEDS_TOKEN, 401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return error(api, request, exc.message, exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error(api, request, "There's nothing here.", 404)


def not_found_view(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404 rather than the site's page."""
    return JsonResponse({"detail": "There's nothing here. The API's address list is at /api/docs.", "errors": {}},
                        status=404)
