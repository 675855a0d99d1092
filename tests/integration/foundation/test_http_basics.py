import pytest

from skillwise.entrypoints.http.access import declared_access, is_framework_endpoint

pytestmark = pytest.mark.integration


def test_liveness_answers_ok(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json["status"] == "ok"


def test_readiness_checks_the_database_and_redis_where_configured(client, settings):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json["checks"]["database"] == "ok"
    assert ("redis" in response.json["checks"]) is bool(settings.redis_url)


def test_readiness_answers_503_when_the_database_is_unreachable(container, client):
    from dependency_injector import providers

    from skillwise.adapters.db.engine import build_engine

    dead = build_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", pool_pre_ping=False)
    with container.infra.engine.override(providers.Object(dead)):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json["checks"]["database"] == "unavailable"


def test_unknown_paths_answer_json_404(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.is_json
    assert response.json["code"] == 404
    assert response.json["message"]


def test_wrong_methods_answer_json_405(client):
    response = client.delete("/health/live")
    assert response.status_code == 405
    assert response.json["code"] == 405
    assert "GET" in response.headers["Allow"]


def test_openapi_document_and_docs_pages_are_served(client):
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200
    assert spec.json["openapi"].startswith("3.")
    assert spec.json["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert "/health/ready" in spec.json["paths"]
    assert client.get("/api/v1/docs/").status_code == 200
    assert client.get("/api/v1/redoc/").status_code == 200


def test_swagger_ui_loads_its_scripts_from_this_server_not_a_cdn(client):
    page = client.get("/api/v1/docs/").get_data(as_text=True)
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in page
    assert "cdn." not in page
    script = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert script.status_code == 200
    assert len(script.get_data()) > 100_000
    assert client.get("/api/v1/docs/assets/../../openapi.json").status_code == 404


def test_every_endpoint_declares_who_may_call_it(app):
    undeclared = []
    for rule in app.url_map.iter_rules():
        if is_framework_endpoint(rule.endpoint):
            continue
        for method in sorted(rule.methods - {"OPTIONS", "HEAD"}):
            if declared_access(app, rule.endpoint, method) is None:
                undeclared.append(f"{method} {rule.rule}")
    assert undeclared == []


def test_an_unexpected_error_answers_json_500_without_details(app):
    from skillwise.entrypoints.http.access import public

    @public
    def explode():
        raise RuntimeError("secret internals")

    app.add_url_rule("/explode", "explode", explode)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/explode")
    assert response.status_code == 500
    assert response.json["code"] == 500
    assert "secret internals" not in response.get_data(as_text=True)


def test_a_view_without_an_access_declaration_is_refused(app):
    app.add_url_rule("/undeclared", "undeclared", lambda: "open")
    response = app.test_client().get("/undeclared")
    assert response.status_code == 403
    assert response.json["error"] == "permission_denied"


def test_the_documented_error_shape_is_the_one_errors_are_answered_in(client):
    error = client.get("/api/v1/openapi.json").json["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "status", "error", "message", "errors"}
    answered = client.get("/api/v1/no-such-thing/").json
    assert set(answered) <= set(error["properties"])
    assert set(error["required"]) <= set(answered)


def test_absurdly_deep_pages_are_refused_instead_of_overflowing_the_database(client):
    response = client.get("/api/v1/courses/?page=1000000000000000000000")
    assert response.status_code == 422
    assert "page" in response.json["errors"]
    assert client.get("/api/v1/courses/?page=1000000").status_code == 200


def test_readiness_names_redis_degraded_but_stays_in_the_load_balancer(container, client):
    from dependency_injector import providers

    from skillwise.adapters.redis_client import build_redis_client

    dead = build_redis_client("redis://127.0.0.1:1/0")
    with container.infra.redis_client.override(providers.Object(dead)):
        response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json == {
        "status": "degraded",
        "checks": {"database": "ok", "redis": "unavailable"},
    }
