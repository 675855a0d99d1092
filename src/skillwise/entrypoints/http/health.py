"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView
from marshmallow import Schema, fields

from skillwise.adapters.health import REQUIRED
from skillwise.containers import Container
from skillwise.entrypoints.http.access import probe
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import operation

blp = Blueprint("health", __name__, url_prefix="/health", description="Service health")


class HealthSchema(Schema):
    status = fields.String(
        required=True, metadata={"type": "string", "enum": ["ok", "unavailable"], "example": "ok"}
    )
    checks = fields.Dict(keys=fields.String(), values=fields.String())


@blp.route("/live")
class Live(MethodView):
    @probe
    @operation("checkLiveness")
    @blp.response(200, HealthSchema)
    def get(self):
        """The process is up."""
        return {"status": "ok", "checks": {}}


@blp.route("/ready")
class Ready(MethodView):
    @probe
    @operation("checkReadiness")
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="The database is down")
    @inject
    def get(self, readiness_check=Provide[Container.infra.readiness_check]):
        """The database answers (503 otherwise); Redis and the read replica, where configured,
        are `ok` or `unavailable`, and an instance without them keeps serving (200, status
        `degraded`): the primary then answers the replica's reads."""
        checks = readiness_check()
        if any(checks.get(name) != "ok" for name in REQUIRED):
            return {"status": "unavailable", "checks": checks}, 503
        healthy = all(state == "ok" for state in checks.values())
        return {"status": "ok" if healthy else "degraded", "checks": checks}, 200
