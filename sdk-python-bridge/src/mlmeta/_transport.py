"""HTTP(S) transport of the GraphQL client and the TLS context it uses.

A :class:`Transport` only moves bytes: it posts a body and returns the response whatever its status,
and raises :class:`TransportError` when no response arrives. Interpreting the response is the
GraphQL client's job (:mod:`mlmeta.client`).
"""

import http.client
import os
import socket
import ssl
import tempfile
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Optional, Protocol, Union

__all__ = [
    "HttpResponse",
    "Transport",
    "TransportError",
    "UrllibTransport",
    "build_ssl_context",
]


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
            raise TransportError(f"cannot reach {url}: {error.reason}") from error
        except (OSError, http.client.HTTPException, socket.timeout) as error:
            raise TransportError(f"request to {url} failed: {error!r}") from error


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
        # ssl loads client certificates only from files; the directory is removed once loaded.
        with tempfile.TemporaryDirectory(prefix="mlmeta-tls-") as directory:
            cert_path = os.path.join(directory, "cert.pem")
            with open(cert_path, "wb") as handle:
                handle.write(client_cert_pem)
            key_path: Optional[str] = None
            if client_key_pem:
                key_path = os.path.join(directory, "key.pem")
                # Owner-only from the moment it exists: the file holds a private key.
                with open(os.open(key_path, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as handle:
                    handle.write(client_key_pem)
            context.load_cert_chain(cert_path, key_path)
    return context
