"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from skillwise.containers import Container
from skillwise.entrypoints.http.access import public
from skillwise.entrypoints.http.api_docs import operation

blp = Blueprint("health", __name__, url_prefix="/health", description="Service health")


class HealthSchema(Schema):
    status = fields.String(
        required=True, metadata={"type": "string", "enum": ["ok", "unavailable"], "example": "ok"}
    )
    checks = fields.Dict(keys=fields.String(), values=fields.String())


@blp.route("/live")
class Live(MethodView):
    @public
    @operation("checkLiveness")
    @blp.response(200, HealthSchema)
    def get(self):
        """The process is up."""
        return {"status": "ok", "checks": {}}


@blp.route("/ready")
class Ready(MethodView):
    @public
    @operation("checkReadiness")
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="A backing service is down")
    @inject
    def get(self, readiness_check=Provide[Container.infra.readiness_check]):
        """The database (and Redis, where configured) answers."""
        checks = readiness_check()
        healthy = all(state == "ok" for state in checks.values())
        return {"status": "ok" if healthy else "unavailable", "checks": checks}, (
            200 if healthy else 503
        )
