"""The GraphQL documents the client sends, and the fields it reads of each entity.

The documents are f-strings, so ``{{`` and ``}}`` are GraphQL's own braces.
"""

__all__ = [
    "ARTIFACT_SELECTION",
    "EXECUTION_SELECTION",
    "CONTEXT_SELECTION",
    "WORKSPACE_SELECTION",
    "WHOAMI",
    "CREATE_WORKSPACE",
    "WORKSPACE",
    "CREATE_CONTEXT",
    "RECORD_EXECUTION",
    "LINEAGE_QUERY",
    "LINEAGE_DIRECTIONS",
    "LIST_KINDS",
    "entity_query",
    "list_query",
]

WHOAMI = "query Whoami { whoami { subject groups kind } }"
"""Who the server takes the caller to be."""

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

CREATE_WORKSPACE = (
    "mutation CreateWorkspace($name: String!, $description: String,"
    " $labels: [LabelInput], $reuse: Boolean) {"
    " createWorkspace(name: $name, description: $description, labels: $labels,"
    f" reuseIfExists: $reuse) {{ {WORKSPACE_SELECTION} }} }}"
)

WORKSPACE = (
    f"query Workspace($name: String!) {{ workspace(name: $name) {{ {WORKSPACE_SELECTION} }} }}"
)

CREATE_CONTEXT = (
    "mutation CreateContext($workspace: String!, $context: ContextInput!,"
    " $reuse: Boolean) { createContext(workspace: $workspace, context: $context,"
    f" reuseIfExists: $reuse) {{ {CONTEXT_SELECTION} }} }}"
)

RECORD_EXECUTION = (
    "mutation RecordExecution($input: RecordExecutionInput!) {"
    " recordExecution(input: $input) {"
    f" execution {{ {EXECUTION_SELECTION} }}"
    f" inputs {{ {ARTIFACT_SELECTION} }}"
    f" outputs {{ {ARTIFACT_SELECTION} }}"
    f" contexts {{ {CONTEXT_SELECTION} }} lineagePosition }} }}"
)

LINEAGE_QUERY = (
    "query($a: [String], $e: [String], $d: Direction, $h: Int, $f: LineageNodeFilter,"
    " $first: Int, $after: String, $pos: BigInteger, $engine: String) {"
    " lineage(artifactIds: $a, executionIds: $e, direction: $d, maxHops: $h, filter: $f,"
    " first: $first, after: $after, minPosition: $pos, engine: $engine) {"
    " nodes { key kind id type state name uri hops redacted } edges { from to type }"
    " truncated truncation nextCursor answeredBy { engine reason mirrorPosition } } }"
)

LINEAGE_DIRECTIONS = ("UPSTREAM", "DOWNSTREAM", "BOTH")
"""The values of the schema's ``Direction`` enum."""

_ENTITY_SELECTIONS = {
    "artifact": ARTIFACT_SELECTION,
    "execution": EXECUTION_SELECTION,
    "context": CONTEXT_SELECTION,
}

_LISTS = {
    "artifacts": ("ArtifactFilter", ARTIFACT_SELECTION),
    "executions": ("ExecutionFilter", EXECUTION_SELECTION),
    "contexts": ("ContextFilter", CONTEXT_SELECTION),
}

LIST_KINDS = tuple(sorted(_LISTS))
"""The lists :func:`list_query` reads: ``artifacts``, ``contexts`` and ``executions``."""


def entity_query(kind: str) -> str:
    """The query of one ``artifact``, ``execution`` or ``context`` by its ``$id``."""
    return f"query Get($id: ID!) {{ {kind}(id: $id) {{ {_ENTITY_SELECTIONS[kind]} }} }}"


def list_query(kind: str) -> str:
    """The query of one page of a workspace's ``artifacts``, ``executions`` or ``contexts``."""
    filter_type, selection = _LISTS[kind]
    return (
        f"query List($workspace: String!, $filter: {filter_type}, $first: Int, $after: String) {{"
        f" {kind}(workspace: $workspace, filter: $filter, first: $first, after: $after) {{"
        f" nodes {{ {selection} }} pageInfo {{ hasNextPage endCursor }} }} }}"
    )
