"""Test doubles: a scripted HTTP transport and a recording sleep."""

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Optional, Union

from mlmeta.client import HttpResponse, TransportError

Reply = Union[HttpResponse, Exception]


def ok(data: Mapping[str, Any]) -> HttpResponse:
    """A 200 response carrying ``data``."""
    return HttpResponse(200, json.dumps({"data": data}).encode("utf-8"))


def graphql_error(code: Optional[str], message: str = "boom", path: str = "f") -> HttpResponse:
    """A 200 response carrying one GraphQL error with ``extensions.code``."""
    extensions: dict[str, Any] = {"classification": "DataFetchingException"}
    if code is not None:
        extensions["code"] = code
    body = {"errors": [{"message": message, "path": [path], "extensions": extensions}],
            "data": {path: None}}
    return HttpResponse(200, json.dumps(body).encode("utf-8"))


class FakeTransport:
    """Replies from a script (a list of replies, or a function of the request) and records requests."""

    def __init__(self, replies: Union[Sequence[Reply], Callable[[dict[str, Any]], Reply]]) -> None:
        self._replies = replies if callable(replies) else list(replies)
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.bodies: list[bytes] = []
        self.urls: list[str] = []
        self.timeouts: list[float] = []

    def post(self, url: str, body: bytes, headers: Mapping[str, str], timeout: float) -> HttpResponse:
        request = json.loads(body.decode("utf-8"))
        self.requests.append(request)
        self.bodies.append(body)
        self.headers.append(dict(headers))
        self.urls.append(url)
        self.timeouts.append(timeout)
        if callable(self._replies):
            reply = self._replies(request)
        else:
            if not self._replies:
                raise AssertionError("unexpected request: " + request["query"])
            reply = self._replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply


def connection_refused() -> TransportError:
    """The transport failure for a refused connection."""
    return TransportError("cannot reach http://x/graphql: [Errno 111] Connection refused")


class RecordingSleep:
    """A ``sleep`` replacement that records the waits."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
