"""Kubeflow Metadata's Python API (``kubeflow.metadata.metadata`` 0.3.x) on the mlmeta server.

Code written for Kubeflow Metadata switches by changing one import::

    from mlmeta import metadata

    ws = metadata.Workspace(store=metadata.Store(grpc_host="localhost", grpc_port=8080),
                            name="ws1", description="a workspace for testing",
                            labels={"n1": "v1"})
    r = metadata.Run(workspace=ws, name="run-1", description="a run in ws_1")
    exec = metadata.Execution(name="execution", workspace=ws, run=r,
                              description="execution example")
    ds = exec.log_input(metadata.DataSet(name="mytable-dump", uri="file://path/to/dataset",
                                         version="v1.0.0"))

Mapping onto mlmeta: a :class:`Workspace` is an mlmeta workspace; a :class:`Run` is a context of
type ``Run``; an :class:`Execution` is an execution (type ``Execution`` unless ``execution_type``
is given) associated with its run; :class:`DataSet`, :class:`Model` and :class:`Metrics` are
artifacts of the built-in types ``Dataset``, ``Model`` and ``Metrics`` whose fields are their
properties. ``log_input``/``log_output`` record an INPUT/OUTPUT event with ``recordExecution`` and
attribute the artifact to the run; an artifact equal by workspace, type, uri, name and version to
one logged before is reused, as in Kubeflow.

Beyond the original: filtered listing with pagination (:meth:`Workspace.list_artifacts`,
:meth:`Workspace.list_executions`, :meth:`Workspace.list_contexts`), an idempotency key on every
write with automatic retries, exceptions carrying the server's error code (:mod:`mlmeta.errors`),
a bearer token from an argument, ``MLMETA_TOKEN`` or the token file, a gateway's identity headers,
TLS (:class:`Store`), and :meth:`Store.whoami`.
"""

# Annotations stay unevaluated: in Workspace's body the method ``list`` hides the built-in ``list``.
from __future__ import annotations

import datetime
import json
import os
import ssl
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, Optional, TypeVar, Union

from . import _auth
from ._auth import DEFAULT_GATEWAY_HEADERS, TOKEN_ENV, TOKEN_FILE_ENV, default_token_file
from ._payloads import (
    JsonObject,
    artifact_input,
    artifact_link,
    build_filter,
    context_input,
    context_link,
    execution_input,
    labels_from_output,
    new_external_id,
    record_execution_input,
)
from ._retry import RetryPolicy
from ._transport import Transport, build_ssl_context
from .client import MetadataClient, Page

__all__ = [
    "Store",
    "Workspace",
    "Run",
    "Execution",
    "Artifact",
    "DataSet",
    "Model",
    "Metrics",
    "Page",
    "RetryPolicy",
]

TypeArtifact = TypeVar("TypeArtifact")
"""Model, DataSet, Metrics, or any object with ``ARTIFACT_TYPE_NAME`` and ``serialization()``."""

_LEGACY_TYPE_NAMES = {
    "kubeflow.org/alpha/data_set": "Dataset",
    "kubeflow.org/alpha/model": "Model",
    "kubeflow.org/alpha/metrics": "Metrics",
    "kubeflow.org/alpha/execution": "Execution",
}
"""Kubeflow Metadata's type names, accepted wherever a type name is expected."""

_RESERVED_ATTRIBUTES = frozenset({"id", "workspace", "create_time", "external_id"})
"""Artifact attributes that are not stored as properties."""

CA_FILE_ENV = "MLMETA_CA_FILE"
"""Environment variable read for a CA file when :class:`Store` gets no TLS settings."""


def _type_name(name: str) -> str:
    return _LEGACY_TYPE_NAMES.get(name, name)


def _rfc3339_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _entity_id(value: Any) -> Union[int, str]:
    text = str(value)
    return int(text) if text.isdigit() else text


def _require_str(value: Any, what: str) -> str:
    if value is None or not isinstance(value, str):
        raise ValueError(f"'{what}' must be set and in string type.")
    return value


