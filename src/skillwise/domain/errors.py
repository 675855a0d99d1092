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


class PaymentRequired(DomainError):
    """This needs a succeeded payment first."""

    code = "payment_required"


class ServiceUnavailable(DomainError):
    """A backing service is not reachable."""

    code = "service_unavailable"
