"""Payments: checkout, webhooks, invoices, earnings, refunds and reconciliation."""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.adapters.payment_event_metrics import CountedPaymentEvents
from skillwise.application.payments.use_cases.complete_fake_checkout import CompleteFakeCheckout
from skillwise.application.payments.use_cases.decide_refund_request import DecideRefundRequest
from skillwise.application.payments.use_cases.expire_open_payments import ExpireOpenPayments
from skillwise.application.payments.use_cases.get_invoice import GetInvoice
from skillwise.application.payments.use_cases.get_invoice_pdf import GetInvoicePdf
from skillwise.application.payments.use_cases.get_payment import GetPayment
from skillwise.application.payments.use_cases.get_payment_audit import GetPaymentAudit
from skillwise.application.payments.use_cases.handle_payment_event import HandlePaymentEvent
from skillwise.application.payments.use_cases.list_earnings import ListEarnings
from skillwise.application.payments.use_cases.list_payment_history import ListPaymentHistory
from skillwise.application.payments.use_cases.list_payments import ListPayments
from skillwise.application.payments.use_cases.list_refund_requests import ListRefundRequests
from skillwise.application.payments.use_cases.receive_webhook import ReceiveWebhook
from skillwise.application.payments.use_cases.reconcile_payments import ReconcilePayments
from skillwise.application.payments.use_cases.refund_payment import RefundPayment
from skillwise.application.payments.use_cases.request_refund import RequestRefund
from skillwise.application.payments.use_cases.return_from_sslcommerz import ReturnFromSslcommerz
from skillwise.application.payments.use_cases.review_held_payment import ReviewHeldPayment
from skillwise.application.payments.use_cases.show_fake_checkout import ShowFakeCheckout
from skillwise.application.payments.use_cases.start_payment import StartPayment
from skillwise.domain.earnings import PlatformFee
from skillwise.domain.refunds import RefundPolicy


class PaymentsContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()
    uow = infra.uow
    clock = infra.clock
    gateways = infra.payment_gateways
    signer = infra.fake_checkout_signer

    platform_fee = providers.Singleton(
        PlatformFee, basis_points=infra.settings.provided.platform_fee_bps
    )
    handle_payment_event = providers.Factory(
        HandlePaymentEvent, uow=uow, clock=clock, fee=platform_fee, gateways=gateways
    )
    receive_webhook = providers.Factory(
        ReceiveWebhook,
        gateways=gateways,
        handle_event=providers.Factory(CountedPaymentEvents, handle_event=handle_payment_event),
    )
    start_payment = providers.Factory(
        StartPayment, uow=uow, gateways=gateways, clock=clock, fee=platform_fee
    )
    get_payment = providers.Factory(GetPayment, uow=uow)
    get_payment_audit = providers.Factory(GetPaymentAudit, uow=uow)
    list_payment_history = providers.Factory(ListPaymentHistory, uow=uow)
    list_payments = providers.Factory(ListPayments, uow=uow)
    refund_policy = providers.Singleton(
        RefundPolicy,
        window_days=infra.settings.provided.refund_window_days,
        max_progress_percent=infra.settings.provided.refund_max_progress_percent,
    )
    refund_payment = providers.Factory(RefundPayment, uow=uow, gateways=gateways, clock=clock)
    request_refund = providers.Factory(RequestRefund, uow=uow, clock=clock, policy=refund_policy)
    list_refund_requests = providers.Factory(ListRefundRequests, uow=uow)
    decide_refund_request = providers.Factory(
        DecideRefundRequest, uow=uow, clock=clock, refunds=refund_payment
    )
    review_held_payment = providers.Factory(
        ReviewHeldPayment, uow=uow, clock=clock, fee=platform_fee
    )
    reconcile_payments = providers.Factory(
        ReconcilePayments,
        uow=uow,
        gateways=gateways,
        handle_event=handle_payment_event,
        clock=clock,
    )
    expire_open_payments = providers.Factory(
        ExpireOpenPayments,
        uow=uow,
        gateways=gateways,
        handle_event=handle_payment_event,
        clock=clock,
        expiry_minutes=infra.settings.provided.payment_expiry_minutes,
    )
    get_invoice = providers.Factory(GetInvoice, uow=uow)
    get_invoice_pdf = providers.Factory(GetInvoicePdf, uow=uow, renderer=infra.invoice_renderer)
    list_earnings = providers.Factory(ListEarnings, uow=uow)
    show_fake_checkout = providers.Factory(ShowFakeCheckout, uow=uow, signer=signer)
    complete_fake_checkout = providers.Factory(
        CompleteFakeCheckout, uow=uow, signer=signer, receive_webhook=receive_webhook
    )
    return_from_sslcommerz = providers.Factory(
        ReturnFromSslcommerz, uow=uow, receive_webhook=receive_webhook
    )