class Store:
    """Connection to the mlmeta server.

    ``Store(grpc_host, grpc_port)`` talks to ``http://grpc_host:grpc_port/graphql`` (mlmeta serves
    gRPC and HTTP on the same port); ``http_url`` gives the HTTP endpoint explicitly instead.
    """

    def __init__(
        self,
        grpc_host: str = "metadata-grpc-service.kubeflow",
        grpc_port: int = 8080,
        root_certificates: Optional[bytes] = None,
        private_key: Optional[bytes] = None,
        certificate_chain: Optional[bytes] = None,
        *,
        http_url: Optional[str] = None,
        token: Optional[str] = None,
        ca_file: Optional[str] = None,
        ssl_context: Optional[ssl.SSLContext] = None,
        use_tls: Optional[bool] = None,
        timeout: float = 30.0,
        retry: Optional[RetryPolicy] = None,
        transport: Optional[Transport] = None,
        token_file: Optional[str] = None,
        gateway_user: Optional[str] = None,
        gateway_groups: Sequence[str] = (),
        gateway_headers: Sequence[str] = DEFAULT_GATEWAY_HEADERS,
    ) -> None:
        """
        Args:
          grpc_host: Host of the mlmeta server.
          grpc_port: Port of the mlmeta server (gRPC and HTTP share it).
          root_certificates: Optional PEM CA certificates to trust; turns TLS on.
          private_key: Optional PEM private key of a client certificate (mutual TLS).
          certificate_chain: Optional PEM client certificate chain (mutual TLS).
          http_url: The server's HTTP endpoint, e.g. ``https://mlmeta.example.org`` (``/graphql``
            is appended unless the path already ends with it); overrides host and port.
          token: Bearer token. Without one (``None``) the ``MLMETA_TOKEN`` environment variable is
            used, else the token file; ``""`` sends no token and looks nowhere.
          ca_file: Optional PEM CA file to trust (default: ``MLMETA_CA_FILE``); turns TLS on.
          ssl_context: A ready TLS context; overrides the other TLS settings.
          use_tls: Force ``https`` (True) or ``http`` (False) for ``grpc_host``/``grpc_port``;
            by default TLS is used when any TLS setting is given.
          timeout: Seconds for connecting and for each read of one request attempt.
          retry: Retry policy for failed requests (default: up to 5 attempts with backoff).
          transport: Replaces the HTTP transport (for tests).
          token_file: File holding the bearer token, read again whenever it changes (Kubernetes'
            projected service-account tokens rotate). Default when neither ``token`` nor
            ``MLMETA_TOKEN`` gives one: ``MLMETA_TOKEN_FILE``, else ``~/.config/mlmeta/token`` if it
            exists (``mlmeta login`` writes it).
          gateway_user: Name the caller the way a gateway does instead of sending a token, for
            clients the server trusts as a proxy; excludes ``token`` and ``token_file``.
          gateway_groups: The caller's groups, sent with ``gateway_user``.
          gateway_headers: The (user, groups) header names; Kubeflow's by default.
        """
        extra_headers: dict[str, str] = {}
        if gateway_user is not None:
            if token or token_file:
                raise ValueError("'gateway_user' excludes 'token' and 'token_file'")
            extra_headers = _auth.gateway_headers(gateway_user, gateway_groups, gateway_headers)
            token = ""
        elif token is None and token_file is None:
            token = os.environ.get(TOKEN_ENV, "").strip() or None
            if token is None:
                named = bool(os.environ.get(TOKEN_FILE_ENV, "").strip())
                candidate = default_token_file()
                if named and not os.path.isfile(candidate):
                    raise ValueError(f"{TOKEN_FILE_ENV} names a missing file: {candidate}")
                if os.path.isfile(candidate):
                    token_file = candidate
        if ca_file is None and ssl_context is None and root_certificates is None:
            ca_file = os.environ.get(CA_FILE_ENV) or None
        tls_settings = bool(root_certificates or ca_file or ssl_context or certificate_chain)
        if ssl_context is None and tls_settings:
            ssl_context = build_ssl_context(
                ca_file=ca_file,
                ca_data=root_certificates,
                client_cert_pem=certificate_chain,
                client_key_pem=private_key,
            )
        if http_url:
            url = self._graphql_url(http_url)
        else:
            if not grpc_host:
                raise ValueError("'grpc_host' or 'http_url' must be set.")
            secure = tls_settings if use_tls is None else use_tls
            host = f"[{grpc_host}]" if ":" in grpc_host else grpc_host
            scheme = "https" if secure else "http"
            url = f"{scheme}://{host}:{int(grpc_port)}/graphql"
        self.grpc_host = grpc_host
        self.grpc_port = grpc_port
        self.url = url
        self.client = MetadataClient(
            url,
            token=token or None,
            token_file=token_file,
            timeout=timeout,
            ssl_context=ssl_context,
            retry=retry,
            transport=transport,
            headers=extra_headers,
        )

    def whoami(self) -> dict[str, Any]:
        """Who the server takes the caller to be; beyond the original API.

        Returns:
          ``{"subject": str, "groups": [str], "kind": str}``; ``kind`` is ``USER``,
          ``SERVICE_ACCOUNT``, ``TOKEN`` or ``ANONYMOUS``.
        """
        caller = self.client.whoami()
        return {
            "subject": caller["subject"],
            "groups": list(caller.get("groups") or []),
            "kind": caller["kind"],
        }

    def lineage(
        self,
        artifact: Any,
        direction: str = "upstream",
        max_hops: int = 10,
        types: Optional[Sequence[str]] = None,
        engine: Optional[str] = None,
        min_position: int = 0,
    ) -> dict[str, Any]:
        """Lineage of an artifact (a logged artifact object or its id); beyond the original API.

        ``direction="upstream"`` answers "where did this come from", ``"downstream"`` "what depends
        on this"; see :meth:`mlmeta.client.MetadataClient.lineage` for the answer's shape.
        """
        artifact_id = getattr(artifact, "id", artifact)
        if artifact_id is None:
            raise ValueError("log the artifact before asking for its lineage")
        return self.client.lineage(
            artifact_ids=[artifact_id],
            direction=direction,
            max_hops=max_hops,
            types=types,
            engine=engine,
            min_position=min_position,
        )

    @staticmethod
    def _graphql_url(http_url: str) -> str:
        parts = urllib.parse.urlsplit(http_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("'http_url' must be an http:// or https:// URL, got " + http_url)
        path = parts.path.rstrip("/")
        if not path.endswith("/graphql"):
            path += "/graphql"
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))

    def __repr__(self) -> str:
        return f"Store(url={self.url!r})"


