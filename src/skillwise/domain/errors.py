"""Domain errors. Each names its reason in `code`; the HTTP layer maps classes to statuses."""


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str = "", *, code: str | None = None) -> None:
        super().__init__(message or self.__class__.__doc__ or self.code)
        self.message = message or (self.__class__.__doc__ or self.code).strip()
        if code is not None:
            self.code = code


class NotFound(DomainError):
    """The requested object does not exist or is not visible to the caller."""

    code = "not_found"


class UserNotFound(NotFound):
    """There is no such user."""

    code = "user_not_found"


class AccountNotFound(NotFound):
    """Your account no longer exists."""

    code = "account_not_found"


class CourseNotFound(NotFound):
    """No course with this id."""

    code = "course_not_found"


class ModuleNotFound(NotFound):
    """No module with this id."""

    code = "module_not_found"


class LessonNotFound(NotFound):
    """No lesson with this id."""

    code = "lesson_not_found"


class AttachmentNotFound(NotFound):
    """No attachment with this id."""

    code = "attachment_not_found"


class EnrollmentNotFound(NotFound):
    """No such enrollment."""

    code = "enrollment_not_found"


class ReviewNotFound(NotFound):
    """No such review."""

    code = "review_not_found"


class ReportNotFound(NotFound):
    """No such report."""

    code = "report_not_found"


class NotificationNotFound(NotFound):
    """No such notification."""

    code = "notification_not_found"


class DeviceNotFound(NotFound):
    """No such device of yours."""

    code = "device_not_found"


class PaymentNotFound(NotFound):
    """No such payment."""

    code = "payment_not_found"


class InvoiceNotFound(NotFound):
    """No such invoice."""

    code = "invoice_not_found"


class RefundRequestNotFound(NotFound):
    """No such refund request."""

    code = "refund_request_not_found"


class GatewayNotConfigured(NotFound):
    """This payment gateway is not configured here."""

    code = "gateway_not_configured"


class AuthenticationRequired(DomainError):
    """The caller must sign in first."""

    code = "authentication_required"


class InvalidCredentials(DomainError):
    """The credentials or token presented are not valid."""

    code = "invalid_credentials"


class PermissionDenied(DomainError):
    """The caller is signed in but may not do this."""

    code = "permission_denied"


class Conflict(DomainError):
    """The request conflicts with the current state, such as a duplicate."""

    code = "conflict"


class DomainValidationError(DomainError):
    """The request breaks a business rule."""

    code = "validation_error"


class UnknownCurrency(DomainValidationError):
    """This is not an ISO 4217 currency that money can be counted in."""

    code = "unknown_currency"


class CurrencyNotSupported(DomainValidationError):
    """No payment gateway here can charge in this currency."""

    code = "currency_not_supported"


class AmountOutOfRange(DomainValidationError):
    """The payment gateway cannot charge this amount: it is below its minimum or above its
    maximum."""

    code = "amount_out_of_range"


class AmountNotChargeable(DomainValidationError):
    """The payment gateway cannot charge this exact amount in this currency."""

    code = "amount_not_chargeable"


class PaymentRequired(DomainError):
    """This needs a succeeded payment first."""

    code = "payment_required"


class ServiceUnavailable(DomainError):
    """A backing service is not reachable."""

    code = "service_unavailable"


class InvalidUnsubscribeLink(DomainError):
    """This unsubscribe link is not one we sent."""

    code = "invalid_unsubscribe_link"


class PreferenceLocked(DomainValidationError):
    """Security emails cannot be turned off."""

    code = "preference_locked"


class TransientConflict(ServiceUnavailable):
    """The database broke off this transaction to resolve a deadlock or keep transactions
    serialisable; nothing was written, and trying again is safe."""

    code = "transaction_conflict"
