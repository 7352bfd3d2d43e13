"""`Authorization: Bearer <token>` for the API: who is asking, and whether they may write."""

from __future__ import annotations

from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from rekindle.api import selectors, services
from rekindle.api.models import ApiToken

READ_ONLY = "This token can only read. Make a read-and-write token on your profile to change things."


class TokenAuth(HttpBearer):
    """Any active token. The request then acts as the token's person, as a signed-in page does."""

    def authenticate(self, request, token: str) -> ApiToken | None:
        found = selectors.token_for(token)
        if found is None:
            return None  # unknown or revoked: 401
        self.check(found)
        services.token_used(found)
        request.user = found.person
        return found

    def check(self, token: ApiToken) -> None:
        pass


class WriteAuth(TokenAuth):
    """A read-and-write token; a read-only one is refused with 403 before the body is even read."""

    def check(self, token: ApiToken) -> None:
        if not token.can_write:
            raise AuthorizationError(message=READ_ONLY)


read = TokenAuth()
write = WriteAuth()
