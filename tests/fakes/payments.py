"""In-memory fakes of the payments ports: repositories, a scriptable gateway, a PDF renderer."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from skillwise.application.payments.gateway import (
    CancelOutcome,
    CancelResult,
    CheckoutRequest,
    CheckoutSession,
    GatewayEvent,
    GatewayEventKind,
    GatewayPaymentState,
    GatewayUnavailable,
    InvalidWebhook,
    RefundInstruction,
    RefundResult,
    WebhookRequest,
)
from skillwise.application.payments.ports import (
    DisputeRepository,
    EarningRepository,
    EventOutcome,
    EventResult,
    InvoiceRepository,
    PaymentEventRepository,
    PaymentFilters,
    PaymentListing,
    PaymentRepository,
    RecordedEvent,
    RefundRepository,
    RefundRequestRepository,
)
from skillwise.application.payments.use_cases.handle_payment_event import HandlePaymentEvent
from skillwise.application.payments.use_cases.receive_webhook import ReceiveWebhook
from skillwise.application.payments.use_cases.refund_payment import RefundPayment
from skillwise.application.payments.use_cases.start_payment import StartPayment
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.catalog.course import Course
from skillwise.domain.coupons import CouponUses
from skillwise.domain.disputes import Dispute
from skillwise.domain.earnings import EarningEntry, EarningKind, EarningTotals, PlatformFee
from skillwise.domain.errors import CurrencyNotSupported, DomainValidationError
from skillwise.domain.identity import Role
from skillwise.domain.invoices import Invoice
from skillwise.domain.money import Money
from skillwise.domain.payments import Payment, PaymentStatus
from skillwise.domain.refunds import (
    OPEN_REFUND_STATUSES,
    Refund,
    RefundRequest,
    RefundRequestStatus,
    RefundStatus,
)
from skillwise.domain.users import User
from tests.factories import a_course, a_user
from tests.fakes.base import DuplicateRow, FakeRepository
from tests.fakes.basics import FixedClock
from tests.fakes.catalog import RecordingCatalogCache

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


def _page(items: list, page: PageRequest) -> Page:
    return Page(
        items=items[page.offset : page.offset + page.page_size], total=len(items), request=page
    )


class FakePaymentRepository(FakeRepository, implements=PaymentRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Payment] = {}
        self.keys: dict[tuple[UUID, str], UUID] = {}

    def add(self, payment: Payment) -> bool:
        if payment.is_open and self.find_open(
            payment.user_id, payment.course_id, payment.gateway, payment.amount
        ):
            return False
        self.rows[payment.id] = dataclasses.replace(payment)
        return True

    def get(self, payment_id: UUID) -> Payment | None:
        row = self.rows.get(payment_id)
        return dataclasses.replace(row) if row else None

    get_for_update = get

    def save(self, payment: Payment) -> None:
        self.rows[payment.id] = dataclasses.replace(payment)

    def find_open(
        self, user_id: UUID, course_id: UUID, gateway: str, amount: Money
    ) -> Payment | None:
        return next(
            (
                dataclasses.replace(p)
                for p in self.rows.values()
                if (p.user_id, p.course_id, p.gateway, p.amount)
                == (user_id, course_id, gateway, amount)
                and p.is_open
            ),
            None,
        )

    def find_by_reference(self, gateway: str, gateway_reference: str) -> Payment | None:
        return next(
            (
                dataclasses.replace(p)
                for p in self.rows.values()
                if p.gateway == gateway and p.gateway_reference == gateway_reference
            ),
            None,
        )

    def find_by_charge(self, gateway: str, charge_reference: str) -> Payment | None:
        return next(
            (
                dataclasses.replace(p)
                for p in self.rows.values()
                if p.gateway == gateway and p.charge_reference == charge_reference
            ),
            None,
        )

    def has_succeeded_payment(self, user_id: UUID, course_id: UUID) -> bool:
        return any(
            p.user_id == user_id
            and p.course_id == course_id
            and p.status is PaymentStatus.SUCCEEDED
            for p in self.rows.values()
        )

    def latest_customer_reference(self, user_id: UUID, gateway: str) -> str | None:
        known = sorted(
            (p.created_at, p.checkout.customer_reference)
            for p in self.rows.values()
            if p.user_id == user_id and p.gateway == gateway
            if p.checkout is not None and p.checkout.customer_reference is not None
        )
        return known[-1][1] if known else None

    def payment_id_for_key(self, user_id: UUID, idempotency_key: str) -> UUID | None:
        return self.keys.get((user_id, idempotency_key))

    def remember_key(
        self, user_id: UUID, idempotency_key: str, payment_id: UUID, now: datetime
    ) -> UUID:
        return self.keys.setdefault((user_id, idempotency_key), payment_id)

    def history(self, user_id: UUID, page: PageRequest) -> Page[PaymentListing]:
        return self.search(PaymentFilters(user_id=user_id), page)

    def search(self, filters: PaymentFilters, page: PageRequest) -> Page[PaymentListing]:
        def matches(p: Payment) -> bool:
            return (
                (filters.status is None or p.status is filters.status)
                and (filters.gateway is None or p.gateway == filters.gateway)
                and (filters.user_id is None or p.user_id == filters.user_id)
                and (filters.course_id is None or p.course_id == filters.course_id)
                and (filters.created_from is None or p.created_at >= filters.created_from)
                and (filters.created_to is None or p.created_at < filters.created_to)
                and (filters.needs_review is None or p.needs_review is filters.needs_review)
            )

        found = sorted(
            (p for p in self.rows.values() if matches(p)),
            key=lambda p: (p.created_at, str(p.id)),
            reverse=True,
        )
        # Invoices live in another fake; the SQL join is tested against the databases.
        return _page([PaymentListing(p, None) for p in found], page)

    def pending_created_before(self, cutoff: datetime, limit: int) -> list[Payment]:
        pending = sorted(
            (p for p in self.rows.values() if p.is_open and p.created_at < cutoff),
            key=lambda p: p.created_at,
        )
        return [dataclasses.replace(p) for p in pending[:limit]]

    def coupon_uses(self, coupon_id: UUID, *, user_id: UUID | None = None) -> CouponUses:
        carrying = [
            p
            for p in self.rows.values()
            if p.coupon_id == coupon_id and (user_id is None or p.user_id == user_id)
            if not p.coupon_beyond_limit
        ]
        return CouponUses(
            redeemed=sum(p.status is PaymentStatus.SUCCEEDED for p in carrying),
            reserved=sum(p.status is PaymentStatus.PENDING for p in carrying),
        )


class FakePaymentEventRepository(FakeRepository, implements=PaymentEventRepository):
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], RecordedEvent] = {}

    def record(self, event: RecordedEvent) -> bool:
        if (event.gateway, event.event_id) in self.rows:
            return False
        self.rows[event.gateway, event.event_id] = event
        return True

    def set_outcome(
        self,
        gateway: str,
        event_id: str,
        outcome: EventOutcome,
        payment_id: UUID | None,
        detail: str = "",
    ) -> None:
        self.rows[gateway, event_id] = dataclasses.replace(
            self.rows[gateway, event_id], outcome=outcome, payment_id=payment_id, detail=detail
        )

    def for_payment(self, payment_id: UUID) -> list[RecordedEvent]:
        return sorted(
            (e for e in self.rows.values() if e.payment_id == payment_id),
            key=lambda e: (e.received_at, e.event_id),
        )

    def outcomes(self) -> dict[str, EventOutcome | None]:
        return {event_id: event.outcome for (_, event_id), event in self.rows.items()}


class FakeInvoiceRepository(FakeRepository, implements=InvoiceRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Invoice] = {}
        self.counters: dict[int, int] = {}

    def next_number(self, year: int) -> int:
        self.counters[year] = self.counters.get(year, 0) + 1
        return self.counters[year]

    def add(self, invoice: Invoice) -> None:
        if self.get_for_payment(invoice.payment_id) is not None:
            raise DuplicateRow("invoices (payment_id)")
        self.rows[invoice.id] = invoice

    def get(self, invoice_id: UUID) -> Invoice | None:
        return self.rows.get(invoice_id)

    def get_for_payment(self, payment_id: UUID) -> Invoice | None:
        return next((i for i in self.rows.values() if i.payment_id == payment_id), None)


class FakeEarningRepository(FakeRepository, implements=EarningRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, EarningEntry] = {}

    def add(self, entry: EarningEntry) -> None:
        key = (entry.payment_id, entry.kind, entry.refund_id)
        if any((e.payment_id, e.kind, e.refund_id) == key for e in self.rows.values()):
            raise DuplicateRow("earnings (payment_id, entry_key)")
        self.rows[entry.id] = entry

    def refund_entry_for(self, refund_id: UUID) -> EarningEntry | None:
        return next(
            (
                e
                for e in self.rows.values()
                if e.refund_id == refund_id and e.kind is EarningKind.REFUND
            ),
            None,
        )

    def sale_for(self, payment_id: UUID) -> EarningEntry | None:
        return next(
            (
                e
                for e in self.rows.values()
                if e.payment_id == payment_id and e.kind is EarningKind.SALE
            ),
            None,
        )

    def for_instructor(self, instructor_id: UUID, page: PageRequest) -> Page[EarningEntry]:
        entries = sorted(
            (e for e in self.rows.values() if e.instructor_id == instructor_id),
            key=lambda e: (e.created_at, str(e.id)),
            reverse=True,
        )
        return _page(entries, page)

    def totals_for(self, instructor_id: UUID) -> list[EarningTotals]:
        totals: dict[str, EarningTotals] = {}
        for entry in self.rows.values():
            if entry.instructor_id != instructor_id:
                continue
            current = totals.get(entry.gross.currency) or EarningTotals(
                entry.gross.currency, 0, 0, 0, 0, 0
            )
            totals[entry.gross.currency] = EarningTotals(
                currency=current.currency,
                gross=current.gross + entry.gross.amount_minor,
                platform_fee=current.platform_fee + entry.platform_fee.amount_minor,
                net=current.net + entry.net.amount_minor,
                sales=current.sales + (entry.kind is EarningKind.SALE),
                refunds=current.refunds + (entry.kind is EarningKind.REFUND),
            )
        return [totals[currency] for currency in sorted(totals)]


class FakeRefundRepository(FakeRepository, implements=RefundRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Refund] = {}

    def add(self, refund: Refund) -> None:
        if refund.gateway_reference and self.find_by_reference(
            refund.gateway, refund.gateway_reference
        ):
            raise DuplicateRow("refunds (gateway, gateway_reference)")
        self.rows[refund.id] = dataclasses.replace(refund)

    def get(self, refund_id: UUID) -> Refund | None:
        row = self.rows.get(refund_id)
        return dataclasses.replace(row) if row else None

    def save(self, refund: Refund) -> None:
        self.rows[refund.id] = dataclasses.replace(refund)

    def for_payment(self, payment_id: UUID) -> list[Refund]:
        return self.for_payments([payment_id]).get(payment_id, [])

    def for_payments(self, payment_ids: list[UUID]) -> dict[UUID, list[Refund]]:
        found: dict[UUID, list[Refund]] = {}
        for refund in sorted(self.rows.values(), key=lambda r: (r.created_at, str(r.id))):
            if refund.payment_id in payment_ids:
                found.setdefault(refund.payment_id, []).append(dataclasses.replace(refund))
        return found

    def find_by_reference(self, gateway: str, gateway_reference: str) -> Refund | None:
        return next(
            (
                dataclasses.replace(r)
                for r in self.rows.values()
                if r.gateway == gateway and r.gateway_reference == gateway_reference
            ),
            None,
        )

    def open_created_before(self, cutoff: datetime, limit: int) -> list[Refund]:
        found = sorted(
            (
                r
                for r in self.rows.values()
                if r.status in OPEN_REFUND_STATUSES and r.created_at < cutoff
            ),
            key=lambda r: (r.created_at, str(r.id)),
        )
        return [dataclasses.replace(r) for r in found[:limit]]


class FakeDisputeRepository(FakeRepository, implements=DisputeRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Dispute] = {}

    def add(self, dispute: Dispute) -> None:
        if self.find_by_reference(dispute.gateway, dispute.gateway_reference):
            raise DuplicateRow("disputes (gateway, gateway_reference)")
        self.rows[dispute.id] = dataclasses.replace(dispute)

    def save(self, dispute: Dispute) -> None:
        self.rows[dispute.id] = dataclasses.replace(dispute)

    def find_by_reference(self, gateway: str, gateway_reference: str) -> Dispute | None:
        return next(
            (
                dataclasses.replace(d)
                for d in self.rows.values()
                if d.gateway == gateway and d.gateway_reference == gateway_reference
            ),
            None,
        )

    def for_payment(self, payment_id: UUID) -> list[Dispute]:
        return self.for_payments([payment_id]).get(payment_id, [])

    def for_payments(self, payment_ids: list[UUID]) -> dict[UUID, list[Dispute]]:
        found: dict[UUID, list[Dispute]] = {}
        for dispute in sorted(self.rows.values(), key=lambda d: (d.created_at, str(d.id))):
            if dispute.payment_id in payment_ids:
                found.setdefault(dispute.payment_id, []).append(dataclasses.replace(dispute))
        return found


class FakeRefundRequestRepository(FakeRepository, implements=RefundRequestRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, RefundRequest] = {}

    def add(self, request: RefundRequest) -> bool:
        if any(
            r.payment_id == request.payment_id and r.status is RefundRequestStatus.OPEN
            for r in self.rows.values()
        ):
            return False
        self.rows[request.id] = dataclasses.replace(request)
        return True

    def get(self, request_id: UUID) -> RefundRequest | None:
        row = self.rows.get(request_id)
        return dataclasses.replace(row) if row else None

    get_for_update = get

    def save(self, request: RefundRequest) -> None:
        self.rows[request.id] = dataclasses.replace(request)

    def page(self, status: RefundRequestStatus | None, page: PageRequest) -> Page[RefundRequest]:
        found = sorted(
            (r for r in self.rows.values() if status is None or r.status is status),
            key=lambda r: (r.created_at, str(r.id)),
        )
        return _page([dataclasses.replace(r) for r in found], page)


class ScriptedGateway:
    """A PaymentGateway whose answers a test sets, recording what it was asked."""

    def __init__(self, name: str = "fake") -> None:
        self.name = name
        self.checkouts: list[CheckoutRequest] = []
        self.renewals: list[CheckoutSession] = []
        self.refunds: list[RefundInstruction] = []
        # What the gateway answers to a refund, and later when asked about it.
        self.refund_answer = RefundStatus.SUCCEEDED
        self.refund_states: dict[str, RefundStatus] = {}
        self.lookups: list[UUID] = []
        self.events_to_parse: list[GatewayEvent] = []
        self.states: dict[UUID, GatewayPaymentState] = {}
        # The gateway's charges, by id, and the gateway_reference of the payment each collected.
        self.charges: dict[str, str] = {}
        self.charges_asked: list[str] = []
        # What asking to cancel answers, by payment; canceled unless a test says otherwise.
        self.cancel_answers: dict[UUID, CancelResult] = {}
        self.cancellations: list[UUID] = []
        self.unavailable = False
        self.reject_webhooks = False
        self.currencies: set[str] | None = None
        self.refusal: DomainValidationError | None = None

    def charges_in(self, currency: str) -> bool:
        return self.currencies is None or currency in self.currencies

    def ensure_chargeable(self, amount: Money) -> None:
        if not self.charges_in(amount.currency):
            raise CurrencyNotSupported(f"{self.name} does not charge in {amount.currency}")
        if self.refusal is not None:
            raise self.refusal

    def start_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        self._maybe_fail()
        self.checkouts.append(request)
        return CheckoutSession(
            gateway_reference=f"{self.name}_{request.payment_id.hex}",
            client_secret=f"secret_{request.payment_id.hex}",
            checkout_url=f"https://pay.example/{request.payment_id}",
            publishable_key="pk_test",
            customer_reference=request.customer_reference or f"cus_{uuid4().hex[:14]}",
            ephemeral_key=f"ek_{uuid4().hex}",
        )

    def renew_checkout(self, session: CheckoutSession) -> CheckoutSession:
        self._maybe_fail()
        self.renewals.append(session)
        return dataclasses.replace(session, ephemeral_key=f"ek_{uuid4().hex}")

    def parse_webhook(self, request: WebhookRequest) -> list[GatewayEvent]:
        if self.reject_webhooks:
            raise InvalidWebhook("bad signature")
        self._maybe_fail()
        return list(self.events_to_parse)

    def refund(self, instruction: RefundInstruction) -> RefundResult:
        self._maybe_fail()
        self.refunds.append(instruction)
        reference = f"re_{instruction.refund_id.hex}"
        status = self.refund_states.setdefault(reference, self.refund_answer)
        return RefundResult(refund_reference=reference, status=status)

    def refund_status(self, refund_reference: str, refund_id: UUID) -> RefundResult:
        self._maybe_fail()
        return RefundResult(refund_reference, self.refund_states[refund_reference])

    def lookup(self, payment_id: UUID, gateway_reference: str | None) -> GatewayPaymentState:
        self._maybe_fail()
        self.lookups.append(payment_id)
        return self.states.get(payment_id, GatewayPaymentState(kind=None, gateway_reference=None))

    def payment_reference_of_charge(self, charge_reference: str) -> str | None:
        self._maybe_fail()
        self.charges_asked.append(charge_reference)
        return self.charges.get(charge_reference)

    def cancel(self, payment_id: UUID, gateway_reference: str | None) -> CancelResult:
        self._maybe_fail()
        self.cancellations.append(payment_id)
        return self.cancel_answers.get(
            payment_id, CancelResult(CancelOutcome.CANCELED, gateway_reference)
        )

    def event(
        self,
        kind: GatewayEventKind,
        payment: Payment,
        *,
        event_id: str | None = None,
        amount: Money | None = None,
    ) -> GatewayEvent:
        """A verified event about `payment`, for the amount it was opened with unless told."""
        return GatewayEvent(
            gateway=self.name,
            event_id=event_id or f"evt_{uuid4().hex}",
            kind=kind,
            payment_id=payment.id,
            gateway_reference=payment.gateway_reference,
            amount=amount or payment.amount,
        )

    def _maybe_fail(self) -> None:
        if self.unavailable:
            raise GatewayUnavailable("the gateway is down")


class ScriptedGateways:
    """A GatewayRegistry over scripted gateways."""

    def __init__(self, *gateways: ScriptedGateway, default: str = "fake") -> None:
        self._gateways = {gateway.name: gateway for gateway in gateways}
        self.default_name = default

    def get(self, name: str) -> ScriptedGateway:
        if name not in self._gateways:
            raise DomainValidationError(f"unknown gateway {name}", code="unknown_gateway")
        return self._gateways[name]

    def names(self) -> list[str]:
        return sorted(self._gateways)

    def accepts(self, currency: str) -> bool:
        return any(gateway.charges_in(currency) for gateway in self._gateways.values())


class RecordingInvoiceRenderer:
    def __init__(self) -> None:
        self.rendered: list[Invoice] = []

    def render_pdf(self, invoice: Invoice) -> bytes:
        self.rendered.append(invoice)
        return b"%PDF-1.4 " + invoice.number.encode()


@dataclass
class Market:
    """A fake world to drive the payments use cases: a published paid course, its instructor,
    a verified buyer and an admin, stored in a FakeUnitOfWork, and a scripted gateway."""

    uow: FakeUnitOfWork
    clock: FixedClock
    gateway: ScriptedGateway
    gateways: ScriptedGateways
    instructor: User
    buyer: User
    admin: User
    course: Course
    fee: PlatformFee = field(default_factory=lambda: PlatformFee(2000))

    @property
    def catalog_cache(self) -> RecordingCatalogCache:
        return self.uow.catalog_cache

    def add(self, *objects: User | Course) -> None:
        with self.uow:
            for item in objects:
                (self.uow.users if isinstance(item, User) else self.uow.courses).add(item)
            self.uow.commit()

    def handle_event(self) -> HandlePaymentEvent:
        return HandlePaymentEvent(self.uow, self.clock, self.fee, self.gateways)

    def start_payment(self) -> StartPayment:
        return StartPayment(self.uow, self.gateways, self.clock, self.fee)

    def receive_webhook(self) -> ReceiveWebhook:
        return ReceiveWebhook(self.gateways, self.handle_event())

    def open_payment(self, buyer: User | None = None, course: Course | None = None) -> Payment:
        buyer = buyer or self.buyer
        return self.start_payment()(buyer.as_actor(), (course or self.course).id)

    def deliver(self, kind: GatewayEventKind, payment: Payment, **details) -> EventResult:
        return self.handle_event()(self.gateway.event(kind, payment, **details))

    def paid_payment(self, buyer: User | None = None, course: Course | None = None) -> Payment:
        payment = self.open_payment(buyer, course)
        self.deliver(GatewayEventKind.SUCCEEDED, payment)
        return self.stored(payment)

    def refund_payment(self) -> RefundPayment:
        return RefundPayment(self.uow, self.gateways, self.clock)

    def refund(self, payment: Payment, amount_minor: int | None = None) -> PaymentListing:
        """An admin refunds `payment` through its scripted gateway (in full by default)."""
        return self.refund_payment()(self.admin.as_actor(), payment.id, amount_minor=amount_minor)

    def refunded_payment(self) -> Payment:
        """A paid payment refunded in full, the gateway answering succeeded at once."""
        payment = self.paid_payment()
        self.refund(payment)
        return self.stored(payment)

    def stored(self, payment: Payment) -> Payment:
        stored = self.uow.payments.get(payment.id)
        assert stored is not None
        return stored


def a_market() -> Market:
    # Imported here: the fake unit of work imports this module for its repositories.
    from tests.fakes.unit_of_work import FakeUnitOfWork

    instructor = a_user(Role.INSTRUCTOR)
    gateway = ScriptedGateway("fake")
    market = Market(
        uow=FakeUnitOfWork(),
        clock=FixedClock(),
        gateway=gateway,
        gateways=ScriptedGateways(gateway, ScriptedGateway("stripe")),
        instructor=instructor,
        buyer=a_user(),
        admin=a_user(Role.ADMIN),
        course=a_course(instructor, price=Money(1999, "USD"), title="Practical Flask APIs"),
    )
    market.add(market.instructor, market.buyer, market.admin, market.course)
    return market