class Workspace:
    """Groups a set of runs of pipelines, notebooks and their related artifacts and executions.

    Constructing a workspace creates it on the server, or reuses the existing one of that name
    when ``reuse_workspace_if_exists`` (the default).
    """

    def __init__(
        self,
        store: Optional[Store] = None,
        name: Optional[str] = None,
        description: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        reuse_workspace_if_exists: bool = True,
        backend_url_prefix: Optional[str] = None,
    ) -> None:
        """
        Args:
          store: Required store object to connect to the mlmeta server.
          name: Required name for the workspace.
          description: Optional string for description of the workspace.
          labels: Optional key/value string pairs to label the workspace.
          reuse_workspace_if_exists: Reuse an existing workspace of this name; if False and it
            exists, :class:`~mlmeta.errors.AlreadyExistsError` is raised.
          backend_url_prefix: Deprecated in Kubeflow Metadata; rejected.

        Raises:
          ValueError: a required argument is missing.
          mlmeta.errors.MetadataError: the server refused or could not be reached.
        """
        if backend_url_prefix:
            raise ValueError(
                "'backend_url_prefix' is deprecated. Please set Metadata.Store "
                "parameter to connect to the metadata service."
            )
        _require_str(name, "name")
        if not isinstance(store, Store):
            raise ValueError("'store' must be set as metadata.Store")
        self.store = store
        self.name: str = name  # type: ignore[assignment]
        self.description = description
        self.labels = labels
        self.reuse_workspace_if_exists = reuse_workspace_if_exists
        created = self.client.create_workspace(
            self.name, description, labels, reuse_if_exists=reuse_workspace_if_exists
        )
        self.id = _entity_id(created["id"])
        self.create_time: str = created["createTime"]

    @property
    def client(self) -> MetadataClient:
        """The store's :class:`~mlmeta.client.MetadataClient`."""
        return self.store.client

    def list(self, artifact_type_name: Optional[str] = None) -> list[dict[str, Any]]:
        """List all artifacts of a given type in this workspace.

        Args:
          artifact_type_name: Name of the artifact type (default: ``Model``). Kubeflow's names
            such as ``kubeflow.org/alpha/model`` are accepted too.

        Returns:
          A list of dicts, oldest first, one per artifact, with ``id``, ``type``, ``state``,
          ``workspace``, ``run`` (if logged in a run), ``create_time``, and every field of the
          artifact (``None`` for a type's unset fields); nested fields (``hyperparameters``,
          ``training_framework``, ``values``, ``labels``) are Python objects.
        """
        if artifact_type_name is None:
            artifact_type_name = Model.ARTIFACT_TYPE_NAME
        results: list[dict[str, Any]] = []
        for page in self.list_artifacts(artifact_type_name):
            results.extend(page.items)
        return results

    def list_artifacts(
        self,
        artifact_type_name: Optional[str] = None,
        *,
        name: Optional[str] = None,
        uri: Optional[str] = None,
        version: Optional[str] = None,
        state: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        properties_contain: Optional[Mapping[str, Any]] = None,
        created_after: Optional[Union[str, datetime.datetime]] = None,
        created_before: Optional[Union[str, datetime.datetime]] = None,
        external_id: Optional[str] = None,
        run: Optional[Union[Run, int, str]] = None,
        page_size: int = 100,
        after: Optional[str] = None,
    ) -> Iterator[Page[dict[str, Any]]]:
        """Iterates over the pages of this workspace's artifacts matching every given criterion.

        Pages are fetched lazily. Items are dicts shaped as in :meth:`list`.

        Args:
          artifact_type_name: Only artifacts of this type (``Dataset``, ``Model``, ...).
          name, uri, version: Exact matches.
          state: ``LIVE``, ``PENDING``, ``MARKED_FOR_DELETION``, ...
          labels: The artifact's properties contain these labels.
          properties_contain: The artifact's properties contain this JSON object.
          created_after, created_before: Creation-time bounds (datetime or ISO-8601 text).
          external_id: The artifact written with this idempotency key.
          run: Only artifacts attributed to this :class:`Run` (or context id).
          page_size: Artifacts per page.
          after: Resume after this cursor (a page's ``end_cursor``).
        """
        criteria = build_filter(
            type=_type_name(artifact_type_name) if artifact_type_name else None,
            name=name,
            uri=uri,
            version=version,
            state=state,
            labels=labels,
            properties_contain=properties_contain,
            created_after=created_after,
            created_before=created_before,
            external_id=external_id,
            context_id=_context_id(run),
        )
        for page in self.client.pages("artifacts", self.name, criteria, page_size, after):
            yield Page([artifact_to_dict(n) for n in page.items], page.end_cursor,
                       page.has_next_page)

    def list_executions(
        self,
        execution_type: Optional[str] = None,
        *,
        name: Optional[str] = None,
        state: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        properties_contain: Optional[Mapping[str, Any]] = None,
        created_after: Optional[Union[str, datetime.datetime]] = None,
        created_before: Optional[Union[str, datetime.datetime]] = None,
        external_id: Optional[str] = None,
        run: Optional[Union[Run, int, str]] = None,
        page_size: int = 100,
        after: Optional[str] = None,
    ) -> Iterator[Page[dict[str, Any]]]:
        """Iterates over the pages of this workspace's executions matching every given criterion.

        Items are dicts with ``id``, ``type``, ``state``, ``workspace``, ``run``, ``name``,
        ``description``, ``labels`` (dict), ``properties`` (dict), ``external_id`` and
        ``create_time``. Arguments are as in :meth:`list_artifacts`.
        """
        criteria = build_filter(
            type=_type_name(execution_type) if execution_type else None,
            name=name,
            state=state,
            labels=labels,
            properties_contain=properties_contain,
            created_after=created_after,
            created_before=created_before,
            external_id=external_id,
            context_id=_context_id(run),
        )
        for page in self.client.pages("executions", self.name, criteria, page_size, after):
            yield Page([execution_to_dict(n) for n in page.items], page.end_cursor,
                       page.has_next_page)

    def list_contexts(
        self,
        context_type: Optional[str] = None,
        *,
        name: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        properties_contain: Optional[Mapping[str, Any]] = None,
        created_after: Optional[Union[str, datetime.datetime]] = None,
        created_before: Optional[Union[str, datetime.datetime]] = None,
        external_id: Optional[str] = None,
        parent_context_id: Optional[Union[int, str]] = None,
        page_size: int = 100,
        after: Optional[str] = None,
    ) -> Iterator[Page[dict[str, Any]]]:
        """Iterates over the pages of this workspace's contexts (runs, experiments, ...).

        Items are dicts with ``id``, ``type``, ``workspace``, ``name``, ``description``,
        ``labels`` (dict), ``properties`` (dict), ``external_id`` and ``create_time``.
        """
        criteria = build_filter(
            type=context_type,
            name=name,
            labels=labels,
            properties_contain=properties_contain,
            created_after=created_after,
            created_before=created_before,
            external_id=external_id,
            parent_context_id=parent_context_id,
        )
        for page in self.client.pages("contexts", self.name, criteria, page_size, after):
            yield Page([context_to_dict(n) for n in page.items], page.end_cursor,
                       page.has_next_page)

    def list_runs(self, page_size: int = 100) -> list[dict[str, Any]]:
        """All runs of this workspace, oldest first, as dicts (see :meth:`list_contexts`)."""
        return [c for page in self.list_contexts(Run.CONTEXT_TYPE_NAME, page_size=page_size)
                for c in page.items]

    def __repr__(self) -> str:
        return f"Workspace(name={self.name!r}, id={self.id!r})"


