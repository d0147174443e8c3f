"""A standard-library GraphQL client for the mlmeta server.

Three layers, each usable on its own:

* :class:`Transport` (default :class:`UrllibTransport`) posts bytes over HTTP(S);
* :class:`GraphQLClient` turns a query and variables into ``data``, maps ``errors[]`` to
  :mod:`mlmeta.errors` exceptions and retries retryable failures according to a :class:`RetryPolicy`;
* :class:`MetadataClient` adds one method per server operation used by :mod:`mlmeta.metadata`
  (workspaces, contexts, ``recordExecution``, reads, paginated listing).

Every write carries a client-generated external id (see :func:`new_external_id`) that the server
uses as an idempotency key, so an automatic retry of a request whose response was lost returns the
entity the first attempt created instead of creating a second one.

New server queries (for example lineage traversals) are added as further :class:`MetadataClient`
methods built on :meth:`GraphQLClient.execute` and, for paged answers, :meth:`MetadataClient.pages`.
"""

import datetime
import http.client
import json
import logging
import os
import random
import socket
import ssl
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import (
    Any,
    Callable,
    Dict,
    FrozenSet,
    Generic,
    Iterator,
    List,
    Mapping,
    Optional,
    Protocol,
    Sequence,
    TypeVar,
    Union,
)

from ._version import __version__
from .errors import (
    MetadataError,
    UnavailableError,
    UnknownError,
    error_from_graphql,
    error_from_http_status,
)

__all__ = [
    "HttpResponse",
    "Transport",
    "TransportError",
    "UrllibTransport",
    "RetryPolicy",
    "Page",
    "GraphQLClient",
    "MetadataClient",
    "build_ssl_context",
    "new_external_id",
    "labels_to_input",
    "labels_from_output",
    "build_filter",
    "artifact_input",
    "artifact_link",
    "context_input",
    "context_link",
    "execution_input",
    "record_execution_input",
    "ARTIFACT_SELECTION",
    "EXECUTION_SELECTION",
    "CONTEXT_SELECTION",
    "WORKSPACE_SELECTION",
]

_LOG = logging.getLogger("mlmeta")
_LOG.addHandler(logging.NullHandler())

T = TypeVar("T")

JsonObject = Dict[str, Any]

ARTIFACT_SELECTION = (
    "id type uri name version state properties externalId workspace createTime updateTime "
    "contexts { id type name }"
)
"""The artifact fields the client reads."""

EXECUTION_SELECTION = (
    "id type name description state properties externalId workspace createTime updateTime "
    "labels { key value } contexts { id type name }"
)
"""The execution fields the client reads."""

CONTEXT_SELECTION = (
    "id type name description properties externalId workspace createTime updateTime "
    "labels { key value }"
)
"""The context fields the client reads."""

WORKSPACE_SELECTION = "id name description createTime updateTime labels { key value }"
"""The workspace fields the client reads."""


def new_external_id() -> str:
    """Returns a fresh idempotency key (``py-`` followed by a random UUID)."""
    return "py-" + str(uuid.uuid4())


# --------------------------------------------------------------------------------------------
# Transport


@dataclass(frozen=True)
class HttpResponse:
    """An HTTP response: its status and raw body (any status, including errors)."""

    status: int
    body: bytes


class TransportError(Exception):
    """The request did not produce an HTTP response (refused, reset, timed out, TLS failure)."""


class Transport(Protocol):
    """Posts a request body and returns the response, whatever its status."""

    def post(
        self, url: str, body: bytes, headers: Mapping[str, str], timeout: float
    ) -> HttpResponse:
        """Sends ``body`` to ``url``; raises :class:`TransportError` if no response arrives."""
        ...  # pragma: no cover


class UrllibTransport:
    """The default transport: :mod:`urllib.request` with an optional :class:`ssl.SSLContext`."""

    def __init__(self, ssl_context: Optional[ssl.SSLContext] = None) -> None:
        """Args:
        ssl_context: Used for ``https`` URLs; ``None`` uses Python's default verification.
        """
        self._ssl_context = ssl_context

    def post(
        self, url: str, body: bytes, headers: Mapping[str, str], timeout: float
    ) -> HttpResponse:
        """Posts ``body``; HTTP error statuses are returned, not raised."""
        request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
        try:
            with urllib.request.urlopen(
                request, timeout=timeout, context=self._ssl_context
            ) as response:
                return HttpResponse(response.status, response.read())
        except urllib.error.HTTPError as error:
            try:
                payload = error.read()
            except (OSError, http.client.HTTPException):
                payload = b""
            return HttpResponse(error.code, payload or b"")
        except urllib.error.URLError as error:
            raise TransportError("cannot reach {}: {}".format(url, error.reason)) from error
        except (OSError, http.client.HTTPException, socket.timeout) as error:
            raise TransportError("request to {} failed: {!r}".format(url, error)) from error


