"""CSV exports of payments (admins) and of an instructor's earnings, streamed row by row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from dependency_injector.wiring import Provide, inject
from flask import Response
from flask.views import MethodView

from skillwise.application.dashboards.exports import EarningLine, PaymentLine
from skillwise.containers import Container
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import current_actor, roles
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.dashboards import WindowArgs

blp = Blueprint("exports", __name__, description="CSV exports")

CSV = "text/csv"

PAYMENT_COLUMNS = (
    "id",
    "created_at",
    "status",
    "price",
    "discount",
    "amount",
    "refunded",
    "currency",
    "course_id",
    "course",
    "buyer",
)
EARNING_COLUMNS = (
    "id",
    "created_at",
    "kind",
    "gross",
    "fee",
    "net",
    "currency",
    "payment_id",
    "course_id",
    "course",
    "student",
)


def _csv_answer(description: str, columns: Sequence[str]) -> dict:
    return {
        200: {
            "description": f"{description} Columns: {', '.join(columns)}.",
            "content": {CSV: {"schema": {"type": "string"}}},
        }
    }


def _payment_row(line: PaymentLine) -> list[str]:
    return [
        str(line.id),
        line.created_at.isoformat(),
        line.status,
        line.price.to_decimal_string(),
        line.discount.to_decimal_string(),
        line.amount.to_decimal_string(),
        line.refunded.to_decimal_string(),
        line.amount.currency,
        str(line.course_id),
        line.course_title,
        line.buyer_email,
    ]


def _earning_row(line: EarningLine) -> list[str]:
    return [
        str(line.id),
        line.created_at.isoformat(),
        line.kind,
        line.gross.to_decimal_string(),
        line.fee.to_decimal_string(),
        line.net.to_decimal_string(),
        line.net.currency,
        str(line.payment_id),
        str(line.course_id),
        line.course_title,
        line.student_name,
    ]


def _lines(header: Sequence[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """One CSV line at a time, so the answer streams as the cursor is read."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        yield buffer.getvalue()


def _stream(name: str, header: Sequence[str], rows: Iterable[list[str]]) -> Response:
    return Response(
        _lines(header, rows),
        mimetype=CSV,
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@blp.route("/admin/payments/export/")
class PaymentsExport(MethodView):
    @roles(Role.ADMIN)
    @operation(
        "exportPayments",
        responses=_csv_answer(
            "Every payment created in the window, oldest first.", PAYMENT_COLUMNS
        ),
    )
    @blp.arguments(WindowArgs, location="query")
    @blp.response(200, description="CSV, UTF-8, with a header row")
    @fails(422, "The window is not valid", "unprocessable_entity", "invalid_window")
    @inject
    def get(self, args, export_payments=Provide[Container.dashboards.export_payments]):
        """The payments created in a window of UTC days (`from` and `to` included; by default
        the last 30 days) as CSV: amounts as decimals in their currency, times in ISO 8601."""
        lines = export_payments(current_actor(), args["first"], args["last"])
        return _stream("payments", PAYMENT_COLUMNS, map(_payment_row, lines))


@blp.route("/instructors/earnings/export/")
class EarningsExport(MethodView):
    @roles(Role.INSTRUCTOR, Role.ADMIN)
    @operation(
        "exportEarnings",
        responses=_csv_answer("My ledger entries of the window, oldest first.", EARNING_COLUMNS),
    )
    @blp.arguments(WindowArgs, location="query")
    @blp.response(200, description="CSV, UTF-8, with a header row")
    @fails(422, "The window is not valid", "unprocessable_entity", "invalid_window")
    @inject
    def get(self, args, export_earnings=Provide[Container.dashboards.export_earnings]):
        """My earnings ledger over a window of UTC days (`from` and `to` included; by default
        the last 30 days) as CSV: each sale, refund, reversal and chargeback with its gross,
        the platform's fee and my net, as decimals in their currency."""
        lines = export_earnings(current_actor(), args["first"], args["last"])
        return _stream("earnings", EARNING_COLUMNS, map(_earning_row, lines))