class Run:
    """Run captures a run of pipeline or notebooks in a workspace and groups executions.

    A run is a context of type ``Run``; constructing one creates it, or reuses the run of the
    same name in the workspace.
    """

    CONTEXT_TYPE_NAME: ClassVar[str] = "Run"

    def __init__(
        self,
        workspace: Optional[Workspace] = None,
        name: Optional[str] = None,
        description: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        external_id: Optional[str] = None,
    ) -> None:
        """
        Args:
          workspace: Required workspace object to which this run belongs.
          name: Required name of this run.
          description: Optional description.
          labels: Optional key/value string pairs.
          external_id: Optional idempotency key (default: a fresh one).
        """
        if workspace is None:
            raise ValueError("'workspace' must be set.")
        _require_str(name, "name")
        self.workspace = workspace
        self.name: str = name  # type: ignore[assignment]
        self.description = description
        self.labels = labels
        self.external_id = external_id or new_external_id()
        created = workspace.client.create_context(
            workspace.name,
            context_input(
                self.CONTEXT_TYPE_NAME,
                self.name,
                description=description,
                labels=labels,
                external_id=self.external_id,
            ),
            reuse_if_exists=True,
        )
        self.id = _entity_id(created["id"])
        self.create_time: str = created["createTime"]

    def __repr__(self) -> str:
        return f"Run(name={self.name!r}, id={self.id!r})"


