"""Payments refunded before refunds had records get the record of that one full refund.

Revision 0011 made refunds records of their own but left the payments refunded before it with
`refunded_minor` set and no record, so they showed a refunded amount with no refund behind it.
Databases upgraded since 0011 are filled in here; on others this finds nothing to do.

Revision ID: 0015_legacy_refund_records
Revises: 0014_invoice_discounts
"""

import uuid

import sqlalchemy as sa
from alembic import op

from skillwise.adapters.db.types import UtcDateTime

revision = "0015_legacy_refund_records"
down_revision = "0014_invoice_discounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _record_the_refunds_made_before()


def downgrade() -> None:
    # The records describe refunds that happened; 0011's downgrade drops the table with them.
    pass


# Only the columns the backfill reads or writes, typed so UUIDs and times bind per dialect.
_payments = sa.table(
    "payments",
    sa.column("id", sa.Uuid()),
    sa.column("gateway", sa.String()),
    sa.column("status", sa.String()),
    sa.column("amount_minor", sa.BigInteger()),
    sa.column("currency", sa.String()),
    sa.column("updated_at", UtcDateTime()),
    sa.column("refunded_at", UtcDateTime()),
)
_refunds = sa.table(
    "refunds",
    sa.column("id", sa.Uuid()),
    sa.column("payment_id", sa.Uuid()),
    sa.column("gateway", sa.String()),
    sa.column("amount_minor", sa.BigInteger()),
    sa.column("currency", sa.String()),
    sa.column("status", sa.String()),
    sa.column("reason", sa.String()),
    sa.column("created_at", UtcDateTime()),
    sa.column("updated_at", UtcDateTime()),
    sa.column("settled_at", UtcDateTime()),
)
_disputes = sa.table("disputes", sa.column("payment_id", sa.Uuid()))
_earnings = sa.table(
    "earnings",
    sa.column("payment_id", sa.Uuid()),
    sa.column("kind", sa.String()),
    sa.column("refund_id", sa.Uuid()),
    sa.column("entry_key", sa.String()),
)


def _record_the_refunds_made_before() -> None:
    """A payment refunded before refunds had records was one refund in full, settled when
    the payment became refunded; it gets that refund's record, and its ledger entry is
    that refund's, as the refunds made from now on are (`refund:<refund id>`)."""
    connection = op.get_bind()
    # A refund made since has its record, and a lost dispute (which also leaves a payment
    # refunded) has its own: neither is one of these.
    refunded = connection.execute(
        sa.select(_payments).where(
            _payments.c.status == "refunded",
            ~sa.exists().where(_refunds.c.payment_id == _payments.c.id),
            ~sa.exists().where(_disputes.c.payment_id == _payments.c.id),
        )
    ).all()
    for payment in refunded:
        refund_id = uuid.uuid4()
        settled_at = payment.refunded_at or payment.updated_at
        connection.execute(
            sa.insert(_refunds).values(
                id=refund_id,
                payment_id=payment.id,
                gateway=payment.gateway,
                amount_minor=payment.amount_minor,
                currency=payment.currency,
                status="succeeded",
                reason="refunded before refunds were recorded one by one",
                created_at=settled_at,
                updated_at=settled_at,
                settled_at=settled_at,
            )
        )
        connection.execute(
            sa.update(_earnings)
            .where(_earnings.c.payment_id == payment.id, _earnings.c.kind == "refund")
            .values(refund_id=refund_id, entry_key=f"refund:{refund_id}")
        )
