"""Exceptions raised by the mlmeta Python client.

Every failure reported by the server, or met on the way to it, is a :class:`MetadataError` whose
``code`` is the server's ``extensions.code`` (``NOT_FOUND``, ``ALREADY_EXISTS``,
``INVALID_ARGUMENT``, ``FAILED_PRECONDITION``, ``CONFLICT``, ``INTERNAL``) or one of the
client-side codes ``UNAVAILABLE`` (the server could not be reached, or answered 502/503/504),
``UNAUTHENTICATED`` (HTTP 401), ``PERMISSION_DENIED`` (HTTP 403) and ``UNKNOWN``.
Each code has its own subclass, so callers can write ``except NotFoundError``.
"""

from collections.abc import Mapping, Sequence
from typing import Any, Optional

__all__ = [
    "MetadataError",
    "NotFoundError",
    "AlreadyExistsError",
    "InvalidArgumentError",
    "FailedPreconditionError",
    "ConflictError",
    "InternalError",
    "UnavailableError",
    "UnauthenticatedError",
    "PermissionDeniedError",
    "UnknownError",
    "error_for_code",
    "error_from_graphql",
    "error_from_http_status",
]


class MetadataError(Exception):
    """An error reported by the mlmeta server or met while talking to it.

    Attributes:
      code: The error code, for example ``"NOT_FOUND"``.
      message: The human-readable message; the server's messages name the offending field.
      path: The GraphQL path of the failing field, if the server reported one.
      http_status: The HTTP status of the response, if one was received.
      errors: Every raw GraphQL error object of the response (the first one gave ``code``).
      attempts: How many attempts were made before this error was raised.
    """

    code: str = "UNKNOWN"

    def __init__(
        self,
        message: str,
        *,
        code: Optional[str] = None,
        path: Optional[Sequence[Any]] = None,
        http_status: Optional[int] = None,
        errors: Optional[list[Mapping[str, Any]]] = None,
    ) -> None:
        if code is not None:
            self.code = code
        self.message = message
        self.path: list[Any] = list(path) if path else []
        self.http_status = http_status
        self.errors: list[Mapping[str, Any]] = list(errors) if errors else []
        self.attempts = 1
        super().__init__(message)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    @property
    def retryable(self) -> bool:
        """Whether repeating the same request may succeed (``CONFLICT`` and ``UNAVAILABLE``)."""
        return self.code in ("CONFLICT", "UNAVAILABLE")


class NotFoundError(MetadataError):
    """A referenced workspace, artifact, execution, context or type does not exist."""

    code = "NOT_FOUND"


class AlreadyExistsError(MetadataError):
    """The entity exists already and reuse was not requested."""

    code = "ALREADY_EXISTS"


class InvalidArgumentError(MetadataError):
    """The request is malformed or violates the type's JSON Schema; the message names the field."""

    code = "INVALID_ARGUMENT"


class FailedPreconditionError(MetadataError):
    """The request is valid but the entity's state does not allow it (e.g. an illegal transition)."""

    code = "FAILED_PRECONDITION"


class ConflictError(MetadataError):
    """A concurrent write conflicted; the request can be retried as is."""

    code = "CONFLICT"


class InternalError(MetadataError):
    """The server failed; its log has details under the incident id in the message."""

    code = "INTERNAL"


class UnavailableError(MetadataError):
    """The server could not be reached, timed out, or answered 502, 503 or 504."""

    code = "UNAVAILABLE"


class UnauthenticatedError(MetadataError):
    """The server could not identify the caller (``UNAUTHENTICATED`` or HTTP 401).

    The bearer token is missing, malformed, expired or revoked, or identity headers came from an
    address the server does not trust as a proxy. Not retried.
    """

    code = "UNAUTHENTICATED"


class PermissionDeniedError(MetadataError):
    """The caller is identified but lacks the role the request needs.

    The server's GraphQL code ``FORBIDDEN`` and HTTP 403 both map here, with code
    ``PERMISSION_DENIED``. Not retried; an owner of the workspace (or an admin) can grant the role.
    """

    code = "PERMISSION_DENIED"


class UnknownError(MetadataError):
    """An error without a recognised code."""

    code = "UNKNOWN"


_BY_CODE: dict[str, type[MetadataError]] = {
    cls.code: cls
    for cls in (
        NotFoundError,
        AlreadyExistsError,
        InvalidArgumentError,
        FailedPreconditionError,
        ConflictError,
        InternalError,
        UnavailableError,
        UnauthenticatedError,
        PermissionDeniedError,
        UnknownError,
    )
}


_ALIASES = {"FORBIDDEN": "PERMISSION_DENIED"}
"""The server's GraphQL codes that have a client-side name (one exception per meaning)."""


def error_for_code(code: Optional[str], message: str, **kwargs: Any) -> MetadataError:
    """Builds the exception of the subclass registered for ``code``.

    Unrecognised codes give a plain :class:`MetadataError` that keeps the code as reported.
    """
    if not code:
        return UnknownError(message, **kwargs)
    code = _ALIASES.get(code, code)
    cls = _BY_CODE.get(code)
    if cls is None:
        return MetadataError(message, code=code, **kwargs)
    return cls(message, **kwargs)


def error_from_graphql(
    errors: Sequence[Mapping[str, Any]], http_status: Optional[int] = None
) -> MetadataError:
    """Maps a GraphQL response's ``errors`` array to one exception.

    The first error decides the code and is the start of the message; further errors are appended.
    Errors that GraphQL itself raises before reaching the server's logic (a ``ValidationError`` of
    the query document) are reported as ``INVALID_ARGUMENT``.
    """
    if not errors:
        return UnknownError("the server reported an error without details", http_status=http_status)
    first = errors[0] if isinstance(errors[0], Mapping) else {"message": str(errors[0])}
    extensions = first.get("extensions") or {}
    code = extensions.get("code") if isinstance(extensions, Mapping) else None
    if not code and isinstance(extensions, Mapping):
        if extensions.get("classification") in ("ValidationError", "InvalidSyntax"):
            code = "INVALID_ARGUMENT"
    messages = []
    for error in errors:
        if isinstance(error, Mapping):
            messages.append(str(error.get("message", "")))
        else:
            messages.append(str(error))
    message = "; ".join(m for m in messages if m) or "the server reported an error"
    return error_for_code(
        code,
        message,
        path=first.get("path"),
        http_status=http_status,
        errors=[e for e in errors if isinstance(e, Mapping)],
    )


def error_from_http_status(status: int, body: str = "") -> MetadataError:
    """Maps a non-GraphQL HTTP failure (e.g. from a proxy) to an exception."""
    snippet = body.strip().replace("\n", " ")[:200]
    message = f"HTTP {status}: {snippet}" if snippet else f"HTTP {status}"
    if status in (502, 503, 504):
        code = "UNAVAILABLE"
    elif status == 401:
        code = "UNAUTHENTICATED"
    elif status == 403:
        code = "PERMISSION_DENIED"
    elif status >= 500:
        code = "INTERNAL"
    else:
        code = "UNKNOWN"
    return error_for_code(code, message, http_status=status)
