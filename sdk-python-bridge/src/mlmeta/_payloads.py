"""Pure functions that build the GraphQL inputs of the server's operations.

Every input that creates an entity carries an external id (see :func:`new_external_id`), the
server's idempotency key: a repeated request returns what the first one created.
"""

import datetime
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

__all__ = [
    "JsonObject",
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
]

JsonObject = dict[str, Any]


def new_external_id() -> str:
    """Returns a fresh idempotency key (``py-`` followed by a random UUID)."""
    return f"py-{uuid.uuid4()}"


def labels_to_input(labels: Optional[Mapping[str, Any]]) -> Optional[list[dict[str, str]]]:
    """``{"k": "v"}`` to GraphQL ``[{key: "k", value: "v"}]`` (``None`` stays ``None``)."""
    if labels is None:
        return None
    if not isinstance(labels, Mapping):
        raise ValueError("'labels' must be a mapping of strings to strings")
    return [{"key": str(key), "value": str(value)} for key, value in labels.items()]


def labels_from_output(labels: Optional[Sequence[Mapping[str, str]]]) -> dict[str, str]:
    """GraphQL ``[{key, value}]`` to ``{key: value}``."""
    return {label["key"]: label["value"] for label in labels or []}


def _json_text(value: Union[None, str, Mapping[str, Any]], what: str) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if not isinstance(value, Mapping):
        raise ValueError(f"'{what}' must be a mapping or JSON object text")
    try:
        return json.dumps(dict(value), separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ValueError(f"'{what}' is not JSON-serialisable: {error}") from error


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
            raise TypeError(f"unknown filter criterion '{name}'")
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
