"""Errors that services raise and views turn into messages or HTTP statuses."""

from django.core.exceptions import ValidationError


class ServiceError(Exception):
    code = "error"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class RateLimited(ServiceError):
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class InvalidTransition(ServiceError):
    code = "invalid_transition"


__all__ = ["InvalidTransition", "RateLimited", "ServiceError", "ValidationError"]
