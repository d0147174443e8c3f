"""When to repeat a failed request and how long to wait in between."""

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from .errors import MetadataError

__all__ = ["RetryPolicy", "call_with_retries"]

_LOG = logging.getLogger("mlmeta")
_LOG.addHandler(logging.NullHandler())

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """When and how long to wait before repeating a failed request.

    A request is repeated when it failed with a code in ``retryable_codes`` (by default
    ``UNAVAILABLE``: connection errors, timeouts, HTTP 502/503/504; and ``CONFLICT``: a concurrent
    write) and fewer than ``max_attempts`` attempts were made. The wait before attempt ``n + 1`` is
    ``min(max_backoff, initial_backoff * multiplier ** (n - 1))``, varied by up to ``jitter`` (a
    fraction) either way.
    """

    max_attempts: int = 5
    initial_backoff: float = 0.25
    max_backoff: float = 8.0
    multiplier: float = 2.0
    jitter: float = 0.2
    retryable_codes: frozenset[str] = field(
        default_factory=lambda: frozenset({"UNAVAILABLE", "CONFLICT"})
    )

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.initial_backoff < 0 or self.max_backoff < 0:
            raise ValueError("backoff times must not be negative")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")

    @classmethod
    def never(cls) -> "RetryPolicy":
        """A policy that makes exactly one attempt."""
        return cls(max_attempts=1)

    def should_retry(self, error: MetadataError, attempt: int) -> bool:
        """Whether to repeat a request whose attempt number ``attempt`` (from 1) raised ``error``."""
        return attempt < self.max_attempts and error.code in self.retryable_codes

    def backoff(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (from 1)."""
        base = min(self.max_backoff, self.initial_backoff * self.multiplier ** max(0, attempt - 1))
        spread = base * self.jitter * (2.0 * rand() - 1.0)
        return max(0.0, base + spread)


def call_with_retries(
    attempt_once: Callable[[], T], policy: RetryPolicy, sleep: Callable[[float], None]
) -> T:
    """Calls ``attempt_once`` until it returns or raises an error ``policy`` does not retry.

    Raises:
      MetadataError: the last attempt's error, with ``attempts`` set to the number of attempts made.
    """
    attempt = 1
    while True:
        try:
            return attempt_once()
        except MetadataError as error:
            error.attempts = attempt
            if not policy.should_retry(error, attempt):
                raise
            delay = policy.backoff(attempt)
            # Lazy %-arguments: logging formats the message only if a handler emits it.
            _LOG.warning(
                "mlmeta request failed (%s), attempt %d of %d; retrying in %.2fs",
                error,
                attempt,
                policy.max_attempts,
                delay,
            )
            sleep(delay)
            attempt += 1