class Execution:
    """An execution of a component in a workspace (and optionally a run).

    Constructing one creates it on the server. ``log_input``/``log_output`` attach artifacts as
    its inputs or outputs.
    """

    EXECUTION_TYPE_NAME: ClassVar[str] = "Execution"

    def __init__(
        self,
        name: Optional[str] = None,
        workspace: Optional[Workspace] = None,
        run: Optional[Run] = None,
        description: Optional[str] = None,
        *,
        execution_type: Optional[str] = None,
        properties: Optional[Mapping[str, Any]] = None,
        labels: Optional[Mapping[str, str]] = None,
        external_id: Optional[str] = None,
    ) -> None:
        """
        Args:
          name: Required name of this execution.
          workspace: Required workspace object where this execution belongs to.
          run: Optional run object; the execution is associated with it.
          description: Optional description.
          execution_type: Type name (default ``Execution``; built-in: ``Train``, ``Tune``,
            ``Evaluate``, ``Deploy``).
          properties: Optional properties, validated against the type's JSON Schema.
          labels: Optional key/value string pairs.
          external_id: Optional idempotency key (default: a fresh one).
        """
        if workspace is None:
            raise ValueError("'workspace' must be set.")
        _require_str(name, "name")
        if run is not None and run.workspace.name != workspace.name:
            raise ValueError(
                f"run {run.name!r} belongs to workspace {run.workspace.name!r}, "
                f"not {workspace.name!r}"
            )
        self.id: Optional[Union[int, str]] = None
        self.name: str = name  # type: ignore[assignment]
        self.workspace = workspace
        self.run = run
        self.description = description
        self.execution_type = _type_name(execution_type or self.EXECUTION_TYPE_NAME)
        self.properties = dict(properties) if properties else None
        self.labels = labels
        self.external_id = external_id or new_external_id()
        recorded = workspace.client.record_execution(
            record_execution_input(
                workspace.name,
                execution=execution_input(
                    self.execution_type,
                    self.name,
                    description=description,
                    labels=labels,
                    properties=self.properties,
                    external_id=self.external_id,
                ),
                contexts=self._contexts(),
            )
        )
        self.id = _entity_id(recorded["execution"]["id"])
        self.create_time: str = recorded["execution"]["createTime"]

    def log_input(self, artifact: TypeArtifact) -> TypeArtifact:
        """Log an artifact as an input of this execution.

        Args:
          artifact: Model, DataSet, Metrics or customized artifact type.

        Returns:
          The same artifact with ``id`` and ``create_time`` set.
        """
        return self._log(artifact, "inputs")

    def log_output(self, artifact: TypeArtifact) -> TypeArtifact:
        """Log an artifact as an output of this execution.

        Args:
          artifact: Model, DataSet, Metrics or customized artifact type.

        Returns:
          The same artifact with ``id`` and ``create_time`` set.
        """
        return self._log(artifact, "outputs")

    def _contexts(self) -> list[JsonObject]:
        if self.run is None:
            return []
        return [context_link(context_id=self.run.id)]

    def _log(self, artifact: TypeArtifact, direction: str) -> TypeArtifact:
        if artifact is None:
            raise ValueError("'artifact' must be set.")
        link = self._link(artifact)
        record = record_execution_input(
            self.workspace.name,
            execution_id=self.id,
            inputs=[link] if direction == "inputs" else (),
            outputs=[link] if direction == "outputs" else (),
            contexts=self._contexts(),
        )
        recorded = self.workspace.client.record_execution(record)
        node = recorded[direction][-1]
        setattr(artifact, "_store", self.workspace.store)
        setattr(artifact, "_lineage_position", int(recorded.get("lineagePosition") or 0))
        setattr(artifact, "id", _entity_id(node["id"]))
        setattr(artifact, "create_time", node["createTime"])
        setattr(artifact, "workspace", self.workspace.name)
        return artifact

    @staticmethod
    def _link(artifact: Any) -> JsonObject:
        existing_id = getattr(artifact, "id", None)
        if existing_id is not None:
            return artifact_link(artifact_id=existing_id)
        type_name = getattr(artifact, "ARTIFACT_TYPE_NAME", None)
        if not isinstance(type_name, str) or not hasattr(artifact, "serialization"):
            raise ValueError(
                "'artifact' must have an ARTIFACT_TYPE_NAME and a serialization() method"
            )
        properties = artifact.serialization()
        if not isinstance(properties, Mapping):
            raise ValueError("serialization() must return a dict of properties")
        external_id = getattr(artifact, "external_id", None) or new_external_id()
        try:
            setattr(artifact, "external_id", external_id)
        except AttributeError:
            pass
        return artifact_link(
            new_artifact=artifact_input(_type_name(type_name), properties, external_id),
            reuse_if_exists=True,
        )

    def __repr__(self) -> str:
        return f"Execution(name={self.name!r}, id={self.id!r}, type={self.execution_type!r})"


