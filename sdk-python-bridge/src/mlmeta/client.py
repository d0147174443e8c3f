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

The parts live in private modules, one concern each, and are importable from here:
``_transport`` (HTTP and TLS), ``_retry`` (retry policy), ``_documents`` (GraphQL documents) and
``_payloads`` (request inputs).

New server queries (for example lineage traversals) are added as further :class:`MetadataClient`
methods built on :meth:`GraphQLClient.execute` and, for paged answers, :meth:`MetadataClient.pages`.
"""

import json
import ssl
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Optional, TypeVar, Union

# Every name in __all__ stays importable from here; most are defined in the modules below.
from . import _documents
from ._documents import (
    ARTIFACT_SELECTION,
    CONTEXT_SELECTION,
    EXECUTION_SELECTION,
    LINEAGE_DIRECTIONS,
    LINEAGE_QUERY,
    WORKSPACE_SELECTION,
)
from ._payloads import (
    JsonObject,
    artifact_input,
    artifact_link,
    build_filter,
    context_input,
    context_link,
    execution_input,
    labels_from_output,
    labels_to_input,
    new_external_id,
    record_execution_input,
)
from ._auth import TokenFile, check_token
from ._retry import RetryPolicy, call_with_retries
from ._transport import (
    HttpResponse,
    Transport,
    TransportError,
    UrllibTransport,
    build_ssl_context,
)
from ._version import __version__
from .errors import (  # MetadataError is re-exported: it has always been importable from here.
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

T = TypeVar("T")


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
        token_file: Optional[str] = None,
    ) -> None:
        """Args:
        url: The GraphQL endpoint, e.g. ``http://localhost:8080/graphql``.
        token: Optional bearer token sent as ``Authorization: Bearer <token>``.
        token_file: Optional file holding the bearer token instead, read again whenever it
          changes (Kubernetes' projected service-account tokens rotate); excludes ``token``.
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
        self._headers: dict[str, str] = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": f"mlmeta-python/{__version__}",
        }
        if token and token_file:
            raise ValueError("'token' and 'token_file' exclude each other")
        if token:
            self._headers["Authorization"] = f"Bearer {check_token(token)}"
        self._token_file = TokenFile(token_file) if token_file else None
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
                f"the server's response is not a GraphQL result: {_text(response.body)[:200]}",
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
        return call_with_retries(lambda: self._attempt(body), self.retry, self._sleep)

    def _attempt(self, body: bytes) -> JsonObject:
        headers = self._headers
        if self._token_file is not None:
            token = self._token_file.current()
            if token:
                headers = {**headers, "Authorization": f"Bearer {token}"}
        try:
            response = self._transport.post(self.url, body, headers, self.timeout)
        except TransportError as error:
            raise UnavailableError(str(error)) from error
        return self.decode_response(response)


def _text(body: bytes) -> str:
    return body.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, and the cursor to pass as ``after`` for the next page."""

    items: list[T]
    end_cursor: Optional[str]
    has_next_page: bool

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class MetadataClient(GraphQLClient):
    """The mlmeta operations used by :mod:`mlmeta.metadata`, returning GraphQL objects as dicts."""

    def whoami(self) -> JsonObject:
        """The caller as the server identified it: ``{"subject", "groups", "kind"}``."""
        return self.execute(_documents.WHOAMI)["whoami"]

    def create_workspace(
        self,
        name: str,
        description: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        reuse_if_exists: bool = True,
    ) -> JsonObject:
        """Creates workspace ``name``, or returns the existing one if ``reuse_if_exists``."""
        data = self.execute(
            _documents.CREATE_WORKSPACE,
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
        data = self.execute(_documents.WORKSPACE, {"name": name})
        return _require(data.get("workspace"), "workspace", name)

    def create_context(
        self, workspace: str, context: JsonObject, reuse_if_exists: bool = True
    ) -> JsonObject:
        """Creates a context from a ``ContextInput`` (see :func:`context_input`).

        With ``reuse_if_exists`` an existing context of the same type and name is returned.
        """
        data = self.execute(
            _documents.CREATE_CONTEXT,
            {"workspace": workspace, "context": context, "reuse": reuse_if_exists},
        )
        return data["createContext"]

    def record_execution(self, record: JsonObject) -> JsonObject:
        """Runs ``recordExecution`` with a ``RecordExecutionInput`` (see
        :func:`record_execution_input`) and returns the ``RecordedExecution``."""
        data = self.execute(_documents.RECORD_EXECUTION, {"input": record})
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
          ``key``, ``kind``, ``id``, ``type``, ``state``, ``name``, ``uri``, ``hops`` and
          ``redacted``. A redacted node lies in a workspace the caller cannot read (another team's
          run that read this dataset, say): only its ``key``, ``kind``, ``id`` and ``hops`` are set.
        """
        upper = direction.upper()
        if upper not in LINEAGE_DIRECTIONS:
            raise ValueError(
                f"direction must be one of upstream, downstream, both; got {direction}"
            )
        variables: dict[str, Any] = {
            "a": [str(i) for i in artifact_ids],
            "e": [str(i) for i in execution_ids],
            "d": upper,
            "h": int(max_hops),
            "f": {"types": list(types)} if types else None,
            "first": int(page_size),
            "pos": int(min_position),
            "engine": engine,
        }
        nodes: list[JsonObject] = []
        edges: list[JsonObject] = []
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
        return self._get("artifact", artifact_id)

    def get_execution(self, execution_id: Union[int, str]) -> JsonObject:
        """The execution ``execution_id``; raises :class:`~mlmeta.errors.NotFoundError` if missing."""
        return self._get("execution", execution_id)

    def get_context(self, context_id: Union[int, str]) -> JsonObject:
        """The context ``context_id``; raises :class:`~mlmeta.errors.NotFoundError` if missing."""
        return self._get("context", context_id)

    def _get(self, kind: str, entity_id: Union[int, str]) -> JsonObject:
        data = self.execute(_documents.entity_query(kind), {"id": str(entity_id)})
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
        if kind not in _documents.LIST_KINDS:
            raise ValueError(f"'kind' must be one of {', '.join(_documents.LIST_KINDS)}")
        if page_size < 1:
            raise ValueError("'page_size' must be at least 1")
        query = _documents.list_query(kind)
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
            [{"message": f"{kind} {key} does not exist", "extensions": {"code": "NOT_FOUND"}}]
        )
    return value
