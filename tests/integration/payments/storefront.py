"""A shop's app with its buyer, admin and instructor signed in, for the payment journeys."""

from __future__ import annotations

from dataclasses import dataclass

from dependency_injector import providers
from flask import Flask
from flask.testing import FlaskClient

from skillwise.domain.catalog.course import Course
from skillwise.entrypoints.http.app import create_app
from tests.factories import bearer

API = "/api/v1"


@dataclass
class Storefront:
    app: Flask
    client: FlaskClient
    buyer: dict[str, str]
    admin: dict[str, str]
    instructor: dict[str, str]

    def create(self, course: Course, **body) -> dict:
        answer = self.client.post(
            f"{API}/payments/create/",
            json={"course_id": str(course.id), **body},
            headers=self.buyer,
        )
        assert answer.status_code == 201, answer.json
        return answer.json

    def payment(self, payment_id: str) -> dict:
        return self.client.get(f"{API}/payments/{payment_id}/", headers=self.buyer).json

    def refund(self, payment_id: str):
        return self.client.post(
            f"{API}/admin/payments/{payment_id}/refund/", json={}, headers=self.admin
        )

    def outcomes(self, answer) -> list[str]:
        assert answer.status_code == 200, answer.json
        return [event["outcome"] for event in answer.json["events"]]


def storefront(container, settings, shop) -> Storefront:
    container.infra.settings.override(providers.Object(settings))
    app = create_app(container)
    app.config["TESTING"] = True
    return Storefront(
        app=app,
        client=app.test_client(),
        buyer=bearer(app, shop.buyer),
        admin=bearer(app, shop.admin),
        instructor=bearer(app, shop.instructor),
    )


def enrollment_status(uow_factory, shop, course: Course):
    with uow_factory() as uow:
        enrollment = uow.enrollments.get_for(shop.buyer.id, course.id)
    return enrollment.status if enrollment else None