class Artifact:
    """Base of the artifact classes: fields become the artifact's properties.

    Subclasses set ``ARTIFACT_TYPE_NAME`` (a type registered on the server) and ``FIELDS`` (the
    property names in order). Extra keyword arguments are stored as additional properties; the
    keyword ``external_id`` sets the idempotency key instead (default: a fresh one per object, so
    logging the same object again after a failure never duplicates it).
    """

    ARTIFACT_TYPE_NAME: ClassVar[str] = ""
    FIELDS: ClassVar[tuple[str, ...]] = ("uri", "name", "description", "owner", "version",
                                         "labels")

    def __init__(
        self,
        uri: Optional[str] = None,
        name: Optional[str] = None,
        workspace: Optional[str] = None,
        description: Optional[str] = None,
        owner: Optional[str] = None,
        version: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        **kwargs: Any,
    ) -> None:
        """
        Args:
          uri: Required uri of the artifact.
          name: Required name of the artifact.
          workspace: Optional name of the workspace (set when logged).
          description: Optional description.
          owner: Optional owner.
          version: Optional version tagged by the user.
          labels: Optional string key value pairs for labels.
          kwargs: Additional properties; ``external_id`` is the idempotency key.
        """
        _require_str(uri, "uri")
        _require_str(name, "name")
        self.workspace = workspace
        self.name: str = name  # type: ignore[assignment]
        self.description = description
        self.owner = owner
        self.uri: str = uri  # type: ignore[assignment]
        self.version = version
        self.labels = labels
        self.id: Optional[Union[int, str]] = None
        self.create_time: str = _rfc3339_now()
        self.external_id: str = kwargs.pop("external_id", None) or new_external_id()
        for key, value in kwargs.items():
            if key.startswith("_"):
                raise ValueError("property names must not start with '_': " + key)
            setattr(self, key, value)

    def serialization(self) -> dict[str, Any]:
        """The artifact's properties as a JSON-compatible dict; ``None`` fields are left out.

        Raises:
          ValueError: a field's value cannot be represented in JSON.
        """
        properties: dict[str, Any] = {}
        names = list(self.FIELDS) + [
            key for key in vars(self) if key not in self.FIELDS
        ]
        for key in names:
            if key in _RESERVED_ATTRIBUTES or key.startswith("_"):
                continue
            value = getattr(self, key, None)
            if value is None:
                continue
            try:
                json.dumps(value, allow_nan=False)
            except (TypeError, ValueError) as error:
                raise ValueError(
                    f"field '{key}' of {type(self).__name__} is not JSON-serialisable: {error}"
                ) from error
            properties[key] = value
        return properties

    def lineage(
        self,
        direction: str = "upstream",
        max_hops: int = 10,
        types: Optional[Sequence[str]] = None,
        engine: Optional[str] = None,
    ) -> dict[str, Any]:
        """This artifact's lineage (beyond the original API); see :meth:`Store.lineage`.

        The answer includes this artifact's own logging, whichever engine answers.

        Raises:
          ValueError: the artifact has not been logged yet.
        """
        store = getattr(self, "_store", None)
        if store is None or self.id is None:
            raise ValueError("log the artifact before asking for its lineage")
        return store.lineage(
            self,
            direction=direction,
            max_hops=max_hops,
            types=types,
            engine=engine,
            min_position=getattr(self, "_lineage_position", 0),
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(name={self.name!r}, uri={self.uri!r}, "
            f"version={self.version!r}, id={self.id!r})"
        )


class DataSet(Artifact):
    """DataSet captures a data set in a machine learning workflow.

    example::

      metadata.DataSet(description="an example data", name="mytable-dump",
                       owner="owner@my-company.org", uri="file://path/to/dataset",
                       version="v1.0.0", query="SELECT * FROM mytable",
                       labels={"label1": "val1"})
    """

    ARTIFACT_TYPE_NAME: ClassVar[str] = "Dataset"
    FIELDS: ClassVar[tuple[str, ...]] = ("uri", "name", "description", "owner", "version",
                                         "query", "labels")

    def __init__(
        self,
        uri: Optional[str] = None,
        name: Optional[str] = None,
        workspace: Optional[str] = None,
        description: Optional[str] = None,
        owner: Optional[str] = None,
        version: Optional[str] = None,
        query: Optional[str] = None,
        labels: Optional[Mapping[str, str]] = None,
        **kwargs: Any,
    ) -> None:
        """
        Args:
          uri: Required uri of the data set.
          name: Required name of the data set.
          workspace: Optional name of the workspace.
          description: Optional description of the data set.
          owner: Optional owner of the data set.
          version: Optional version tagged by the user.
          query: Optional query string on how this data set was fetched from a data source.
          labels: Optional string key value pairs for labels.
          kwargs: Additional properties; ``external_id`` is the idempotency key.
        """
        super().__init__(uri, name, workspace, description, owner, version, labels, **kwargs)
        self.query = query


class Model(Artifact):
    """Captures a machine learning model.

    example::

      metadata.Model(name="MNIST", description="model to recognize handwritten digits",
                     owner="someone@kubeflow.org", uri="gcs://my-bucket/mnist",
                     model_type="neural network",
                     training_framework={"name": "tensorflow", "version": "v1.0"},
                     hyperparameters={"learning_rate": 0.5, "layers": [10, 3, 1],
                                      "early_stop": True},
                     version="v0.0.1", labels={"mylabel": "l1"})
    """

    ARTIFACT_TYPE_NAME: ClassVar[str] = "Model"
    FIELDS: ClassVar[tuple[str, ...]] = ("uri", "name", "description", "owner", "version",
                                         "model_type", "training_framework", "hyperparameters",
                                         "labels")

    def __init__(
        self,
        uri: Optional[str] = None,
        name: Optional[str] = None,
        workspace: Optional[str] = None,
        description: Optional[str] = None,
        owner: Optional[str] = None,
        version: Optional[str] = None,
        model_type: Optional[str] = None,
        training_framework: Optional[Any] = None,
        hyperparameters: Optional[Mapping[str, Any]] = None,
        labels: Optional[Mapping[str, str]] = None,
        **kwargs: Any,
    ) -> None:
        """
        Args:
          uri: Required uri of the model.
          name: Required name of the model.
          workspace: Optional name of the workspace.
          description: Optional description of the model.
          owner: Optional owner of the model.
          version: Optional version tagged by the user.
          model_type: Optional type of the model.
          training_framework: Optional framework used to train the model, e.g.
            ``{"name": "tensorflow", "version": "v1.0"}``.
          hyperparameters: Optional map from hyperparameter name to its value.
          labels: Optional string key value pairs for labels.
          kwargs: Additional properties; ``external_id`` is the idempotency key.
        """
        super().__init__(uri, name, workspace, description, owner, version, labels, **kwargs)
        self.model_type = model_type
        self.training_framework = training_framework
        self.hyperparameters = hyperparameters


class Metrics(Artifact):
    """Captures an evaluation metrics of a model on a data set.

    example::

      metadata.Metrics(name="MNIST-evaluation",
                       description="validating the MNIST model",
                       owner="someone@kubeflow.org", uri="gcs://my-bucket/mnist-eval.csv",
                       data_set_id="123", model_id="12345",
                       metrics_type=metadata.Metrics.VALIDATION,
                       values={"accuracy": 0.95}, labels={"mylabel": "l1"})
    """

    ARTIFACT_TYPE_NAME: ClassVar[str] = "Metrics"
    FIELDS: ClassVar[tuple[str, ...]] = ("uri", "name", "description", "owner", "data_set_id",
                                         "model_id", "metrics_type", "values", "labels")

    TRAINING: ClassVar[str] = "training"
    VALIDATION: ClassVar[str] = "validation"
    TESTING: ClassVar[str] = "testing"
    PRODUCTION: ClassVar[str] = "production"

    def __init__(
        self,
        uri: Optional[str] = None,
        name: Optional[str] = None,
        workspace: Optional[str] = None,
        description: Optional[str] = None,
        owner: Optional[str] = None,
        data_set_id: Optional[Union[str, int]] = None,
        model_id: Optional[Union[str, int]] = None,
        metrics_type: Optional[str] = None,
        values: Optional[Mapping[str, float]] = None,
        labels: Optional[Mapping[str, str]] = None,
        **kwargs: Any,
    ) -> None:
        """
        Args:
          uri: Required uri of the metrics.
          name: Required name of the metrics.
          workspace: Optional name of the workspace.
          description: Optional description of the metrics.
          owner: Optional owner of the metrics.
          data_set_id: Optional id of the data set used for evaluation.
          model_id: Optional id of the evaluated model.
          metrics_type: Optional type of the evaluation: ``Metrics.TRAINING``,
            ``VALIDATION``, ``TESTING`` or ``PRODUCTION``.
          values: Optional map from metrics name to its value.
          labels: Optional string key value pairs for labels.
          kwargs: Additional properties; ``external_id`` is the idempotency key.
        """
        super().__init__(uri, name, workspace, description, owner, None, labels, **kwargs)
        self.data_set_id = data_set_id
        self.model_id = model_id
        self.metrics_type = metrics_type
        self.values = values


_ARTIFACT_CLASSES: dict[str, type] = {
    cls.ARTIFACT_TYPE_NAME: cls for cls in (DataSet, Model, Metrics)
}


def _context_id(run: Optional[Union[Run, int, str]]) -> Optional[Union[int, str]]:
    if run is None or isinstance(run, (int, str)):
        return run
    return run.id


def _first_run(contexts: Optional[Sequence[Mapping[str, Any]]]) -> Optional[str]:
    for context in contexts or []:
        if context.get("type") == Run.CONTEXT_TYPE_NAME:
            return context.get("name")
    return None


def _properties(text: Optional[str]) -> dict[str, Any]:
    if not text:
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


def artifact_to_dict(node: Mapping[str, Any]) -> dict[str, Any]:
    """Flattens a GraphQL artifact into the dict that :meth:`Workspace.list` returns."""
    result: dict[str, Any] = {
        "id": _entity_id(node["id"]),
        "type": node.get("type"),
        "state": node.get("state"),
        "workspace": node.get("workspace"),
    }
    run = _first_run(node.get("contexts"))
    if run is not None:
        result["run"] = run
    result["create_time"] = node.get("createTime")
    cls = _ARTIFACT_CLASSES.get(node.get("type") or "")
    if cls is not None:
        for name in cls.FIELDS:  # type: ignore[attr-defined]
            result[name] = None
    for key, value in _properties(node.get("properties")).items():
        if key not in ("id", "workspace", "run", "type", "state"):
            result[key] = value
    return result


def execution_to_dict(node: Mapping[str, Any]) -> dict[str, Any]:
    """Flattens a GraphQL execution into a dict (see :meth:`Workspace.list_executions`)."""
    result: dict[str, Any] = {
        "id": _entity_id(node["id"]),
        "type": node.get("type"),
        "state": node.get("state"),
        "workspace": node.get("workspace"),
    }
    run = _first_run(node.get("contexts"))
    if run is not None:
        result["run"] = run
    result.update(
        name=node.get("name"),
        description=node.get("description"),
        labels=labels_from_output(node.get("labels")),
        properties=_properties(node.get("properties")),
        external_id=node.get("externalId"),
        create_time=node.get("createTime"),
    )
    return result


def context_to_dict(node: Mapping[str, Any]) -> dict[str, Any]:
    """Flattens a GraphQL context into a dict (see :meth:`Workspace.list_contexts`)."""
    return {
        "id": _entity_id(node["id"]),
        "type": node.get("type"),
        "workspace": node.get("workspace"),
        "name": node.get("name"),
        "description": node.get("description"),
        "labels": labels_from_output(node.get("labels")),
        "properties": _properties(node.get("properties")),
        "external_id": node.get("externalId"),
        "create_time": node.get("createTime"),
    }