def build_ssl_context(
    ca_file: Optional[str] = None,
    ca_data: Optional[Union[str, bytes]] = None,
    client_cert_file: Optional[str] = None,
    client_key_file: Optional[str] = None,
    client_cert_pem: Optional[bytes] = None,
    client_key_pem: Optional[bytes] = None,
) -> ssl.SSLContext:
    """Builds a verifying TLS context.

    Args:
      ca_file: PEM file of CA certificates to trust instead of the system store.
      ca_data: PEM text of CA certificates to trust instead of the system store.
      client_cert_file: PEM client certificate (chain) for mutual TLS.
      client_key_file: PEM private key of ``client_cert_file`` (if not in the same file).
      client_cert_pem: PEM client certificate as bytes (Kubeflow's ``certificate_chain``).
      client_key_pem: PEM private key as bytes (Kubeflow's ``private_key``).
    """
    if ca_file or ca_data:
        if isinstance(ca_data, bytes):
            ca_data = ca_data.decode("ascii")
        context = ssl.create_default_context(cafile=ca_file, cadata=ca_data)
    else:
        context = ssl.create_default_context()
    if client_cert_file:
        context.load_cert_chain(client_cert_file, client_key_file)
    elif client_cert_pem:
        with tempfile.TemporaryDirectory(prefix="mlmeta-tls-") as directory:
            cert_path = os.path.join(directory, "cert.pem")
            with open(cert_path, "wb") as handle:
                handle.write(client_cert_pem)
            key_path: Optional[str] = None
            if client_key_pem:
                key_path = os.path.join(directory, "key.pem")
                with open(os.open(key_path, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as handle:
                    handle.write(client_key_pem)
            context.load_cert_chain(cert_path, key_path)
    return context


# --------------------------------------------------------------------------------------------
# Retries


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
    retryable_codes: FrozenSet[str] = field(
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


# --------------------------------------------------------------------------------------------
# GraphQL


class GraphQLClient:
    """Executes GraphQL documents against ``url`` with retries, timeouts, bearer token and TLS."""

    def __init__(
        self,
        url: str,
        *,
        token: Optional[str] = None,
        timeout: float = 30.0,
        ssl_context: Optional[ssl.SSLContext] = None,
        ca_file: Optional[str] = None,
        retry: Optional[RetryPolicy] = None,
        transport: Optional[Transport] = None,
        sleep: Callable[[float], None] = time.sleep,
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        """Args:
        url: The GraphQL endpoint, e.g. ``http://localhost:8080/graphql``.
        token: Optional bearer token sent as ``Authorization: Bearer <token>``.
        timeout: Seconds to wait for connecting and for each read of one attempt.
        ssl_context: TLS context for ``https`` URLs (see :func:`build_ssl_context`).
        ca_file: PEM CA file to trust; shorthand for ``ssl_context=build_ssl_context(ca_file)``.
        retry: Retry policy; the default makes up to 5 attempts.
        transport: Replaces the HTTP transport (tests use a fake one).
        sleep: Replaces :func:`time.sleep` between attempts (tests record the waits).
        headers: Extra HTTP headers sent with every request.
        """
        if not url:
            raise ValueError("'url' must be set")
        if timeout <= 0:
            raise ValueError("'timeout' must be positive")
        if ssl_context is None and ca_file:
            ssl_context = build_ssl_context(ca_file=ca_file)
        self.url = url
        self.timeout = timeout
        self.retry = retry if retry is not None else RetryPolicy()
        self._transport: Transport = (
            transport if transport is not None else UrllibTransport(ssl_context)
        )
        self._sleep = sleep
        self._headers: Dict[str, str] = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": "mlmeta-python/" + __version__,
        }
        if token:
            self._headers["Authorization"] = "Bearer " + token
        if headers:
            self._headers.update(headers)

    @staticmethod
    def encode_request(query: str, variables: Optional[Mapping[str, Any]] = None) -> bytes:
        """The JSON body of a GraphQL request."""
        return json.dumps(
            {"query": query, "variables": dict(variables or {})}, separators=(",", ":")
        ).encode("utf-8")

    @staticmethod
    def decode_response(response: HttpResponse) -> JsonObject:
        """Returns the ``data`` of a response or raises the :class:`MetadataError` it reports."""
        if response.status in (502, 503, 504):
            raise error_from_http_status(response.status, _text(response.body))
        try:
            payload = json.loads(response.body.decode("utf-8")) if response.body else None
        except (UnicodeDecodeError, ValueError):
            payload = None
        if isinstance(payload, dict) and payload.get("errors"):
            raise error_from_graphql(payload["errors"], response.status)
        if response.status != 200:
            raise error_from_http_status(response.status, _text(response.body))
        if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
            raise UnknownError(
                "the server's response is not a GraphQL result: " + _text(response.body)[:200],
                http_status=response.status,
            )
        return payload["data"]

    def execute(self, query: str, variables: Optional[Mapping[str, Any]] = None) -> JsonObject:
        """Runs ``query`` with ``variables`` and returns ``data``.

        Retryable failures are repeated with the same body (hence the same idempotency keys).

        Raises:
          MetadataError: the subclass for the server's (or the transport's) error code, with
            ``attempts`` set to the number of attempts made.
        """
        body = self.encode_request(query, variables)
        attempt = 1
        while True:
            try:
                return self._attempt(body)
            except MetadataError as error:
                error.attempts = attempt
                if not self.retry.should_retry(error, attempt):
                    raise
                delay = self.retry.backoff(attempt)
                _LOG.warning(
                    "mlmeta request failed (%s), attempt %d of %d; retrying in %.2fs",
                    error,
                    attempt,
                    self.retry.max_attempts,
                    delay,
                )
                self._sleep(delay)
                attempt += 1

    def _attempt(self, body: bytes) -> JsonObject:
        try:
            response = self._transport.post(self.url, body, self._headers, self.timeout)
        except TransportError as error:
            raise UnavailableError(str(error)) from error
        return self.decode_response(response)


def _text(body: bytes) -> str:
    return body.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------------------------
# Payload builders (pure functions)


def labels_to_input(labels: Optional[Mapping[str, Any]]) -> Optional[List[Dict[str, str]]]:
    """``{"k": "v"}`` to GraphQL ``[{key: "k", value: "v"}]`` (``None`` stays ``None``)."""
    if labels is None:
        return None
    if not isinstance(labels, Mapping):
        raise ValueError("'labels' must be a mapping of strings to strings")
    return [{"key": str(key), "value": str(value)} for key, value in labels.items()]


def labels_from_output(labels: Optional[Sequence[Mapping[str, str]]]) -> Dict[str, str]:
    """GraphQL ``[{key, value}]`` to ``{key: value}``."""
    return {label["key"]: label["value"] for label in labels or []}


def _json_text(value: Union[None, str, Mapping[str, Any]], what: str) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if not isinstance(value, Mapping):
        raise ValueError("'{}' must be a mapping or JSON object text".format(what))
    try:
        return json.dumps(dict(value), separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ValueError("'{}' is not JSON-serialisable: {}".format(what, error)) from error


def _iso(value: Union[str, datetime.datetime]) -> str:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
    return value


_FILTER_FIELDS = {
    "type": "type",
    "name": "name",
    "uri": "uri",
    "version": "version",
    "state": "state",
    "labels": "labels",
    "properties_contain": "propertiesContain",
    "created_after": "createdAfter",
    "created_before": "createdBefore",
    "external_id": "externalId",
    "context_id": "contextId",
    "parent_context_id": "parentContextId",
}


def build_filter(**criteria: Any) -> Optional[JsonObject]:
    """Builds an ``ArtifactFilter``/``ExecutionFilter``/``ContextFilter`` from snake_case criteria.

    ``None`` criteria are left out; ``labels`` is a dict, ``properties_contain`` a dict (or JSON
    text), ``created_after``/``created_before`` datetimes (naive ones are UTC) or ISO-8601 text,
    ids ints or strings. Returns ``None`` when no criterion is set.
    """
    result: JsonObject = {}
    for name, value in criteria.items():
        if value is None:
            continue
        key = _FILTER_FIELDS.get(name)
        if key is None:
            raise TypeError("unknown filter criterion '{}'".format(name))
        if name == "labels":
            value = labels_to_input(value)
        elif name == "properties_contain":
            value = _json_text(value, name)
        elif name in ("created_after", "created_before"):
            value = _iso(value)
        elif name in ("context_id", "parent_context_id"):
            value = str(value)
        result[key] = value
    return result or None


def artifact_input(
    type_name: str,
    properties: Mapping[str, Any],
    external_id: Optional[str] = None,
    state: Optional[str] = None,
    digest: Optional[str] = None,
) -> JsonObject:
    """An ``ArtifactInput``; a fresh external id is generated when none is given."""
    result: JsonObject = {
        "type": type_name,
        "properties": _json_text(properties, "properties"),
        "externalId": external_id or new_external_id(),
    }
    if state is not None:
        result["state"] = state
    if digest is not None:
        result["digest"] = digest
    return result


def artifact_link(
    artifact_id: Optional[Union[int, str]] = None,
    new_artifact: Optional[JsonObject] = None,
    reuse_if_exists: bool = True,
) -> JsonObject:
    """An ``ArtifactLinkInput``: an existing artifact by id, or a new one (deduplicated by default)."""
    if (artifact_id is None) == (new_artifact is None):
        raise ValueError("exactly one of 'artifact_id' and 'new_artifact' must be set")
    if artifact_id is not None:
        return {"artifactId": str(artifact_id)}
    return {"newArtifact": new_artifact, "reuseIfExists": reuse_if_exists}


def context_input(
    type_name: str,
    name: str,
    description: Optional[str] = None,
    labels: Optional[Mapping[str, str]] = None,
    properties: Optional[Mapping[str, Any]] = None,
    external_id: Optional[str] = None,
    parent_context_ids: Optional[Sequence[Union[int, str]]] = None,
) -> JsonObject:
    """A ``ContextInput``; a fresh external id is generated when none is given."""
    result: JsonObject = {
        "type": type_name,
        "name": name,
        "externalId": external_id or new_external_id(),
    }
    if description is not None:
        result["description"] = description
    if labels is not None:
        result["labels"] = labels_to_input(labels)
    if properties is not None:
        result["properties"] = _json_text(properties, "properties")
    if parent_context_ids:
        result["parentContextIds"] = [str(i) for i in parent_context_ids]
    return result


def context_link(
    context_id: Optional[Union[int, str]] = None, context: Optional[JsonObject] = None
) -> JsonObject:
    """A ``ContextLinkInput``: a context by id, or one found by type and name or created."""
    if (context_id is None) == (context is None):
        raise ValueError("exactly one of 'context_id' and 'context' must be set")
    if context_id is not None:
        return {"contextId": str(context_id)}
    return {"context": context}


def execution_input(
    type_name: str,
    name: str,
    description: Optional[str] = None,
    labels: Optional[Mapping[str, str]] = None,
    properties: Optional[Mapping[str, Any]] = None,
    state: Optional[str] = None,
    external_id: Optional[str] = None,
) -> JsonObject:
    """An ``ExecutionInput``; a fresh external id is generated when none is given."""
    result: JsonObject = {
        "type": type_name,
        "name": name,
        "externalId": external_id or new_external_id(),
    }
    if description is not None:
        result["description"] = description
    if labels is not None:
        result["labels"] = labels_to_input(labels)
    if properties is not None:
        result["properties"] = _json_text(properties, "properties")
    if state is not None:
        result["state"] = state
    return result


def record_execution_input(
    workspace: str,
    execution: Optional[JsonObject] = None,
    execution_id: Optional[Union[int, str]] = None,
    inputs: Sequence[JsonObject] = (),
    outputs: Sequence[JsonObject] = (),
    contexts: Sequence[JsonObject] = (),
) -> JsonObject:
    """A ``RecordExecutionInput``: a new ``execution`` or an existing ``execution_id``."""
    if (execution is None) == (execution_id is None):
        raise ValueError("exactly one of 'execution' and 'execution_id' must be set")
    result: JsonObject = {"workspace": workspace}
    if execution is not None:
        result["execution"] = execution
    else:
        result["executionId"] = str(execution_id)
    if inputs:
        result["inputs"] = list(inputs)
    if outputs:
        result["outputs"] = list(outputs)
    if contexts:
        result["contexts"] = list(contexts)
    return result


# --------------------------------------------------------------------------------------------
# Metadata operations


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, and the cursor to pass as ``after`` for the next page."""

    items: List[T]
    end_cursor: Optional[str]
    has_next_page: bool

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


_LISTS = {
    "artifacts": ("ArtifactFilter", ARTIFACT_SELECTION),
    "executions": ("ExecutionFilter", EXECUTION_SELECTION),
    "contexts": ("ContextFilter", CONTEXT_SELECTION),
}

_RECORD_EXECUTION = (
    "mutation RecordExecution($input: RecordExecutionInput!) {"
    " recordExecution(input: $input) {"
    " execution { " + EXECUTION_SELECTION + " }"
    " inputs { " + ARTIFACT_SELECTION + " }"
    " outputs { " + ARTIFACT_SELECTION + " }"
    " contexts { " + CONTEXT_SELECTION + " } lineagePosition } }"
)

LINEAGE_QUERY = (
    "query($a: [String], $e: [String], $d: Direction, $h: Int, $f: LineageNodeFilter,"
    " $first: Int, $after: String, $pos: BigInteger, $engine: String) {"
    " lineage(artifactIds: $a, executionIds: $e, direction: $d, maxHops: $h, filter: $f,"
    " first: $first, after: $after, minPosition: $pos, engine: $engine) {"
    " nodes { key kind id type state name uri hops } edges { from to type }"
    " truncated truncation nextCursor answeredBy { engine reason mirrorPosition } } }"
)

LINEAGE_DIRECTIONS = ("UPSTREAM", "DOWNSTREAM", "BOTH")


class MetadataClient(GraphQLClient):
    """The mlmeta operations used by :mod:`mlmeta.metadata`, returning GraphQL objects as dicts."""

    def create_workspace(
        self,
        name: str,
        description: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        reuse_if_exists: bool = True,
    ) -> JsonObject:
        """Creates workspace ``name``, or returns the existing one if ``reuse_if_exists``."""
        data = self.execute(
            "mutation CreateWorkspace($name: String!, $description: String,"
            " $labels: [LabelInput], $reuse: Boolean) {"
            " createWorkspace(name: $name, description: $description, labels: $labels,"
            " reuseIfExists: $reuse) { " + WORKSPACE_SELECTION + " } }",
            {
                "name": name,
                "description": description,
                "labels": labels_to_input(labels),
                "reuse": reuse_if_exists,
            },
        )
        return data["createWorkspace"]

    def get_workspace(self, name: str) -> JsonObject:
        """The workspace ``name``; raises :class:`~mlmeta.errors.NotFoundError` if missing."""
        data = self.execute(
            "query Workspace($name: String!) { workspace(name: $name) { "
            + WORKSPACE_SELECTION
            + " } }",
            {"name": name},
        )
        return _require(data.get("workspace"), "workspace", name)

    def create_context(
        self, workspace: str, context: JsonObject, reuse_if_exists: bool = True
    ) -> JsonObject:
        """Creates a context from a ``ContextInput`` (see :func:`context_input`).

        With ``reuse_if_exists`` an existing context of the same type and name is returned.
        """
        data = self.execute(
            "mutation CreateContext($workspace: String!, $context: ContextInput!,"
            " $reuse: Boolean) { createContext(workspace: $workspace, context: $context,"
            " reuseIfExists: $reuse) { " + CONTEXT_SELECTION + " } }",
            {"workspace": workspace, "context": context, "reuse": reuse_if_exists},
        )
        return data["createContext"]

    def record_execution(self, record: JsonObject) -> JsonObject:
        """Runs ``recordExecution`` with a ``RecordExecutionInput`` (see
        :func:`record_execution_input`) and returns the ``RecordedExecution``."""
        data = self.execute(_RECORD_EXECUTION, {"input": record})
        return data["recordExecution"]

    def lineage(
        self,
        artifact_ids: Sequence[Union[int, str]] = (),
        execution_ids: Sequence[Union[int, str]] = (),
        direction: str = "UPSTREAM",
        max_hops: int = 10,
        types: Optional[Sequence[str]] = None,
        min_position: int = 0,
        engine: Optional[str] = None,
        page_size: int = 1000,
        max_nodes: int = 100_000,
    ) -> JsonObject:
        """Walks the lineage graph from artifacts and/or executions, following every page.

        Args:
          direction: ``upstream`` (where did this come from), ``downstream`` (what depends on
            this) or ``both``; case does not matter.
          max_hops: every edge is one hop (dataset to training run is one, to the model two).
          types: return only nodes of these type names (the walk still passes the others).
          min_position: a ``lineagePosition`` returned by a write; the answer includes it.
          engine: ``memory``, ``postgres`` or ``neo4j`` instead of the server's choice.
          max_nodes: stop following pages after this many nodes (``truncated`` is then true).

        Returns:
          ``{"nodes": [...], "edges": [...], "truncated": bool, "answered_by": {...}}``; nodes carry
          ``key``, ``kind``, ``id``, ``type``, ``state``, ``name``, ``uri`` and ``hops``.
        """
        upper = direction.upper()
        if upper not in LINEAGE_DIRECTIONS:
            raise ValueError("direction must be one of upstream, downstream, both; got " + direction)
        variables: Dict[str, Any] = {
            "a": [str(i) for i in artifact_ids],
            "e": [str(i) for i in execution_ids],
            "d": upper,
            "h": int(max_hops),
            "f": {"types": list(types)} if types else None,
            "first": int(page_size),
            "pos": int(min_position),
            "engine": engine,
        }
        nodes: List[JsonObject] = []
        edges: List[JsonObject] = []
        after: Optional[str] = None
        while True:
            variables["after"] = after
            page = self.execute(LINEAGE_QUERY, variables)["lineage"]
            nodes.extend(page["nodes"])
            edges.extend(page["edges"])
            after = page.get("nextCursor")
            if not after or len(nodes) >= max_nodes:
                return {
                    "nodes": nodes,
                    "edges": edges,
                    "truncated": bool(after),
                    "answered_by": page["answeredBy"],
                }

    def get_artifact(self, artifact_id: Union[int, str]) -> JsonObject:
        """The artifact ``artifact_id``; raises :class:`~mlmeta.errors.NotFoundError` if missing."""
        return self._get("artifact", ARTIFACT_SELECTION, artifact_id)

    def get_execution(self, execution_id: Union[int, str]) -> JsonObject:
        """The execution ``execution_id``; raises :class:`~mlmeta.errors.NotFoundError` if missing."""
        return self._get("execution", EXECUTION_SELECTION, execution_id)

    def get_context(self, context_id: Union[int, str]) -> JsonObject:
        """The context ``context_id``; raises :class:`~mlmeta.errors.NotFoundError` if missing."""
        return self._get("context", CONTEXT_SELECTION, context_id)

    def _get(self, kind: str, selection: str, entity_id: Union[int, str]) -> JsonObject:
        data = self.execute(
            "query Get($id: ID!) { %s(id: $id) { %s } }" % (kind, selection),
            {"id": str(entity_id)},
        )
        return _require(data.get(kind), kind, entity_id)

    def pages(
        self,
        kind: str,
        workspace: str,
        filter: Optional[JsonObject] = None,
        page_size: int = 100,
        after: Optional[str] = None,
    ) -> Iterator[Page[JsonObject]]:
        """Lazily yields the pages of ``artifacts``, ``executions`` or ``contexts`` of a workspace.

        Each page is fetched when the iterator reaches it; the cursor of the last page read can be
        passed as ``after`` later to resume.

        Args:
          kind: ``"artifacts"``, ``"executions"`` or ``"contexts"``.
          workspace: Workspace name.
          filter: The filter input (see :func:`build_filter`).
          page_size: Items per page (the server's ``first``).
          after: Start after this cursor.
        """
        if kind not in _LISTS:
            raise ValueError("'kind' must be one of " + ", ".join(sorted(_LISTS)))
        if page_size < 1:
            raise ValueError("'page_size' must be at least 1")
        filter_type, selection = _LISTS[kind]
        query = (
            "query List($workspace: String!, $filter: %s, $first: Int, $after: String) {"
            " %s(workspace: $workspace, filter: $filter, first: $first, after: $after) {"
            " nodes { %s } pageInfo { hasNextPage endCursor } } }"
            % (filter_type, kind, selection)
        )
        cursor = after
        while True:
            data = self.execute(
                query,
                {"workspace": workspace, "filter": filter, "first": page_size, "after": cursor},
            )
            connection = data.get(kind) or {}
            info = connection.get("pageInfo") or {}
            page: Page[JsonObject] = Page(
                list(connection.get("nodes") or []),
                info.get("endCursor"),
                bool(info.get("hasNextPage")),
            )
            yield page
            if not page.has_next_page or not page.end_cursor:
                return
            cursor = page.end_cursor


def _require(value: Optional[JsonObject], kind: str, key: Any) -> JsonObject:
    if value is None:
        raise error_from_graphql(
            [{"message": "{} {} does not exist".format(kind, key),
              "extensions": {"code": "NOT_FOUND"}}]
        )
    return value
