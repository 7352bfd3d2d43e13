"""The schema and the docs page: public (they hold addresses and shapes, no one's words), and the
docs come from this server's own static files."""

from __future__ import annotations

from tests.conftest import client_for


def test_the_openapi_schema_documents_bearer_tokens_and_every_operation(db):
    schema = client_for(None).get("/api/openapi.json").json()
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert {"/api/checkins/today", "/api/appreciations", "/api/talk/tonight", "/api/talk/draws/{draw_id}/answer",
            "/api/commitments", "/api/plans", "/api/export"} <= set(schema["paths"])
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"200", "201"} & set(operation["responses"]) and "401" in operation["responses"], (method, path)


def test_the_docs_use_the_vendored_swagger_ui_and_no_inline_script(db):
    body = client_for(None).get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body and "/static/ninja/swagger-ui-init.js" in body
    assert "cdn" not in body.lower() and "https://" not in body
    assert '<html lang="en">' in body
