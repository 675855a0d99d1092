"""Tables owned by the payments subject (the shared spine is in core.py)."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    false,
    text,
)

from skillwise.adapters.db.tables.base import metadata
from skillwise.adapters.db.types import UtcDateTime

PAYMENT_STATUSES = "status IN ('pending', 'succeeded', 'failed', 'canceled', 'refunded')"

EARNING_KINDS = "kind IN ('sale', 'refund', 'refund_reversal', 'chargeback')"
REFUND_STATUSES = "status IN ('pending', 'requires_action', 'succeeded', 'failed', 'canceled')"

OPEN_CHECKOUTS = text("status = 'pending'")
OPEN_CHECKOUT_KEY = ("user_id", "course_id", "gateway", "amount_minor", "currency")

payments = Table(
    "payments",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("course_id", Uuid, ForeignKey("courses.id"), nullable=False, index=True),
    Column("gateway", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("amount_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("gateway_reference", String(255)),
    Column("client_secret", String(255)),
    Column("checkout_url", String(1000)),
    Column("publishable_key", String(255)),
    Column("customer_reference", String(255)),
    Column("ephemeral_key", String(255)),
    Column("transaction_reference", String(255)),
    Column("needs_review", Boolean, nullable=False, default=False),
    Column("review_reason", String(200)),
    # The course's price, what a coupon took off it, and `amount_minor`, the rest, charged.
    Column("price_minor", BigInteger, nullable=False),
    Column("discount_minor", BigInteger, nullable=False, default=0),
    Column("coupon_id", Uuid, ForeignKey("coupons.id")),
    Column("coupon_code", String(40)),
    # Paid after its coupon use lapsed, when the coupon had none left: never counted as a use.
    Column("coupon_beyond_limit", Boolean, nullable=False, server_default=false()),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("paid_at", UtcDateTime),
    Column("refunded_at", UtcDateTime),
    Column("refunded_minor", BigInteger, nullable=False, server_default=text("0")),
    Column("charge_reference", String(255)),
    CheckConstraint(PAYMENT_STATUSES, name="status"),
    # Zero when a coupon took the whole price off: enrolled at once, with no gateway call.
    CheckConstraint("amount_minor >= 0", name="amount_not_negative"),
    CheckConstraint(
        "discount_minor >= 0 AND price_minor = amount_minor + discount_minor",
        name="price_is_amount_plus_discount",
    ),
    UniqueConstraint("gateway", "gateway_reference"),
    Index("ix_payments_gateway_charge_reference", "gateway", "charge_reference"),
    Index("ix_payments_user_id_created_at", "user_id", "created_at"),
    Index("ix_payments_status_created_at", "status", "created_at"),
    Index("ix_payments_user_id_course_id_status", "user_id", "course_id", "status"),
    # A coupon's uses are counted from its payments by status (and by buyer).
    Index("ix_payments_coupon_id_status_user_id", "coupon_id", "status", "user_id"),
    # One open checkout per buyer, course, gateway and price: repeated or concurrent requests
    # without an Idempotency-Key meet on it instead of charging twice.
    Index(
        "uq_payments_open_checkout",
        *OPEN_CHECKOUT_KEY,
        unique=True,
        postgresql_where=OPEN_CHECKOUTS,
        sqlite_where=OPEN_CHECKOUTS,
    ),
)

payment_idempotency_keys = Table(
    "payment_idempotency_keys",
    metadata,
    Column("user_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("idempotency_key", String(255), nullable=False),
    Column("payment_id", Uuid, ForeignKey("payments.id"), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("user_id", "idempotency_key"),
)

payment_events = Table(
    "payment_events",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("gateway", String(20), nullable=False),
    Column("event_id", String(255), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("payment_id", Uuid, ForeignKey("payments.id"), index=True),
    Column("outcome", String(30)),
    Column("detail", Text, nullable=False, default=""),
    Column("received_at", UtcDateTime, nullable=False),
    UniqueConstraint("gateway", "event_id"),
)

invoice_sequences = Table(
    "invoice_sequences",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("last_number", Integer, nullable=False),
)

invoices = Table(
    "invoices",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("number", String(20), nullable=False, unique=True),
    Column("payment_id", Uuid, ForeignKey("payments.id"), nullable=False, unique=True),
    Column("user_id", Uuid, ForeignKey("users.id"), nullable=False, index=True),
    Column("course_id", Uuid, ForeignKey("courses.id"), nullable=False),
    Column("buyer_name", String(200), nullable=False),
    Column("buyer_email", String(254), nullable=False),
    Column("course_title", String(200), nullable=False),
    Column("amount_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    # What a coupon took off the course's price; `amount_minor` is the total paid.
    Column("discount_minor", BigInteger, nullable=False, server_default=text("0")),
    Column("coupon_code", String(40)),
    Column("gateway", String(20), nullable=False),
    Column("gateway_reference", String(255)),
    Column("paid_at", UtcDateTime, nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
)

earnings = Table(
    "earnings",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("instructor_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("payment_id", Uuid, ForeignKey("payments.id"), nullable=False),
    Column("course_id", Uuid, ForeignKey("courses.id"), nullable=False, index=True),
    Column("kind", String(10), nullable=False),
    Column("gross_minor", BigInteger, nullable=False),
    Column("fee_minor", BigInteger, nullable=False),
    Column("net_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("refund_id", Uuid, ForeignKey("refunds.id"), index=True),
    # What makes an entry one of a kind: "sale" and "chargeback" once per payment, and
    # "refund:<refund id>" and "refund_reversal:<refund id>" once per refund.
    Column("entry_key", String(80), nullable=False),
    CheckConstraint(EARNING_KINDS, name="kind"),
    CheckConstraint("gross_minor = fee_minor + net_minor", name="fee_plus_net_is_gross"),
    UniqueConstraint("payment_id", "entry_key"),
    Index("ix_earnings_instructor_id_created_at", "instructor_id", "created_at"),
)

refunds = Table(
    "refunds",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("payment_id", Uuid, ForeignKey("payments.id"), nullable=False, index=True),
    Column("gateway", String(20), nullable=False),
    Column("amount_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("status", String(20), nullable=False),
    Column("reason", String(500), nullable=False, default=""),
    Column("requested_by", Uuid, ForeignKey("users.id")),
    Column("refund_request_id", Uuid, ForeignKey("refund_requests.id")),
    Column("gateway_reference", String(255)),
    Column("failure_reason", String(200)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("settled_at", UtcDateTime),
    CheckConstraint(REFUND_STATUSES, name="status"),
    CheckConstraint("amount_minor > 0", name="amount_positive"),
    UniqueConstraint("gateway", "gateway_reference"),
    Index("ix_refunds_status_created_at", "status", "created_at"),
)

disputes = Table(
    "disputes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("payment_id", Uuid, ForeignKey("payments.id"), nullable=False, index=True),
    Column("gateway", String(20), nullable=False),
    Column("gateway_reference", String(255), nullable=False),
    Column("amount_minor", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("status", String(30), nullable=False),
    Column("reason", String(100), nullable=False, default=""),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("closed_at", UtcDateTime),
    UniqueConstraint("gateway", "gateway_reference"),
)

OPEN_REFUND_REQUESTS = text("status = 'open'")

refund_requests = Table(
    "refund_requests",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("payment_id", Uuid, ForeignKey("payments.id"), nullable=False, index=True),
    Column("user_id", Uuid, ForeignKey("users.id"), nullable=False),
    Column("reason", String(1000), nullable=False),
    Column("status", String(10), nullable=False),
    Column("note", String(1000), nullable=False, default=""),
    Column("decided_by", Uuid, ForeignKey("users.id")),
    Column("refund_id", Uuid),
    Column("created_at", UtcDateTime, nullable=False),
    Column("decided_at", UtcDateTime),
    CheckConstraint("status IN ('open', 'approved', 'rejected')", name="status"),
    Index("ix_refund_requests_status_created_at", "status", "created_at"),
    # One request waiting for a decision per payment, also under concurrent requests.
    Index(
        "uq_refund_requests_open_payment",
        "payment_id",
        unique=True,
        postgresql_where=OPEN_REFUND_REQUESTS,
        sqlite_where=OPEN_REFUND_REQUESTS,
    ),
)
