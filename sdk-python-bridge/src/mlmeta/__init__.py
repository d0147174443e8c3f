"""mlmeta: the Python client of the mlmeta metadata and lineage store.

``mlmeta.metadata`` is a drop-in for Kubeflow Metadata's ``kubeflow.metadata.metadata``;
``mlmeta.client`` is the GraphQL client underneath it; ``mlmeta.errors`` holds the exceptions.
Only the Python standard library is used.
"""

from ._version import __version__
from . import client, errors, metadata
from .errors import (
    AlreadyExistsError,
    ConflictError,
    FailedPreconditionError,
    InternalError,
    InvalidArgumentError,
    MetadataError,
    NotFoundError,
    PermissionDeniedError,
    UnauthenticatedError,
    UnavailableError,
    UnknownError,
)

__all__ = [
    "__version__",
    "client",
    "errors",
    "metadata",
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
]
