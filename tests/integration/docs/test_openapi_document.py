"""The OpenAPI document app teams generate their clients from: valid, and true to the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from skillwise.application.payments.gateway import GatewayEventKind
from skillwise.domain.catalog.course import CourseLevel, CourseStatus
from skillwise.domain.enrollments import EnrollmentStatus
from skillwise.domain.identity import Role
from skillwise.domain.learning.reports import ReportStatus, ReportTargetType
from skillwise.domain.payments import PaymentStatus
from skillwise.entrypoints.http.access import declared_access, is_framework_endpoint
from skillwise.entrypoints.http.error_reasons import ERROR_REASONS
from skillwise.entrypoints.http.schemas.learning import NOTIFICATION_KINDS
from tests.integration.docs.openapi_rules import BEARER, operations, resolve, untyped_properties

pytestmark = pytest.mark.integration

SRC = Path(__file__).parents[3] / "src" / "skillwise"
ERROR_REF = {"$ref": "#/components/schemas/Error"}
# flask-smorest's shared answers (validation 422, any other error): both carry Error.
GENERIC_ERRORS = {
    "#/components/responses/UNPROCESSABLE_ENTITY",
    "#/components/responses/DEFAULT_ERROR",
}
MONEY = {"amount", "price", "gross", "net", "platform_fee", "fees", "total_earnings"}


@pytest.fixture
def spec(client) -> dict[str, Any]:
    return client.get("/api/v1/openapi.json").json


def schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    return spec["components"]["schemas"][name]


def operation_by_id(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    (found,) = [op for _, _, op in operations(spec) if op["operationId"] == operation_id]
    return found


def test_the_document_is_valid_openapi(spec):
    validate(spec)


def test_every_operation_has_a_unique_readable_operation_id(spec):
    ids = [op.get("operationId") for _, _, op in operations(spec)]
    assert None not in ids
    assert len(ids) == len(set(ids))
    assert [i for i in ids if not re.fullmatch(r"[a-z]+([A-Z][a-z]+)*", i)] == []
    assert {"listCourses", "getCourse", "updateCourse", "createPayment", "login"} <= set(ids)


def test_every_error_answer_carries_the_error_schema_and_names_its_reasons(spec):
    wrong = []
    for path, method, op in operations(spec):
        for status, raw in op["responses"].items():
            if status != "default" and int(status) < 400:
                continue
            if raw.get("$ref") in GENERIC_ERRORS:
                continue
            response = resolve(spec, raw)
            if (path, status) == ("/health/ready", "503"):
                continue  # readiness answers its checks, as load balancers expect
            media = response.get("content", {}).get("application/json", {})
            reasons = response.get("x-error-reasons", [])
            known = ERROR_REASONS.get(int(status), ())
            if media.get("schema") != ERROR_REF or not reasons:
                wrong.append(f"{method} {path} {status}: no Error schema or no reasons")
            wrong += [f"{method} {path} {status}: {r} unknown" for r in reasons if r not in known]
            wrong += [
                f"{method} {path} {status}: {r} not described"
                for r in reasons
                if f"`{r}`" not in response["description"]
            ]
    assert wrong == []


def test_every_operation_but_the_probes_may_answer_that_the_database_is_unreachable(spec):
    """Generated clients retry on what the document says: a 503 on any call that touches the
    database (signed-in calls do, for the token blocklist)."""
    undeclared = []
    for path, method, op in operations(spec):
        reasons = resolve(spec, op["responses"].get("503", {})).get("x-error-reasons", [])
        if "database_unavailable" not in reasons:
            undeclared.append(f"{method} {path}")
    assert undeclared == ["get /health/live", "get /health/ready"]


def test_every_property_parameter_and_body_has_a_type(spec):
    assert untyped_properties(spec) == []


def test_security_is_what_each_view_declares(app, spec):
    mismatched = []
    for rule in app.url_map.iter_rules():
        if is_framework_endpoint(rule.endpoint) or rule.endpoint.endswith("_assets.redoc_asset"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in sorted(rule.methods - {"OPTIONS", "HEAD"}):
            op = spec["paths"].get(path, {}).get(method.lower())
            if op is None:
                continue
            access = declared_access(app, rule.endpoint, method)
            expected = [{}, BEARER] if access.reads_caller else [] if access.public else [BEARER]
            if op.get("security") != expected:
                mismatched.append(f"{method} {path}: {op.get('security')} != {expected}")
            if not access.public and "401" not in op["responses"]:
                mismatched.append(f"{method} {path}: signed-in only, no 401")
            if access.roles and "role_not_allowed" not in op["responses"].get("403", {}).get(
                "x-error-reasons", []
            ):
                mismatched.append(f"{method} {path}: role-restricted, no 403 role_not_allowed")
    assert mismatched == []


def test_every_operation_declares_its_security(spec):
    assert [f"{m} {p}" for p, m, op in operations(spec) if "security" not in op] == []


def test_optional_sign_in_is_declared_where_guests_and_members_see_different_things(spec):
    for path in ("/api/v1/courses/{course_id}/", "/api/v1/lessons/{lesson_id}/"):
        assert spec["paths"][path]["get"]["security"] == [{}, BEARER]
    assert spec["paths"]["/api/v1/attachments/{attachment_id}/"]["get"]["security"] == [{}, BEARER]
    assert spec["paths"]["/api/v1/auth/login/"]["post"]["security"] == []
    assert spec["paths"]["/api/v1/profile/"]["get"]["security"] == [BEARER]


def _reasons_raised_in_the_source() -> set[str]:
    reasons = set()
    for module in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Call):
                reasons |= {
                    kw.value.value
                    for kw in node.keywords
                    if kw.arg == "code"
                    and isinstance(kw.value, ast.Constant)
                    and isinstance(kw.value.value, str)
                }
            if isinstance(node, ast.ClassDef) and node.name != "DomainError":
                reasons |= {
                    statement.value.value
                    for statement in node.body
                    if isinstance(statement, ast.Assign)
                    and getattr(statement.targets[0], "id", None) == "code"
                    and isinstance(statement.value, ast.Constant)
                }
    return reasons


def test_the_error_schema_lists_every_reason_the_code_raises():
    documented = {reason for reasons in ERROR_REASONS.values() for reason in reasons}
    raised = _reasons_raised_in_the_source()
    # What the framework answers on its own, named after the HTTP status.
    framework = {
        "bad_request",
        "method_not_allowed",
        "request_entity_too_large",
        "unprocessable_entity",
        "too_many_requests",
        "internal_server_error",
    }
    assert raised - documented == set()
    assert documented - raised - framework == set()


def test_the_error_schema_documents_reasons_and_typed_field_errors(spec):
    error = schema(spec, "Error")
    assert "`course_not_found`" in error["description"]
    assert error["properties"]["errors"]["additionalProperties"] == {
        "type": "array",
        "items": {"type": "string"},
    }


def test_ids_are_uuids_timestamps_date_times_and_money_integers_beside_a_currency(spec):
    wrong = []
    for name, component in spec["components"]["schemas"].items():
        properties = component.get("properties", {})
        for field, prop in properties.items():
            # A gateway's event id is the gateway's own string, not one of our uuids.
            is_our_id = (field == "id" or field.endswith("_id")) and field != "event_id"
            if is_our_id and "$ref" not in prop and prop.get("format") != "uuid":
                wrong.append(f"{name}.{field} is not a uuid")
            if field.endswith("_at") and prop.get("format") != "date-time":
                wrong.append(f"{name}.{field} is not a date-time")
            if field in MONEY and prop.get("type") == "integer" and "currency" not in properties:
                wrong.append(f"{name}.{field} has no currency beside it")
            if field in MONEY and prop.get("type") not in ("integer", "array"):
                wrong.append(f"{name}.{field} is not an integer")
    assert wrong == []


@pytest.mark.parametrize(
    ("component", "field", "values"),
    [
        ("Payment", "status", PaymentStatus),
        ("Checkout", "status", PaymentStatus),
        ("User", "role", Role),
        ("Enrollment", "status", EnrollmentStatus),
        ("CourseDetail", "level", CourseLevel),
        ("CourseDetail", "status", CourseStatus),
        ("Report", "status", ReportStatus),
        ("Report", "target_type", ReportTargetType),
        ("PaymentEvent", "kind", GatewayEventKind),
        ("CourseStudent", "status", EnrollmentStatus),
    ],
)
def test_fixed_value_sets_are_typed_enums_of_the_domain_values(spec, component, field, values):
    prop = schema(spec, component)["properties"][field]
    assert prop["type"] == "string"
    assert prop["enum"] == [member.value for member in values]


def test_gateways_and_notification_kinds_are_enums(spec):
    assert schema(spec, "Payment")["properties"]["gateway"]["enum"] == [
        "fake",
        "stripe",
        "sslcommerz",
    ]
    assert schema(spec, "Notification")["properties"]["kind"]["enum"] == list(NOTIFICATION_KINDS)


def test_the_notification_kinds_listed_are_the_ones_the_application_writes():
    written = set()
    for module in (SRC / "application").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Notification":
                written |= {
                    kw.value.value
                    for kw in node.keywords
                    if kw.arg == "kind" and isinstance(kw.value, ast.Constant)
                }
    assert written and written == set(NOTIFICATION_KINDS)


def test_query_filters_are_typed_and_never_nullable(spec):
    for path in (
        "/api/v1/admin/reports/",
        "/api/v1/admin/payments/",
        "/api/v1/payments/invoices/{invoice_id}/",
    ):
        for parameter in spec["paths"][path]["get"]["parameters"]:
            assert "type" in parameter["schema"], (path, parameter)
            assert not parameter["schema"].get("nullable"), (path, parameter)
    (fmt,) = [
        p
        for p in spec["paths"]["/api/v1/payments/invoices/{invoice_id}/"]["get"]["parameters"]
        if p["name"] == "format"
    ]
    assert fmt["schema"] == {"type": "string", "enum": ["json", "pdf"]}


def test_the_invoice_pdf_is_its_own_binary_media_type(spec):
    content = operation_by_id(spec, "getInvoice")["responses"]["200"]["content"]
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/Invoice"}
    assert content["application/pdf"]["schema"] == {"type": "string", "format": "binary"}


def test_deleting_a_course_documents_both_real_answers(spec):
    responses = operation_by_id(spec, "deleteCourse")["responses"]
    assert "content" not in responses["204"]
    assert responses["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CourseDetail"
    }


def test_headers_are_documented(spec):
    for operation_id in ("listCourses", "getCourse"):
        op = operation_by_id(spec, operation_id)
        assert "If-None-Match" in [p["name"] for p in op["parameters"] if p["in"] == "header"]
        assert "ETag" in op["responses"]["304"]["headers"]
        assert "ETag" in op["responses"]["200"]["headers"]
    create_payment = operation_by_id(spec, "createPayment")
    assert "Idempotency-Key" in [p["name"] for p in create_payment["parameters"]]
    limited = [op for _, _, op in operations(spec) if "429" in op["responses"]]
    assert {op["operationId"] for op in limited} >= {"login", "register", "requestPasswordReset"}
    for op in limited:
        assert {"Retry-After", "X-RateLimit-Limit"} <= set(op["responses"]["429"]["headers"])


def test_the_unused_pagination_metadata_schema_is_gone(spec):
    assert "PaginationMetadata" not in spec["components"]["schemas"]


def _examples(spec: dict[str, Any]):
    for path, method, op in operations(spec):
        bodies = [("request", op.get("requestBody", {}).get("content", {}))]
        bodies += [(status, r.get("content", {})) for status, r in op["responses"].items()]
        for where, content in bodies:
            for media in content.values():
                values = [media["example"]] if "example" in media else []
                values += [e["value"] for e in media.get("examples", {}).values()]
                for value in values:
                    yield f"{method} {path} {where}", media["schema"], value


def test_the_main_journeys_have_examples_that_match_their_schemas(spec):
    examples = list(_examples(spec))
    described = {where.split(" ")[1] for where, _, _ in examples}
    assert {
        "/api/v1/auth/register/",
        "/api/v1/auth/login/",
        "/api/v1/courses/",
        "/api/v1/payments/create/",
        "/api/v1/enrollments/{enrollment_id}/progress/",
        "/api/v1/courses/{course_id}/reviews/",
    } <= described
    gateways = {
        e["value"]["gateway"]
        for e in operation_by_id(spec, "createPayment")["responses"]["201"]["content"][
            "application/json"
        ]["examples"].values()
    }
    assert gateways == {"fake", "stripe", "sslcommerz"}
    for where, body_schema, value in examples:
        validator = OAS30Validator({**body_schema, "components": spec["components"]})
        errors = [e.message for e in validator.iter_errors(value)]
        assert errors == [], where


def test_redoc_and_swagger_ui_load_their_scripts_from_this_server(client):
    page = client.get("/api/v1/redoc/").get_data(as_text=True)
    assert "/api/v1/redoc/assets/redoc.standalone.js" in page
    assert "cdn." not in page
    script = client.get("/api/v1/redoc/assets/redoc.standalone.js")
    assert script.status_code == 200
    assert len(script.get_data()) > 500_000
    assert client.get("/api/v1/redoc/assets/LICENSE").status_code == 200
    assert client.get("/api/v1/redoc/assets/../../openapi.json").status_code == 404


def test_a_view_declared_plain_public_may_not_read_its_caller(app):
    from skillwise.entrypoints.http.access import optional_actor, public

    @public
    def peek():
        return {"signed_in": optional_actor() is not None}

    app.add_url_rule("/peek", "peek", peek)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    # Its document would tell clients not to send a token, so it must not read one.
    assert app.test_client().get("/peek").status_code == 500
