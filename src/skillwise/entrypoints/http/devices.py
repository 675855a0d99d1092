"""The caller's devices: where their pushes go."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, signed_in
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.common import page_body, page_request
from skillwise.entrypoints.http.schemas.devices import (
    DeviceListArgs,
    DevicePageSchema,
    DeviceRegisterSchema,
    DeviceSchema,
)

blp = Blueprint("devices", __name__, description="Devices that receive push notifications")


@blp.route("/devices/")
class Devices(MethodView):
    @signed_in
    @operation("listDevices")
    @blp.arguments(DeviceListArgs, location="query")
    @blp.response(200, DevicePageSchema)
    @fails(422, "Bad paging", "unprocessable_entity")
    @inject
    def get(self, args, list_devices=Provide[Container.notifications.list_devices]):
        """My devices, most recently seen first."""
        return page_body(list_devices(current_actor(), page_request(args)))

    @signed_in
    @operation("registerDevice")
    @blp.arguments(DeviceRegisterSchema)
    @blp.response(201, DeviceSchema, description="A new device")
    @blp.alt_response(
        200, schema=DeviceSchema, description="A token known already: updated, and now mine"
    )
    @fails(422, "A missing token or unknown platform", "unprocessable_entity")
    @inject
    def post(self, form, register_device=Provide[Container.notifications.register_device]):
        """Register this app install's push token; the same token again updates it (and moves
        it to me if another account had it). Of simultaneous registrations of a new token,
        one creates it and the others update it."""
        registration = register_device(current_actor(), **form)
        return registration.device, 201 if registration.created else 200


@blp.route("/devices/<uuid:device_id>/")
class Device(MethodView):
    @signed_in
    @operation("removeDevice")
    @blp.response(204)
    @fails(404, "No such device of mine", "device_not_found")
    @inject
    def delete(self, device_id, remove_device=Provide[Container.notifications.remove_device]):
        """Stop pushing to one of my devices."""
        remove_device(current_actor(), device_id)
